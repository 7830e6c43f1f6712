/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangeMyPasswordDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      expiresAt\n      lastSeenAt\n      ipAddress\n      userAgent\n      current\n    }\n  }\n": typeof types.MySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": typeof types.RevokeSessionDocument,
    "\n  mutation RevokeOtherSessions {\n    revokeOtherSessions\n  }\n": typeof types.RevokeOtherSessionsDocument,
    "\n  query MyApiKeys {\n    viewer {\n      tenant {\n        id\n        maxCredentialLifetimeDays\n      }\n    }\n    myApiKeys {\n      id\n      name\n      hint\n      permissions\n      createdAt\n      expiresAt\n      lastUsedAt\n      lastUsedIp\n      status\n      revokedAt\n    }\n  }\n": typeof types.MyApiKeysDocument,
    "\n  mutation CreatePersonalApiKey($input: CreatePersonalApiKeyInput!) {\n    createPersonalApiKey(input: $input) {\n      token\n      apiKey {\n        id\n        permissions\n      }\n    }\n  }\n": typeof types.CreatePersonalApiKeyDocument,
    "\n  mutation RevokePersonalApiKey($id: ID!) {\n    revokePersonalApiKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n": typeof types.RevokePersonalApiKeyDocument,
    "\n  mutation RegeneratePersonalApiKey($id: ID!) {\n    regeneratePersonalApiKey(id: $id) {\n      token\n      apiKey {\n        id\n        hint\n        expiresAt\n        status\n      }\n    }\n  }\n": typeof types.RegeneratePersonalApiKeyDocument,
    "\n  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          occurredAt\n          action\n          actor {\n            type\n            id\n            displayName\n          }\n          target {\n            type\n            id\n            name\n          }\n          changes {\n            field\n            from\n            to\n          }\n          apiClientId\n          ipAddress\n          userAgent\n          requestId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditEventsDocument,
    "\n  query AuditClientOptions {\n    apiClients(first: 100) {\n      edges {\n        node {\n          id\n          name\n          clientId\n        }\n      }\n    }\n  }\n": typeof types.AuditClientOptionsDocument,
    "\n  query Viewer {\n    viewer {\n      actor {\n        type\n        id\n        displayName\n      }\n      permissions\n      mustChangePassword\n      tenant {\n        id\n        name\n        slug\n      }\n      user {\n        id\n        email\n        name\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  fragment ApiClientDetails on ApiClient {\n    id\n    clientId\n    identifier\n    name\n    description\n    enabled\n    contactEmails\n    allowedIpRanges\n    accessTokenLifetimeSeconds\n    requireSenderConstrainedTokens\n    tokensPerHour\n    tokensPerDay\n    tokenQuotaMode\n    maxActiveTokensPerCredential\n    scopes {\n      id\n      name\n      apiResourceId\n    }\n    createdAt\n    createdBy {\n      type\n      displayName\n    }\n    updatedAt\n    lastUsedAt\n  }\n": typeof types.ApiClientDetailsFragmentDoc,
    "\n  query ApiClientCount {\n    viewer {\n      tenant {\n        id\n        apiClientCount\n        maxClients\n        maxCredentialsPerClient\n      }\n    }\n  }\n": typeof types.ApiClientCountDocument,
    "\n  query ApiClientList($first: Int, $after: String, $search: String, $orderBy: ApiClientOrder, $withSecrets: Boolean!) {\n    apiClients(first: $first, after: $after, search: $search, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          clientId\n          enabled\n          lastUsedAt\n          credentialCount @include(if: $withSecrets)\n          nearestExpiry @include(if: $withSecrets)\n          scopes {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ApiClientListDocument,
    "\n  query ApiClient($id: ID!) {\n    apiClient(id: $id) {\n      ...ApiClientDetails\n    }\n  }\n": typeof types.ApiClientDocument,
    "\n  query ApiResources {\n    apiResources {\n      id\n      name\n      audience\n      description\n      builtIn\n      scopes {\n        id\n        name\n        description\n      }\n    }\n  }\n": typeof types.ApiResourcesDocument,
    "\n  mutation CreateApiClient($input: CreateApiClientInput!) {\n    createApiClient(input: $input) {\n      id\n      clientId\n    }\n  }\n": typeof types.CreateApiClientDocument,
    "\n  mutation UpdateApiClient($id: ID!, $input: UpdateApiClientInput!) {\n    updateApiClient(id: $id, input: $input) {\n      ...ApiClientDetails\n    }\n  }\n": typeof types.UpdateApiClientDocument,
    "\n  mutation DeleteApiClient($id: ID!) {\n    deleteApiClient(id: $id)\n  }\n": typeof types.DeleteApiClientDocument,
    "\n  query TenantIssuer {\n    viewer {\n      tenant {\n        id\n        issuer\n      }\n    }\n  }\n": typeof types.TenantIssuerDocument,
    "\n  fragment CredentialDetails on Credential {\n    id\n    apiClientId\n    type\n    description\n    createdAt\n    createdBy {\n      type\n      displayName\n    }\n    expiresAt\n    lastUsedAt\n    status\n    enabled\n    secretHint\n    replacedById\n    renewalOfId\n    certificate {\n      serialNumber\n      thumbprintSha256\n      subject\n      notBefore\n      notAfter\n      keyAlgorithm\n      fromCsr\n    }\n    privateKeyJwt {\n      keyId\n      thumbprintSha256\n      jwksUri\n    }\n    federated {\n      issuer\n      audience\n      subject\n      claims {\n        name\n        value\n      }\n    }\n  }\n": typeof types.CredentialDetailsFragmentDoc,
    "\n  query ClientCredentials($id: ID!) {\n    viewer {\n      tenant {\n        id\n        maxCredentialsPerClient\n        maxCredentialLifetimeDays\n        credentialPolicy {\n          kindLifetimes {\n            kind\n            effectiveMaxLifetimeDays\n          }\n        }\n      }\n    }\n    apiClient(id: $id) {\n      id\n      clientId\n      credentials {\n        ...CredentialDetails\n      }\n    }\n  }\n": typeof types.ClientCredentialsDocument,
    "\n  mutation CreateClientSecret($clientId: ID!, $input: CreateClientSecretInput!) {\n    createClientSecret(clientId: $clientId, input: $input) {\n      credential {\n        ...CredentialDetails\n      }\n      secret\n    }\n  }\n": typeof types.CreateClientSecretDocument,
    "\n  mutation CreateCertificate($clientId: ID!, $input: CreateCertificateInput!) {\n    createCertificate(clientId: $clientId, input: $input) {\n      credential {\n        ...CredentialDetails\n      }\n      bundle {\n        filename\n        mediaType\n        contentBase64\n      }\n      password\n    }\n  }\n": typeof types.CreateCertificateDocument,
    "\n  mutation CreatePrivateKeyJwtCredential($clientId: ID!, $input: CreatePrivateKeyJwtCredentialInput!) {\n    createPrivateKeyJwtCredential(clientId: $clientId, input: $input) {\n      ...CredentialDetails\n    }\n  }\n": typeof types.CreatePrivateKeyJwtCredentialDocument,
    "\n  mutation CreateFederatedCredential($clientId: ID!, $input: CreateFederatedCredentialInput!) {\n    createFederatedCredential(clientId: $clientId, input: $input) {\n      ...CredentialDetails\n    }\n  }\n": typeof types.CreateFederatedCredentialDocument,
    "\n  mutation RenewCertificate($id: ID!, $input: RenewCertificateInput) {\n    renewCertificate(id: $id, input: $input) {\n      credential {\n        ...CredentialDetails\n      }\n      bundle {\n        filename\n        mediaType\n        contentBase64\n      }\n      password\n    }\n  }\n": typeof types.RenewCertificateDocument,
    "\n  mutation RotateClientSecret($id: ID!, $input: RotateClientSecretInput!) {\n    rotateClientSecret(id: $id, input: $input) {\n      credential {\n        ...CredentialDetails\n      }\n      previous {\n        ...CredentialDetails\n      }\n      secret\n    }\n  }\n": typeof types.RotateClientSecretDocument,
    "\n  mutation SetCredentialEnabled($id: ID!, $enabled: Boolean!) {\n    setCredentialEnabled(id: $id, enabled: $enabled) {\n      ...CredentialDetails\n    }\n  }\n": typeof types.SetCredentialEnabledDocument,
    "\n  mutation DeleteCredential($id: ID!) {\n    deleteCredential(id: $id)\n  }\n": typeof types.DeleteCredentialDocument,
    "\n  query ExpiringCredentials($withinDays: Int!) {\n    expiringCredentials(withinDays: $withinDays) {\n      id\n      type\n      description\n      secretHint\n      certificate {\n        serialNumber\n      }\n      expiresAt\n      daysLeft\n      apiClient {\n        id\n        name\n        clientId\n      }\n      reminders {\n        id\n        stage\n        status\n        sentAt\n        recipients\n        lastError\n      }\n    }\n  }\n": typeof types.ExpiringCredentialsDocument,
    "\n  query UnusedCredentials($first: Int!, $after: String) {\n    unusedCredentials(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          type\n          description\n          lastUsedAt\n          createdAt\n          unusedDays\n          autoDisabled\n          credential {\n            id\n            secretHint\n            certificate {\n              serialNumber\n            }\n          }\n          apiClient {\n            id\n            name\n            clientId\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n    viewer {\n      tenant {\n        id\n        unusedCredentialDays\n        autoDisableUnusedCredentials\n      }\n    }\n  }\n": typeof types.UnusedCredentialsDocument,
    "\n  fragment SecurityUser on User {\n    id\n    email\n    name\n    status\n    mustChangePassword\n    createdAt\n    lastSignInAt\n    teams {\n      id\n      name\n    }\n  }\n": typeof types.SecurityUserFragmentDoc,
    "\n  fragment SecurityTeam on Team {\n    id\n    name\n    permissions\n    createdAt\n    members {\n      id\n      name\n    }\n  }\n": typeof types.SecurityTeamFragmentDoc,
    "\n  fragment ApiResourceDetails on ApiResource {\n    id\n    name\n    audience\n    description\n    builtIn\n    scopes {\n      id\n      name\n      description\n      apiResourceId\n    }\n  }\n": typeof types.ApiResourceDetailsFragmentDoc,
    "\n  query SecurityUsers {\n    users {\n      ...SecurityUser\n    }\n  }\n": typeof types.SecurityUsersDocument,
    "\n  query SecurityTeams {\n    teams {\n      ...SecurityTeam\n    }\n  }\n": typeof types.SecurityTeamsDocument,
    "\n  query TenantLimits {\n    viewer {\n      tenant {\n        id\n        apiClientCount\n        maxClients\n        maxCredentialsPerClient\n        maxCredentialLifetimeDays\n        tokenSigningAlgorithm\n        tokenSigningAlgorithmEffectiveAt\n        tokensPerHour\n        tokensPerDay\n        tokenQuotaMode\n        maxActiveTokensPerCredential\n      }\n    }\n  }\n": typeof types.TenantLimitsDocument,
    "\n  query ScopeCatalog {\n    apiResources {\n      ...ApiResourceDetails\n    }\n  }\n": typeof types.ScopeCatalogDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      temporaryPassword\n      user {\n        ...SecurityUser\n      }\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...SecurityUser\n    }\n  }\n": typeof types.UpdateUserDocument,
    "\n  mutation DisableUser($id: ID!) {\n    disableUser(id: $id) {\n      ...SecurityUser\n    }\n  }\n": typeof types.DisableUserDocument,
    "\n  mutation EnableUser($id: ID!) {\n    enableUser(id: $id) {\n      ...SecurityUser\n    }\n  }\n": typeof types.EnableUserDocument,
    "\n  mutation CreateTeam($input: CreateTeamInput!) {\n    createTeam(input: $input) {\n      ...SecurityTeam\n    }\n  }\n": typeof types.CreateTeamDocument,
    "\n  mutation UpdateTeam($id: ID!, $input: UpdateTeamInput!) {\n    updateTeam(id: $id, input: $input) {\n      ...SecurityTeam\n    }\n  }\n": typeof types.UpdateTeamDocument,
    "\n  mutation DeleteTeam($id: ID!) {\n    deleteTeam(id: $id)\n  }\n": typeof types.DeleteTeamDocument,
    "\n  mutation UpdateTenantSettings($input: UpdateTenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      id\n      apiClientCount\n      maxClients\n      maxCredentialsPerClient\n      maxCredentialLifetimeDays\n      tokenSigningAlgorithm\n      tokenSigningAlgorithmEffectiveAt\n      tokensPerHour\n      tokensPerDay\n      tokenQuotaMode\n      maxActiveTokensPerCredential\n    }\n  }\n": typeof types.UpdateTenantSettingsDocument,
    "\n  mutation CreateApiResource($input: CreateApiResourceInput!) {\n    createApiResource(input: $input) {\n      ...ApiResourceDetails\n    }\n  }\n": typeof types.CreateApiResourceDocument,
    "\n  mutation UpdateApiResource($id: ID!, $input: UpdateApiResourceInput!) {\n    updateApiResource(id: $id, input: $input) {\n      ...ApiResourceDetails\n    }\n  }\n": typeof types.UpdateApiResourceDocument,
    "\n  mutation DeleteApiResource($id: ID!) {\n    deleteApiResource(id: $id)\n  }\n": typeof types.DeleteApiResourceDocument,
    "\n  mutation CreateScope($apiResourceId: ID!, $input: CreateScopeInput!) {\n    createScope(apiResourceId: $apiResourceId, input: $input) {\n      id\n      name\n      description\n      apiResourceId\n    }\n  }\n": typeof types.CreateScopeDocument,
    "\n  mutation UpdateScope($id: ID!, $input: UpdateScopeInput!) {\n    updateScope(id: $id, input: $input) {\n      id\n      name\n      description\n      apiResourceId\n    }\n  }\n": typeof types.UpdateScopeDocument,
    "\n  mutation DeleteScope($id: ID!) {\n    deleteScope(id: $id)\n  }\n": typeof types.DeleteScopeDocument,
    "\n  query CredentialPolicy {\n    viewer {\n      tenant {\n        id\n        maxCredentialLifetimeDays\n        credentialPolicy {\n          allowedKinds\n          kindLifetimes {\n            kind\n            maxLifetimeDays\n            effectiveMaxLifetimeDays\n          }\n          minRsaKeyBits\n          allowedKeyCurves\n          personalApiKeyMaxLifetimeDays\n          effectivePersonalApiKeyMaxLifetimeDays\n        }\n      }\n    }\n  }\n": typeof types.CredentialPolicyDocument,
    "\n  mutation UpdateCredentialPolicy($input: UpdateCredentialPolicyInput!) {\n    updateCredentialPolicy(input: $input) {\n      id\n      maxCredentialLifetimeDays\n      credentialPolicy {\n        allowedKinds\n        kindLifetimes {\n          kind\n          maxLifetimeDays\n          effectiveMaxLifetimeDays\n        }\n        minRsaKeyBits\n        allowedKeyCurves\n        personalApiKeyMaxLifetimeDays\n        effectivePersonalApiKeyMaxLifetimeDays\n      }\n    }\n  }\n": typeof types.UpdateCredentialPolicyDocument,
    "\n  query CredentialPolicyViolations($first: Int, $after: String) {\n    credentialPolicyViolations(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          credentialType\n          label\n          description\n          apiClientId\n          clientId\n          ownerName\n          expiresAt\n          rules\n        }\n      }\n    }\n  }\n": typeof types.CredentialPolicyViolationsDocument,
    "\n  query UnusedCredentialSettings {\n    viewer {\n      tenant {\n        id\n        unusedCredentialDays\n        autoDisableUnusedCredentials\n      }\n    }\n  }\n": typeof types.UnusedCredentialSettingsDocument,
    "\n  mutation UpdateUnusedCredentialSettings($input: UpdateTenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      id\n      unusedCredentialDays\n      autoDisableUnusedCredentials\n    }\n  }\n": typeof types.UpdateUnusedCredentialSettingsDocument,
    "\n  query WebhookEndpoints {\n    webhookEndpoints {\n      id\n      url\n      description\n      eventTypes\n      enabled\n      failingSince\n      disabledAt\n      disabledReason\n      createdAt\n    }\n    webhookEventTypes\n  }\n": typeof types.WebhookEndpointsDocument,
    "\n  mutation CreateWebhookEndpoint($input: WebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      signingSecret\n      endpoint {\n        id\n        url\n      }\n    }\n  }\n": typeof types.CreateWebhookEndpointDocument,
    "\n  mutation UpdateWebhookEndpoint($id: ID!, $input: WebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      id\n      url\n      description\n      eventTypes\n      enabled\n      disabledAt\n      disabledReason\n    }\n  }\n": typeof types.UpdateWebhookEndpointDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n": typeof types.DeleteWebhookEndpointDocument,
    "\n  query WebhookDeliveries($endpointId: ID!, $after: String) {\n    webhookDeliveries(endpointId: $endpointId, first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          messageId\n          eventType\n          status\n          attemptCount\n          nextAttemptAt\n          lastStatusCode\n          lastError\n          deliveredAt\n          createdAt\n          attempts {\n            attemptNo\n            trigger\n            at\n            statusCode\n            latencyMs\n            error\n          }\n        }\n      }\n    }\n  }\n": typeof types.WebhookDeliveriesDocument,
    "\n  mutation RedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      ok\n      statusCode\n      message\n    }\n  }\n": typeof types.RedeliverWebhookDocument,
    "\n  mutation SendTestWebhook($endpointId: ID!) {\n    sendTestWebhook(endpointId: $endpointId) {\n      ok\n      statusCode\n      message\n    }\n  }\n": typeof types.SendTestWebhookDocument,
    "\n  fragment VaultCredentialFields on VaultCredential {\n    id\n    name\n    description\n    type\n    hint\n    status\n    enabled\n    contactEmails\n    testUrl\n    expiresAt\n    lastUsedAt\n    lastRenewedAt\n    lastRenewalError\n    accessTokenExpiresAt\n    settings {\n      placement\n      parameterName\n      grant\n      tokenUrl\n      authorizationUrl\n      clientId\n      scopes\n      audience\n      resource\n      tokenExpiresAt\n      username\n      headerNames\n    }\n  }\n": typeof types.VaultCredentialFieldsFragmentDoc,
    "\n  query VaultCredentials {\n    vaultCredentials {\n      ...VaultCredentialFields\n    }\n  }\n": typeof types.VaultCredentialsDocument,
    "\n  mutation CreateVaultCredential($input: VaultCredentialInput!) {\n    createVaultCredential(input: $input) {\n      ...VaultCredentialFields\n    }\n  }\n": typeof types.CreateVaultCredentialDocument,
    "\n  mutation UpdateVaultCredential($id: ID!, $input: VaultCredentialInput!) {\n    updateVaultCredential(id: $id, input: $input) {\n      ...VaultCredentialFields\n    }\n  }\n": typeof types.UpdateVaultCredentialDocument,
    "\n  mutation DeleteVaultCredential($id: ID!) {\n    deleteVaultCredential(id: $id)\n  }\n": typeof types.DeleteVaultCredentialDocument,
    "\n  mutation RenewVaultCredential($id: ID!) {\n    renewVaultCredential(id: $id) {\n      ...VaultCredentialFields\n    }\n  }\n": typeof types.RenewVaultCredentialDocument,
    "\n  mutation TestVaultCredential($id: ID!) {\n    testVaultCredential(id: $id) {\n      ok\n      status\n      latencyMs\n      message\n      url\n    }\n  }\n": typeof types.TestVaultCredentialDocument,
    "\n  mutation TestVaultCredentialDraft($input: VaultCredentialInput!, $url: String, $id: ID) {\n    testVaultCredentialDraft(input: $input, url: $url, id: $id) {\n      ok\n      status\n      latencyMs\n      message\n      url\n    }\n  }\n": typeof types.TestVaultCredentialDraftDocument,
    "\n  mutation ConnectVaultCredential($id: ID!) {\n    connectVaultCredential(id: $id)\n  }\n": typeof types.ConnectVaultCredentialDocument,
};
const documents: Documents = {
    "\n  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangeMyPasswordDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      expiresAt\n      lastSeenAt\n      ipAddress\n      userAgent\n      current\n    }\n  }\n": types.MySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": types.RevokeSessionDocument,
    "\n  mutation RevokeOtherSessions {\n    revokeOtherSessions\n  }\n": types.RevokeOtherSessionsDocument,
    "\n  query MyApiKeys {\n    viewer {\n      tenant {\n        id\n        maxCredentialLifetimeDays\n      }\n    }\n    myApiKeys {\n      id\n      name\n      hint\n      permissions\n      createdAt\n      expiresAt\n      lastUsedAt\n      lastUsedIp\n      status\n      revokedAt\n    }\n  }\n": types.MyApiKeysDocument,
    "\n  mutation CreatePersonalApiKey($input: CreatePersonalApiKeyInput!) {\n    createPersonalApiKey(input: $input) {\n      token\n      apiKey {\n        id\n        permissions\n      }\n    }\n  }\n": types.CreatePersonalApiKeyDocument,
    "\n  mutation RevokePersonalApiKey($id: ID!) {\n    revokePersonalApiKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n": types.RevokePersonalApiKeyDocument,
    "\n  mutation RegeneratePersonalApiKey($id: ID!) {\n    regeneratePersonalApiKey(id: $id) {\n      token\n      apiKey {\n        id\n        hint\n        expiresAt\n        status\n      }\n    }\n  }\n": types.RegeneratePersonalApiKeyDocument,
    "\n  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          occurredAt\n          action\n          actor {\n            type\n            id\n            displayName\n          }\n          target {\n            type\n            id\n            name\n          }\n          changes {\n            field\n            from\n            to\n          }\n          apiClientId\n          ipAddress\n          userAgent\n          requestId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditEventsDocument,
    "\n  query AuditClientOptions {\n    apiClients(first: 100) {\n      edges {\n        node {\n          id\n          name\n          clientId\n        }\n      }\n    }\n  }\n": types.AuditClientOptionsDocument,
    "\n  query Viewer {\n    viewer {\n      actor {\n        type\n        id\n        displayName\n      }\n      permissions\n      mustChangePassword\n      tenant {\n        id\n        name\n        slug\n      }\n      user {\n        id\n        email\n        name\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  fragment ApiClientDetails on ApiClient {\n    id\n    clientId\n    identifier\n    name\n    description\n    enabled\n    contactEmails\n    allowedIpRanges\n    accessTokenLifetimeSeconds\n    requireSenderConstrainedTokens\n    tokensPerHour\n    tokensPerDay\n    tokenQuotaMode\n    maxActiveTokensPerCredential\n    scopes {\n      id\n      name\n      apiResourceId\n    }\n    createdAt\n    createdBy {\n      type\n      displayName\n    }\n    updatedAt\n    lastUsedAt\n  }\n": types.ApiClientDetailsFragmentDoc,
    "\n  query ApiClientCount {\n    viewer {\n      tenant {\n        id\n        apiClientCount\n        maxClients\n        maxCredentialsPerClient\n      }\n    }\n  }\n": types.ApiClientCountDocument,
    "\n  query ApiClientList($first: Int, $after: String, $search: String, $orderBy: ApiClientOrder, $withSecrets: Boolean!) {\n    apiClients(first: $first, after: $after, search: $search, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          clientId\n          enabled\n          lastUsedAt\n          credentialCount @include(if: $withSecrets)\n          nearestExpiry @include(if: $withSecrets)\n          scopes {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ApiClientListDocument,
    "\n  query ApiClient($id: ID!) {\n    apiClient(id: $id) {\n      ...ApiClientDetails\n    }\n  }\n": types.ApiClientDocument,
    "\n  query ApiResources {\n    apiResources {\n      id\n      name\n      audience\n      description\n      builtIn\n      scopes {\n        id\n        name\n        description\n      }\n    }\n  }\n": types.ApiResourcesDocument,
    "\n  mutation CreateApiClient($input: CreateApiClientInput!) {\n    createApiClient(input: $input) {\n      id\n      clientId\n    }\n  }\n": types.CreateApiClientDocument,
    "\n  mutation UpdateApiClient($id: ID!, $input: UpdateApiClientInput!) {\n    updateApiClient(id: $id, input: $input) {\n      ...ApiClientDetails\n    }\n  }\n": types.UpdateApiClientDocument,
    "\n  mutation DeleteApiClient($id: ID!) {\n    deleteApiClient(id: $id)\n  }\n": types.DeleteApiClientDocument,
    "\n  query TenantIssuer {\n    viewer {\n      tenant {\n        id\n        issuer\n      }\n    }\n  }\n": types.TenantIssuerDocument,
    "\n  fragment CredentialDetails on Credential {\n    id\n    apiClientId\n    type\n    description\n    createdAt\n    createdBy {\n      type\n      displayName\n    }\n    expiresAt\n    lastUsedAt\n    status\n    enabled\n    secretHint\n    replacedById\n    renewalOfId\n    certificate {\n      serialNumber\n      thumbprintSha256\n      subject\n      notBefore\n      notAfter\n      keyAlgorithm\n      fromCsr\n    }\n    privateKeyJwt {\n      keyId\n      thumbprintSha256\n      jwksUri\n    }\n    federated {\n      issuer\n      audience\n      subject\n      claims {\n        name\n        value\n      }\n    }\n  }\n": types.CredentialDetailsFragmentDoc,
    "\n  query ClientCredentials($id: ID!) {\n    viewer {\n      tenant {\n        id\n        maxCredentialsPerClient\n        maxCredentialLifetimeDays\n        credentialPolicy {\n          kindLifetimes {\n            kind\n            effectiveMaxLifetimeDays\n          }\n        }\n      }\n    }\n    apiClient(id: $id) {\n      id\n      clientId\n      credentials {\n        ...CredentialDetails\n      }\n    }\n  }\n": types.ClientCredentialsDocument,
    "\n  mutation CreateClientSecret($clientId: ID!, $input: CreateClientSecretInput!) {\n    createClientSecret(clientId: $clientId, input: $input) {\n      credential {\n        ...CredentialDetails\n      }\n      secret\n    }\n  }\n": types.CreateClientSecretDocument,
    "\n  mutation CreateCertificate($clientId: ID!, $input: CreateCertificateInput!) {\n    createCertificate(clientId: $clientId, input: $input) {\n      credential {\n        ...CredentialDetails\n      }\n      bundle {\n        filename\n        mediaType\n        contentBase64\n      }\n      password\n    }\n  }\n": types.CreateCertificateDocument,
    "\n  mutation CreatePrivateKeyJwtCredential($clientId: ID!, $input: CreatePrivateKeyJwtCredentialInput!) {\n    createPrivateKeyJwtCredential(clientId: $clientId, input: $input) {\n      ...CredentialDetails\n    }\n  }\n": types.CreatePrivateKeyJwtCredentialDocument,
    "\n  mutation CreateFederatedCredential($clientId: ID!, $input: CreateFederatedCredentialInput!) {\n    createFederatedCredential(clientId: $clientId, input: $input) {\n      ...CredentialDetails\n    }\n  }\n": types.CreateFederatedCredentialDocument,
    "\n  mutation RenewCertificate($id: ID!, $input: RenewCertificateInput) {\n    renewCertificate(id: $id, input: $input) {\n      credential {\n        ...CredentialDetails\n      }\n      bundle {\n        filename\n        mediaType\n        contentBase64\n      }\n      password\n    }\n  }\n": types.RenewCertificateDocument,
    "\n  mutation RotateClientSecret($id: ID!, $input: RotateClientSecretInput!) {\n    rotateClientSecret(id: $id, input: $input) {\n      credential {\n        ...CredentialDetails\n      }\n      previous {\n        ...CredentialDetails\n      }\n      secret\n    }\n  }\n": types.RotateClientSecretDocument,
    "\n  mutation SetCredentialEnabled($id: ID!, $enabled: Boolean!) {\n    setCredentialEnabled(id: $id, enabled: $enabled) {\n      ...CredentialDetails\n    }\n  }\n": types.SetCredentialEnabledDocument,
    "\n  mutation DeleteCredential($id: ID!) {\n    deleteCredential(id: $id)\n  }\n": types.DeleteCredentialDocument,
    "\n  query ExpiringCredentials($withinDays: Int!) {\n    expiringCredentials(withinDays: $withinDays) {\n      id\n      type\n      description\n      secretHint\n      certificate {\n        serialNumber\n      }\n      expiresAt\n      daysLeft\n      apiClient {\n        id\n        name\n        clientId\n      }\n      reminders {\n        id\n        stage\n        status\n        sentAt\n        recipients\n        lastError\n      }\n    }\n  }\n": types.ExpiringCredentialsDocument,
    "\n  query UnusedCredentials($first: Int!, $after: String) {\n    unusedCredentials(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          type\n          description\n          lastUsedAt\n          createdAt\n          unusedDays\n          autoDisabled\n          credential {\n            id\n            secretHint\n            certificate {\n              serialNumber\n            }\n          }\n          apiClient {\n            id\n            name\n            clientId\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n    viewer {\n      tenant {\n        id\n        unusedCredentialDays\n        autoDisableUnusedCredentials\n      }\n    }\n  }\n": types.UnusedCredentialsDocument,
    "\n  fragment SecurityUser on User {\n    id\n    email\n    name\n    status\n    mustChangePassword\n    createdAt\n    lastSignInAt\n    teams {\n      id\n      name\n    }\n  }\n": types.SecurityUserFragmentDoc,
    "\n  fragment SecurityTeam on Team {\n    id\n    name\n    permissions\n    createdAt\n    members {\n      id\n      name\n    }\n  }\n": types.SecurityTeamFragmentDoc,
    "\n  fragment ApiResourceDetails on ApiResource {\n    id\n    name\n    audience\n    description\n    builtIn\n    scopes {\n      id\n      name\n      description\n      apiResourceId\n    }\n  }\n": types.ApiResourceDetailsFragmentDoc,
    "\n  query SecurityUsers {\n    users {\n      ...SecurityUser\n    }\n  }\n": types.SecurityUsersDocument,
    "\n  query SecurityTeams {\n    teams {\n      ...SecurityTeam\n    }\n  }\n": types.SecurityTeamsDocument,
    "\n  query TenantLimits {\n    viewer {\n      tenant {\n        id\n        apiClientCount\n        maxClients\n        maxCredentialsPerClient\n        maxCredentialLifetimeDays\n        tokenSigningAlgorithm\n        tokenSigningAlgorithmEffectiveAt\n        tokensPerHour\n        tokensPerDay\n        tokenQuotaMode\n        maxActiveTokensPerCredential\n      }\n    }\n  }\n": types.TenantLimitsDocument,
    "\n  query ScopeCatalog {\n    apiResources {\n      ...ApiResourceDetails\n    }\n  }\n": types.ScopeCatalogDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      temporaryPassword\n      user {\n        ...SecurityUser\n      }\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...SecurityUser\n    }\n  }\n": types.UpdateUserDocument,
    "\n  mutation DisableUser($id: ID!) {\n    disableUser(id: $id) {\n      ...SecurityUser\n    }\n  }\n": types.DisableUserDocument,
    "\n  mutation EnableUser($id: ID!) {\n    enableUser(id: $id) {\n      ...SecurityUser\n    }\n  }\n": types.EnableUserDocument,
    "\n  mutation CreateTeam($input: CreateTeamInput!) {\n    createTeam(input: $input) {\n      ...SecurityTeam\n    }\n  }\n": types.CreateTeamDocument,
    "\n  mutation UpdateTeam($id: ID!, $input: UpdateTeamInput!) {\n    updateTeam(id: $id, input: $input) {\n      ...SecurityTeam\n    }\n  }\n": types.UpdateTeamDocument,
    "\n  mutation DeleteTeam($id: ID!) {\n    deleteTeam(id: $id)\n  }\n": types.DeleteTeamDocument,
    "\n  mutation UpdateTenantSettings($input: UpdateTenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      id\n      apiClientCount\n      maxClients\n      maxCredentialsPerClient\n      maxCredentialLifetimeDays\n      tokenSigningAlgorithm\n      tokenSigningAlgorithmEffectiveAt\n      tokensPerHour\n      tokensPerDay\n      tokenQuotaMode\n      maxActiveTokensPerCredential\n    }\n  }\n": types.UpdateTenantSettingsDocument,
    "\n  mutation CreateApiResource($input: CreateApiResourceInput!) {\n    createApiResource(input: $input) {\n      ...ApiResourceDetails\n    }\n  }\n": types.CreateApiResourceDocument,
    "\n  mutation UpdateApiResource($id: ID!, $input: UpdateApiResourceInput!) {\n    updateApiResource(id: $id, input: $input) {\n      ...ApiResourceDetails\n    }\n  }\n": types.UpdateApiResourceDocument,
    "\n  mutation DeleteApiResource($id: ID!) {\n    deleteApiResource(id: $id)\n  }\n": types.DeleteApiResourceDocument,
    "\n  mutation CreateScope($apiResourceId: ID!, $input: CreateScopeInput!) {\n    createScope(apiResourceId: $apiResourceId, input: $input) {\n      id\n      name\n      description\n      apiResourceId\n    }\n  }\n": types.CreateScopeDocument,
    "\n  mutation UpdateScope($id: ID!, $input: UpdateScopeInput!) {\n    updateScope(id: $id, input: $input) {\n      id\n      name\n      description\n      apiResourceId\n    }\n  }\n": types.UpdateScopeDocument,
    "\n  mutation DeleteScope($id: ID!) {\n    deleteScope(id: $id)\n  }\n": types.DeleteScopeDocument,
    "\n  query CredentialPolicy {\n    viewer {\n      tenant {\n        id\n        maxCredentialLifetimeDays\n        credentialPolicy {\n          allowedKinds\n          kindLifetimes {\n            kind\n            maxLifetimeDays\n            effectiveMaxLifetimeDays\n          }\n          minRsaKeyBits\n          allowedKeyCurves\n          personalApiKeyMaxLifetimeDays\n          effectivePersonalApiKeyMaxLifetimeDays\n        }\n      }\n    }\n  }\n": types.CredentialPolicyDocument,
    "\n  mutation UpdateCredentialPolicy($input: UpdateCredentialPolicyInput!) {\n    updateCredentialPolicy(input: $input) {\n      id\n      maxCredentialLifetimeDays\n      credentialPolicy {\n        allowedKinds\n        kindLifetimes {\n          kind\n          maxLifetimeDays\n          effectiveMaxLifetimeDays\n        }\n        minRsaKeyBits\n        allowedKeyCurves\n        personalApiKeyMaxLifetimeDays\n        effectivePersonalApiKeyMaxLifetimeDays\n      }\n    }\n  }\n": types.UpdateCredentialPolicyDocument,
    "\n  query CredentialPolicyViolations($first: Int, $after: String) {\n    credentialPolicyViolations(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          credentialType\n          label\n          description\n          apiClientId\n          clientId\n          ownerName\n          expiresAt\n          rules\n        }\n      }\n    }\n  }\n": types.CredentialPolicyViolationsDocument,
    "\n  query UnusedCredentialSettings {\n    viewer {\n      tenant {\n        id\n        unusedCredentialDays\n        autoDisableUnusedCredentials\n      }\n    }\n  }\n": types.UnusedCredentialSettingsDocument,
    "\n  mutation UpdateUnusedCredentialSettings($input: UpdateTenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      id\n      unusedCredentialDays\n      autoDisableUnusedCredentials\n    }\n  }\n": types.UpdateUnusedCredentialSettingsDocument,
    "\n  query WebhookEndpoints {\n    webhookEndpoints {\n      id\n      url\n      description\n      eventTypes\n      enabled\n      failingSince\n      disabledAt\n      disabledReason\n      createdAt\n    }\n    webhookEventTypes\n  }\n": types.WebhookEndpointsDocument,
    "\n  mutation CreateWebhookEndpoint($input: WebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      signingSecret\n      endpoint {\n        id\n        url\n      }\n    }\n  }\n": types.CreateWebhookEndpointDocument,
    "\n  mutation UpdateWebhookEndpoint($id: ID!, $input: WebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      id\n      url\n      description\n      eventTypes\n      enabled\n      disabledAt\n      disabledReason\n    }\n  }\n": types.UpdateWebhookEndpointDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n": types.DeleteWebhookEndpointDocument,
    "\n  query WebhookDeliveries($endpointId: ID!, $after: String) {\n    webhookDeliveries(endpointId: $endpointId, first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          messageId\n          eventType\n          status\n          attemptCount\n          nextAttemptAt\n          lastStatusCode\n          lastError\n          deliveredAt\n          createdAt\n          attempts {\n            attemptNo\n            trigger\n            at\n            statusCode\n            latencyMs\n            error\n          }\n        }\n      }\n    }\n  }\n": types.WebhookDeliveriesDocument,
    "\n  mutation RedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      ok\n      statusCode\n      message\n    }\n  }\n": types.RedeliverWebhookDocument,
    "\n  mutation SendTestWebhook($endpointId: ID!) {\n    sendTestWebhook(endpointId: $endpointId) {\n      ok\n      statusCode\n      message\n    }\n  }\n": types.SendTestWebhookDocument,
    "\n  fragment VaultCredentialFields on VaultCredential {\n    id\n    name\n    description\n    type\n    hint\n    status\n    enabled\n    contactEmails\n    testUrl\n    expiresAt\n    lastUsedAt\n    lastRenewedAt\n    lastRenewalError\n    accessTokenExpiresAt\n    settings {\n      placement\n      parameterName\n      grant\n      tokenUrl\n      authorizationUrl\n      clientId\n      scopes\n      audience\n      resource\n      tokenExpiresAt\n      username\n      headerNames\n    }\n  }\n": types.VaultCredentialFieldsFragmentDoc,
    "\n  query VaultCredentials {\n    vaultCredentials {\n      ...VaultCredentialFields\n    }\n  }\n": types.VaultCredentialsDocument,
    "\n  mutation CreateVaultCredential($input: VaultCredentialInput!) {\n    createVaultCredential(input: $input) {\n      ...VaultCredentialFields\n    }\n  }\n": types.CreateVaultCredentialDocument,
    "\n  mutation UpdateVaultCredential($id: ID!, $input: VaultCredentialInput!) {\n    updateVaultCredential(id: $id, input: $input) {\n      ...VaultCredentialFields\n    }\n  }\n": types.UpdateVaultCredentialDocument,
    "\n  mutation DeleteVaultCredential($id: ID!) {\n    deleteVaultCredential(id: $id)\n  }\n": types.DeleteVaultCredentialDocument,
    "\n  mutation RenewVaultCredential($id: ID!) {\n    renewVaultCredential(id: $id) {\n      ...VaultCredentialFields\n    }\n  }\n": types.RenewVaultCredentialDocument,
    "\n  mutation TestVaultCredential($id: ID!) {\n    testVaultCredential(id: $id) {\n      ok\n      status\n      latencyMs\n      message\n      url\n    }\n  }\n": types.TestVaultCredentialDocument,
    "\n  mutation TestVaultCredentialDraft($input: VaultCredentialInput!, $url: String, $id: ID) {\n    testVaultCredentialDraft(input: $input, url: $url, id: $id) {\n      ok\n      status\n      latencyMs\n      message\n      url\n    }\n  }\n": types.TestVaultCredentialDraftDocument,
    "\n  mutation ConnectVaultCredential($id: ID!) {\n    connectVaultCredential(id: $id)\n  }\n": types.ConnectVaultCredentialDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      expiresAt\n      lastSeenAt\n      ipAddress\n      userAgent\n      current\n    }\n  }\n"): (typeof documents)["\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      expiresAt\n      lastSeenAt\n      ipAddress\n      userAgent\n      current\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeOtherSessions {\n    revokeOtherSessions\n  }\n"): (typeof documents)["\n  mutation RevokeOtherSessions {\n    revokeOtherSessions\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyApiKeys {\n    viewer {\n      tenant {\n        id\n        maxCredentialLifetimeDays\n      }\n    }\n    myApiKeys {\n      id\n      name\n      hint\n      permissions\n      createdAt\n      expiresAt\n      lastUsedAt\n      lastUsedIp\n      status\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  query MyApiKeys {\n    viewer {\n      tenant {\n        id\n        maxCredentialLifetimeDays\n      }\n    }\n    myApiKeys {\n      id\n      name\n      hint\n      permissions\n      createdAt\n      expiresAt\n      lastUsedAt\n      lastUsedIp\n      status\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePersonalApiKey($input: CreatePersonalApiKeyInput!) {\n    createPersonalApiKey(input: $input) {\n      token\n      apiKey {\n        id\n        permissions\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePersonalApiKey($input: CreatePersonalApiKeyInput!) {\n    createPersonalApiKey(input: $input) {\n      token\n      apiKey {\n        id\n        permissions\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokePersonalApiKey($id: ID!) {\n    revokePersonalApiKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokePersonalApiKey($id: ID!) {\n    revokePersonalApiKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegeneratePersonalApiKey($id: ID!) {\n    regeneratePersonalApiKey(id: $id) {\n      token\n      apiKey {\n        id\n        hint\n        expiresAt\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RegeneratePersonalApiKey($id: ID!) {\n    regeneratePersonalApiKey(id: $id) {\n      token\n      apiKey {\n        id\n        hint\n        expiresAt\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          occurredAt\n          action\n          actor {\n            type\n            id\n            displayName\n          }\n          target {\n            type\n            id\n            name\n          }\n          changes {\n            field\n            from\n            to\n          }\n          apiClientId\n          ipAddress\n          userAgent\n          requestId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          occurredAt\n          action\n          actor {\n            type\n            id\n            displayName\n          }\n          target {\n            type\n            id\n            name\n          }\n          changes {\n            field\n            from\n            to\n          }\n          apiClientId\n          ipAddress\n          userAgent\n          requestId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditClientOptions {\n    apiClients(first: 100) {\n      edges {\n        node {\n          id\n          name\n          clientId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditClientOptions {\n    apiClients(first: 100) {\n      edges {\n        node {\n          id\n          name\n          clientId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      actor {\n        type\n        id\n        displayName\n      }\n      permissions\n      mustChangePassword\n      tenant {\n        id\n        name\n        slug\n      }\n      user {\n        id\n        email\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      actor {\n        type\n        id\n        displayName\n      }\n      permissions\n      mustChangePassword\n      tenant {\n        id\n        name\n        slug\n      }\n      user {\n        id\n        email\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiClientDetails on ApiClient {\n    id\n    clientId\n    identifier\n    name\n    description\n    enabled\n    contactEmails\n    allowedIpRanges\n    accessTokenLifetimeSeconds\n    requireSenderConstrainedTokens\n    tokensPerHour\n    tokensPerDay\n    tokenQuotaMode\n    maxActiveTokensPerCredential\n    scopes {\n      id\n      name\n      apiResourceId\n    }\n    createdAt\n    createdBy {\n      type\n      displayName\n    }\n    updatedAt\n    lastUsedAt\n  }\n"): (typeof documents)["\n  fragment ApiClientDetails on ApiClient {\n    id\n    clientId\n    identifier\n    name\n    description\n    enabled\n    contactEmails\n    allowedIpRanges\n    accessTokenLifetimeSeconds\n    requireSenderConstrainedTokens\n    tokensPerHour\n    tokensPerDay\n    tokenQuotaMode\n    maxActiveTokensPerCredential\n    scopes {\n      id\n      name\n      apiResourceId\n    }\n    createdAt\n    createdBy {\n      type\n      displayName\n    }\n    updatedAt\n    lastUsedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiClientCount {\n    viewer {\n      tenant {\n        id\n        apiClientCount\n        maxClients\n        maxCredentialsPerClient\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiClientCount {\n    viewer {\n      tenant {\n        id\n        apiClientCount\n        maxClients\n        maxCredentialsPerClient\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiClientList($first: Int, $after: String, $search: String, $orderBy: ApiClientOrder, $withSecrets: Boolean!) {\n    apiClients(first: $first, after: $after, search: $search, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          clientId\n          enabled\n          lastUsedAt\n          credentialCount @include(if: $withSecrets)\n          nearestExpiry @include(if: $withSecrets)\n          scopes {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiClientList($first: Int, $after: String, $search: String, $orderBy: ApiClientOrder, $withSecrets: Boolean!) {\n    apiClients(first: $first, after: $after, search: $search, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          clientId\n          enabled\n          lastUsedAt\n          credentialCount @include(if: $withSecrets)\n          nearestExpiry @include(if: $withSecrets)\n          scopes {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiClient($id: ID!) {\n    apiClient(id: $id) {\n      ...ApiClientDetails\n    }\n  }\n"): (typeof documents)["\n  query ApiClient($id: ID!) {\n    apiClient(id: $id) {\n      ...ApiClientDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiResources {\n    apiResources {\n      id\n      name\n      audience\n      description\n      builtIn\n      scopes {\n        id\n        name\n        description\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiResources {\n    apiResources {\n      id\n      name\n      audience\n      description\n      builtIn\n      scopes {\n        id\n        name\n        description\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiClient($input: CreateApiClientInput!) {\n    createApiClient(input: $input) {\n      id\n      clientId\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiClient($input: CreateApiClientInput!) {\n    createApiClient(input: $input) {\n      id\n      clientId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateApiClient($id: ID!, $input: UpdateApiClientInput!) {\n    updateApiClient(id: $id, input: $input) {\n      ...ApiClientDetails\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateApiClient($id: ID!, $input: UpdateApiClientInput!) {\n    updateApiClient(id: $id, input: $input) {\n      ...ApiClientDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteApiClient($id: ID!) {\n    deleteApiClient(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteApiClient($id: ID!) {\n    deleteApiClient(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantIssuer {\n    viewer {\n      tenant {\n        id\n        issuer\n      }\n    }\n  }\n"): (typeof documents)["\n  query TenantIssuer {\n    viewer {\n      tenant {\n        id\n        issuer\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CredentialDetails on Credential {\n    id\n    apiClientId\n    type\n    description\n    createdAt\n    createdBy {\n      type\n      displayName\n    }\n    expiresAt\n    lastUsedAt\n    status\n    enabled\n    secretHint\n    replacedById\n    renewalOfId\n    certificate {\n      serialNumber\n      thumbprintSha256\n      subject\n      notBefore\n      notAfter\n      keyAlgorithm\n      fromCsr\n    }\n    privateKeyJwt {\n      keyId\n      thumbprintSha256\n      jwksUri\n    }\n    federated {\n      issuer\n      audience\n      subject\n      claims {\n        name\n        value\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CredentialDetails on Credential {\n    id\n    apiClientId\n    type\n    description\n    createdAt\n    createdBy {\n      type\n      displayName\n    }\n    expiresAt\n    lastUsedAt\n    status\n    enabled\n    secretHint\n    replacedById\n    renewalOfId\n    certificate {\n      serialNumber\n      thumbprintSha256\n      subject\n      notBefore\n      notAfter\n      keyAlgorithm\n      fromCsr\n    }\n    privateKeyJwt {\n      keyId\n      thumbprintSha256\n      jwksUri\n    }\n    federated {\n      issuer\n      audience\n      subject\n      claims {\n        name\n        value\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientCredentials($id: ID!) {\n    viewer {\n      tenant {\n        id\n        maxCredentialsPerClient\n        maxCredentialLifetimeDays\n        credentialPolicy {\n          kindLifetimes {\n            kind\n            effectiveMaxLifetimeDays\n          }\n        }\n      }\n    }\n    apiClient(id: $id) {\n      id\n      clientId\n      credentials {\n        ...CredentialDetails\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClientCredentials($id: ID!) {\n    viewer {\n      tenant {\n        id\n        maxCredentialsPerClient\n        maxCredentialLifetimeDays\n        credentialPolicy {\n          kindLifetimes {\n            kind\n            effectiveMaxLifetimeDays\n          }\n        }\n      }\n    }\n    apiClient(id: $id) {\n      id\n      clientId\n      credentials {\n        ...CredentialDetails\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateClientSecret($clientId: ID!, $input: CreateClientSecretInput!) {\n    createClientSecret(clientId: $clientId, input: $input) {\n      credential {\n        ...CredentialDetails\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation CreateClientSecret($clientId: ID!, $input: CreateClientSecretInput!) {\n    createClientSecret(clientId: $clientId, input: $input) {\n      credential {\n        ...CredentialDetails\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCertificate($clientId: ID!, $input: CreateCertificateInput!) {\n    createCertificate(clientId: $clientId, input: $input) {\n      credential {\n        ...CredentialDetails\n      }\n      bundle {\n        filename\n        mediaType\n        contentBase64\n      }\n      password\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCertificate($clientId: ID!, $input: CreateCertificateInput!) {\n    createCertificate(clientId: $clientId, input: $input) {\n      credential {\n        ...CredentialDetails\n      }\n      bundle {\n        filename\n        mediaType\n        contentBase64\n      }\n      password\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePrivateKeyJwtCredential($clientId: ID!, $input: CreatePrivateKeyJwtCredentialInput!) {\n    createPrivateKeyJwtCredential(clientId: $clientId, input: $input) {\n      ...CredentialDetails\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePrivateKeyJwtCredential($clientId: ID!, $input: CreatePrivateKeyJwtCredentialInput!) {\n    createPrivateKeyJwtCredential(clientId: $clientId, input: $input) {\n      ...CredentialDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateFederatedCredential($clientId: ID!, $input: CreateFederatedCredentialInput!) {\n    createFederatedCredential(clientId: $clientId, input: $input) {\n      ...CredentialDetails\n    }\n  }\n"): (typeof documents)["\n  mutation CreateFederatedCredential($clientId: ID!, $input: CreateFederatedCredentialInput!) {\n    createFederatedCredential(clientId: $clientId, input: $input) {\n      ...CredentialDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenewCertificate($id: ID!, $input: RenewCertificateInput) {\n    renewCertificate(id: $id, input: $input) {\n      credential {\n        ...CredentialDetails\n      }\n      bundle {\n        filename\n        mediaType\n        contentBase64\n      }\n      password\n    }\n  }\n"): (typeof documents)["\n  mutation RenewCertificate($id: ID!, $input: RenewCertificateInput) {\n    renewCertificate(id: $id, input: $input) {\n      credential {\n        ...CredentialDetails\n      }\n      bundle {\n        filename\n        mediaType\n        contentBase64\n      }\n      password\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateClientSecret($id: ID!, $input: RotateClientSecretInput!) {\n    rotateClientSecret(id: $id, input: $input) {\n      credential {\n        ...CredentialDetails\n      }\n      previous {\n        ...CredentialDetails\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation RotateClientSecret($id: ID!, $input: RotateClientSecretInput!) {\n    rotateClientSecret(id: $id, input: $input) {\n      credential {\n        ...CredentialDetails\n      }\n      previous {\n        ...CredentialDetails\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCredentialEnabled($id: ID!, $enabled: Boolean!) {\n    setCredentialEnabled(id: $id, enabled: $enabled) {\n      ...CredentialDetails\n    }\n  }\n"): (typeof documents)["\n  mutation SetCredentialEnabled($id: ID!, $enabled: Boolean!) {\n    setCredentialEnabled(id: $id, enabled: $enabled) {\n      ...CredentialDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCredential($id: ID!) {\n    deleteCredential(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteCredential($id: ID!) {\n    deleteCredential(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExpiringCredentials($withinDays: Int!) {\n    expiringCredentials(withinDays: $withinDays) {\n      id\n      type\n      description\n      secretHint\n      certificate {\n        serialNumber\n      }\n      expiresAt\n      daysLeft\n      apiClient {\n        id\n        name\n        clientId\n      }\n      reminders {\n        id\n        stage\n        status\n        sentAt\n        recipients\n        lastError\n      }\n    }\n  }\n"): (typeof documents)["\n  query ExpiringCredentials($withinDays: Int!) {\n    expiringCredentials(withinDays: $withinDays) {\n      id\n      type\n      description\n      secretHint\n      certificate {\n        serialNumber\n      }\n      expiresAt\n      daysLeft\n      apiClient {\n        id\n        name\n        clientId\n      }\n      reminders {\n        id\n        stage\n        status\n        sentAt\n        recipients\n        lastError\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnusedCredentials($first: Int!, $after: String) {\n    unusedCredentials(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          type\n          description\n          lastUsedAt\n          createdAt\n          unusedDays\n          autoDisabled\n          credential {\n            id\n            secretHint\n            certificate {\n              serialNumber\n            }\n          }\n          apiClient {\n            id\n            name\n            clientId\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n    viewer {\n      tenant {\n        id\n        unusedCredentialDays\n        autoDisableUnusedCredentials\n      }\n    }\n  }\n"): (typeof documents)["\n  query UnusedCredentials($first: Int!, $after: String) {\n    unusedCredentials(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          type\n          description\n          lastUsedAt\n          createdAt\n          unusedDays\n          autoDisabled\n          credential {\n            id\n            secretHint\n            certificate {\n              serialNumber\n            }\n          }\n          apiClient {\n            id\n            name\n            clientId\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n    viewer {\n      tenant {\n        id\n        unusedCredentialDays\n        autoDisableUnusedCredentials\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SecurityUser on User {\n    id\n    email\n    name\n    status\n    mustChangePassword\n    createdAt\n    lastSignInAt\n    teams {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment SecurityUser on User {\n    id\n    email\n    name\n    status\n    mustChangePassword\n    createdAt\n    lastSignInAt\n    teams {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SecurityTeam on Team {\n    id\n    name\n    permissions\n    createdAt\n    members {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment SecurityTeam on Team {\n    id\n    name\n    permissions\n    createdAt\n    members {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiResourceDetails on ApiResource {\n    id\n    name\n    audience\n    description\n    builtIn\n    scopes {\n      id\n      name\n      description\n      apiResourceId\n    }\n  }\n"): (typeof documents)["\n  fragment ApiResourceDetails on ApiResource {\n    id\n    name\n    audience\n    description\n    builtIn\n    scopes {\n      id\n      name\n      description\n      apiResourceId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecurityUsers {\n    users {\n      ...SecurityUser\n    }\n  }\n"): (typeof documents)["\n  query SecurityUsers {\n    users {\n      ...SecurityUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecurityTeams {\n    teams {\n      ...SecurityTeam\n    }\n  }\n"): (typeof documents)["\n  query SecurityTeams {\n    teams {\n      ...SecurityTeam\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantLimits {\n    viewer {\n      tenant {\n        id\n        apiClientCount\n        maxClients\n        maxCredentialsPerClient\n        maxCredentialLifetimeDays\n        tokenSigningAlgorithm\n        tokenSigningAlgorithmEffectiveAt\n        tokensPerHour\n        tokensPerDay\n        tokenQuotaMode\n        maxActiveTokensPerCredential\n      }\n    }\n  }\n"): (typeof documents)["\n  query TenantLimits {\n    viewer {\n      tenant {\n        id\n        apiClientCount\n        maxClients\n        maxCredentialsPerClient\n        maxCredentialLifetimeDays\n        tokenSigningAlgorithm\n        tokenSigningAlgorithmEffectiveAt\n        tokensPerHour\n        tokensPerDay\n        tokenQuotaMode\n        maxActiveTokensPerCredential\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScopeCatalog {\n    apiResources {\n      ...ApiResourceDetails\n    }\n  }\n"): (typeof documents)["\n  query ScopeCatalog {\n    apiResources {\n      ...ApiResourceDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      temporaryPassword\n      user {\n        ...SecurityUser\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      temporaryPassword\n      user {\n        ...SecurityUser\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...SecurityUser\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...SecurityUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableUser($id: ID!) {\n    disableUser(id: $id) {\n      ...SecurityUser\n    }\n  }\n"): (typeof documents)["\n  mutation DisableUser($id: ID!) {\n    disableUser(id: $id) {\n      ...SecurityUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnableUser($id: ID!) {\n    enableUser(id: $id) {\n      ...SecurityUser\n    }\n  }\n"): (typeof documents)["\n  mutation EnableUser($id: ID!) {\n    enableUser(id: $id) {\n      ...SecurityUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTeam($input: CreateTeamInput!) {\n    createTeam(input: $input) {\n      ...SecurityTeam\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTeam($input: CreateTeamInput!) {\n    createTeam(input: $input) {\n      ...SecurityTeam\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateTeam($id: ID!, $input: UpdateTeamInput!) {\n    updateTeam(id: $id, input: $input) {\n      ...SecurityTeam\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateTeam($id: ID!, $input: UpdateTeamInput!) {\n    updateTeam(id: $id, input: $input) {\n      ...SecurityTeam\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteTeam($id: ID!) {\n    deleteTeam(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteTeam($id: ID!) {\n    deleteTeam(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateTenantSettings($input: UpdateTenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      id\n      apiClientCount\n      maxClients\n      maxCredentialsPerClient\n      maxCredentialLifetimeDays\n      tokenSigningAlgorithm\n      tokenSigningAlgorithmEffectiveAt\n      tokensPerHour\n      tokensPerDay\n      tokenQuotaMode\n      maxActiveTokensPerCredential\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateTenantSettings($input: UpdateTenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      id\n      apiClientCount\n      maxClients\n      maxCredentialsPerClient\n      maxCredentialLifetimeDays\n      tokenSigningAlgorithm\n      tokenSigningAlgorithmEffectiveAt\n      tokensPerHour\n      tokensPerDay\n      tokenQuotaMode\n      maxActiveTokensPerCredential\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiResource($input: CreateApiResourceInput!) {\n    createApiResource(input: $input) {\n      ...ApiResourceDetails\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiResource($input: CreateApiResourceInput!) {\n    createApiResource(input: $input) {\n      ...ApiResourceDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateApiResource($id: ID!, $input: UpdateApiResourceInput!) {\n    updateApiResource(id: $id, input: $input) {\n      ...ApiResourceDetails\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateApiResource($id: ID!, $input: UpdateApiResourceInput!) {\n    updateApiResource(id: $id, input: $input) {\n      ...ApiResourceDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteApiResource($id: ID!) {\n    deleteApiResource(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteApiResource($id: ID!) {\n    deleteApiResource(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateScope($apiResourceId: ID!, $input: CreateScopeInput!) {\n    createScope(apiResourceId: $apiResourceId, input: $input) {\n      id\n      name\n      description\n      apiResourceId\n    }\n  }\n"): (typeof documents)["\n  mutation CreateScope($apiResourceId: ID!, $input: CreateScopeInput!) {\n    createScope(apiResourceId: $apiResourceId, input: $input) {\n      id\n      name\n      description\n      apiResourceId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateScope($id: ID!, $input: UpdateScopeInput!) {\n    updateScope(id: $id, input: $input) {\n      id\n      name\n      description\n      apiResourceId\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateScope($id: ID!, $input: UpdateScopeInput!) {\n    updateScope(id: $id, input: $input) {\n      id\n      name\n      description\n      apiResourceId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteScope($id: ID!) {\n    deleteScope(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteScope($id: ID!) {\n    deleteScope(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CredentialPolicy {\n    viewer {\n      tenant {\n        id\n        maxCredentialLifetimeDays\n        credentialPolicy {\n          allowedKinds\n          kindLifetimes {\n            kind\n            maxLifetimeDays\n            effectiveMaxLifetimeDays\n          }\n          minRsaKeyBits\n          allowedKeyCurves\n          personalApiKeyMaxLifetimeDays\n          effectivePersonalApiKeyMaxLifetimeDays\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CredentialPolicy {\n    viewer {\n      tenant {\n        id\n        maxCredentialLifetimeDays\n        credentialPolicy {\n          allowedKinds\n          kindLifetimes {\n            kind\n            maxLifetimeDays\n            effectiveMaxLifetimeDays\n          }\n          minRsaKeyBits\n          allowedKeyCurves\n          personalApiKeyMaxLifetimeDays\n          effectivePersonalApiKeyMaxLifetimeDays\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCredentialPolicy($input: UpdateCredentialPolicyInput!) {\n    updateCredentialPolicy(input: $input) {\n      id\n      maxCredentialLifetimeDays\n      credentialPolicy {\n        allowedKinds\n        kindLifetimes {\n          kind\n          maxLifetimeDays\n          effectiveMaxLifetimeDays\n        }\n        minRsaKeyBits\n        allowedKeyCurves\n        personalApiKeyMaxLifetimeDays\n        effectivePersonalApiKeyMaxLifetimeDays\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCredentialPolicy($input: UpdateCredentialPolicyInput!) {\n    updateCredentialPolicy(input: $input) {\n      id\n      maxCredentialLifetimeDays\n      credentialPolicy {\n        allowedKinds\n        kindLifetimes {\n          kind\n          maxLifetimeDays\n          effectiveMaxLifetimeDays\n        }\n        minRsaKeyBits\n        allowedKeyCurves\n        personalApiKeyMaxLifetimeDays\n        effectivePersonalApiKeyMaxLifetimeDays\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CredentialPolicyViolations($first: Int, $after: String) {\n    credentialPolicyViolations(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          credentialType\n          label\n          description\n          apiClientId\n          clientId\n          ownerName\n          expiresAt\n          rules\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CredentialPolicyViolations($first: Int, $after: String) {\n    credentialPolicyViolations(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          credentialType\n          label\n          description\n          apiClientId\n          clientId\n          ownerName\n          expiresAt\n          rules\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnusedCredentialSettings {\n    viewer {\n      tenant {\n        id\n        unusedCredentialDays\n        autoDisableUnusedCredentials\n      }\n    }\n  }\n"): (typeof documents)["\n  query UnusedCredentialSettings {\n    viewer {\n      tenant {\n        id\n        unusedCredentialDays\n        autoDisableUnusedCredentials\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUnusedCredentialSettings($input: UpdateTenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      id\n      unusedCredentialDays\n      autoDisableUnusedCredentials\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUnusedCredentialSettings($input: UpdateTenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      id\n      unusedCredentialDays\n      autoDisableUnusedCredentials\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookEndpoints {\n    webhookEndpoints {\n      id\n      url\n      description\n      eventTypes\n      enabled\n      failingSince\n      disabledAt\n      disabledReason\n      createdAt\n    }\n    webhookEventTypes\n  }\n"): (typeof documents)["\n  query WebhookEndpoints {\n    webhookEndpoints {\n      id\n      url\n      description\n      eventTypes\n      enabled\n      failingSince\n      disabledAt\n      disabledReason\n      createdAt\n    }\n    webhookEventTypes\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookEndpoint($input: WebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      signingSecret\n      endpoint {\n        id\n        url\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhookEndpoint($input: WebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      signingSecret\n      endpoint {\n        id\n        url\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateWebhookEndpoint($id: ID!, $input: WebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      id\n      url\n      description\n      eventTypes\n      enabled\n      disabledAt\n      disabledReason\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateWebhookEndpoint($id: ID!, $input: WebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      id\n      url\n      description\n      eventTypes\n      enabled\n      disabledAt\n      disabledReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeliveries($endpointId: ID!, $after: String) {\n    webhookDeliveries(endpointId: $endpointId, first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          messageId\n          eventType\n          status\n          attemptCount\n          nextAttemptAt\n          lastStatusCode\n          lastError\n          deliveredAt\n          createdAt\n          attempts {\n            attemptNo\n            trigger\n            at\n            statusCode\n            latencyMs\n            error\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookDeliveries($endpointId: ID!, $after: String) {\n    webhookDeliveries(endpointId: $endpointId, first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          messageId\n          eventType\n          status\n          attemptCount\n          nextAttemptAt\n          lastStatusCode\n          lastError\n          deliveredAt\n          createdAt\n          attempts {\n            attemptNo\n            trigger\n            at\n            statusCode\n            latencyMs\n            error\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      ok\n      statusCode\n      message\n    }\n  }\n"): (typeof documents)["\n  mutation RedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      ok\n      statusCode\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendTestWebhook($endpointId: ID!) {\n    sendTestWebhook(endpointId: $endpointId) {\n      ok\n      statusCode\n      message\n    }\n  }\n"): (typeof documents)["\n  mutation SendTestWebhook($endpointId: ID!) {\n    sendTestWebhook(endpointId: $endpointId) {\n      ok\n      statusCode\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VaultCredentialFields on VaultCredential {\n    id\n    name\n    description\n    type\n    hint\n    status\n    enabled\n    contactEmails\n    testUrl\n    expiresAt\n    lastUsedAt\n    lastRenewedAt\n    lastRenewalError\n    accessTokenExpiresAt\n    settings {\n      placement\n      parameterName\n      grant\n      tokenUrl\n      authorizationUrl\n      clientId\n      scopes\n      audience\n      resource\n      tokenExpiresAt\n      username\n      headerNames\n    }\n  }\n"): (typeof documents)["\n  fragment VaultCredentialFields on VaultCredential {\n    id\n    name\n    description\n    type\n    hint\n    status\n    enabled\n    contactEmails\n    testUrl\n    expiresAt\n    lastUsedAt\n    lastRenewedAt\n    lastRenewalError\n    accessTokenExpiresAt\n    settings {\n      placement\n      parameterName\n      grant\n      tokenUrl\n      authorizationUrl\n      clientId\n      scopes\n      audience\n      resource\n      tokenExpiresAt\n      username\n      headerNames\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VaultCredentials {\n    vaultCredentials {\n      ...VaultCredentialFields\n    }\n  }\n"): (typeof documents)["\n  query VaultCredentials {\n    vaultCredentials {\n      ...VaultCredentialFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateVaultCredential($input: VaultCredentialInput!) {\n    createVaultCredential(input: $input) {\n      ...VaultCredentialFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateVaultCredential($input: VaultCredentialInput!) {\n    createVaultCredential(input: $input) {\n      ...VaultCredentialFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateVaultCredential($id: ID!, $input: VaultCredentialInput!) {\n    updateVaultCredential(id: $id, input: $input) {\n      ...VaultCredentialFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateVaultCredential($id: ID!, $input: VaultCredentialInput!) {\n    updateVaultCredential(id: $id, input: $input) {\n      ...VaultCredentialFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteVaultCredential($id: ID!) {\n    deleteVaultCredential(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteVaultCredential($id: ID!) {\n    deleteVaultCredential(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenewVaultCredential($id: ID!) {\n    renewVaultCredential(id: $id) {\n      ...VaultCredentialFields\n    }\n  }\n"): (typeof documents)["\n  mutation RenewVaultCredential($id: ID!) {\n    renewVaultCredential(id: $id) {\n      ...VaultCredentialFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestVaultCredential($id: ID!) {\n    testVaultCredential(id: $id) {\n      ok\n      status\n      latencyMs\n      message\n      url\n    }\n  }\n"): (typeof documents)["\n  mutation TestVaultCredential($id: ID!) {\n    testVaultCredential(id: $id) {\n      ok\n      status\n      latencyMs\n      message\n      url\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestVaultCredentialDraft($input: VaultCredentialInput!, $url: String, $id: ID) {\n    testVaultCredentialDraft(input: $input, url: $url, id: $id) {\n      ok\n      status\n      latencyMs\n      message\n      url\n    }\n  }\n"): (typeof documents)["\n  mutation TestVaultCredentialDraft($input: VaultCredentialInput!, $url: String, $id: ID) {\n    testVaultCredentialDraft(input: $input, url: $url, id: $id) {\n      ok\n      status\n      latencyMs\n      message\n      url\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConnectVaultCredential($id: ID!) {\n    connectVaultCredential(id: $id)\n  }\n"): (typeof documents)["\n  mutation ConnectVaultCredential($id: ID!) {\n    connectVaultCredential(id: $id)\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;