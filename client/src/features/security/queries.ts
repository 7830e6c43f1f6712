import { graphql } from '../../gql';

export const SecurityUserFragment = graphql(`
  fragment SecurityUser on User {
    id
    email
    name
    status
    mustChangePassword
    createdAt
    lastSignInAt
    teams {
      id
      name
    }
  }
`);

export const SecurityTeamFragment = graphql(`
  fragment SecurityTeam on Team {
    id
    name
    permissions
    createdAt
    members {
      id
      name
    }
  }
`);

export const ApiResourceDetailsFragment = graphql(`
  fragment ApiResourceDetails on ApiResource {
    id
    name
    audience
    description
    builtIn
    scopes {
      id
      name
      description
      apiResourceId
    }
  }
`);

export const SecurityUsersQuery = graphql(`
  query SecurityUsers {
    users {
      ...SecurityUser
    }
  }
`);

export const SecurityTeamsQuery = graphql(`
  query SecurityTeams {
    teams {
      ...SecurityTeam
    }
  }
`);

export const TenantLimitsQuery = graphql(`
  query TenantLimits {
    viewer {
      tenant {
        id
        apiClientCount
        maxClients
        maxCredentialsPerClient
        maxCredentialLifetimeDays
        tokenSigningAlgorithm
        tokenSigningAlgorithmEffectiveAt
        tokensPerHour
        tokensPerDay
        tokenQuotaMode
        maxActiveTokensPerCredential
      }
    }
  }
`);

export const ScopeCatalogQuery = graphql(`
  query ScopeCatalog {
    apiResources {
      ...ApiResourceDetails
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      temporaryPassword
      user {
        ...SecurityUser
      }
    }
  }
`);

export const UpdateUserMutation = graphql(`
  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      ...SecurityUser
    }
  }
`);

export const DisableUserMutation = graphql(`
  mutation DisableUser($id: ID!) {
    disableUser(id: $id) {
      ...SecurityUser
    }
  }
`);

export const EnableUserMutation = graphql(`
  mutation EnableUser($id: ID!) {
    enableUser(id: $id) {
      ...SecurityUser
    }
  }
`);

export const CreateTeamMutation = graphql(`
  mutation CreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) {
      ...SecurityTeam
    }
  }
`);

export const UpdateTeamMutation = graphql(`
  mutation UpdateTeam($id: ID!, $input: UpdateTeamInput!) {
    updateTeam(id: $id, input: $input) {
      ...SecurityTeam
    }
  }
`);

export const DeleteTeamMutation = graphql(`
  mutation DeleteTeam($id: ID!) {
    deleteTeam(id: $id)
  }
`);

export const UpdateTenantSettingsMutation = graphql(`
  mutation UpdateTenantSettings($input: UpdateTenantSettingsInput!) {
    updateTenantSettings(input: $input) {
      id
      apiClientCount
      maxClients
      maxCredentialsPerClient
      maxCredentialLifetimeDays
      tokenSigningAlgorithm
      tokenSigningAlgorithmEffectiveAt
      tokensPerHour
      tokensPerDay
      tokenQuotaMode
      maxActiveTokensPerCredential
    }
  }
`);

export const CreateApiResourceMutation = graphql(`
  mutation CreateApiResource($input: CreateApiResourceInput!) {
    createApiResource(input: $input) {
      ...ApiResourceDetails
    }
  }
`);

export const UpdateApiResourceMutation = graphql(`
  mutation UpdateApiResource($id: ID!, $input: UpdateApiResourceInput!) {
    updateApiResource(id: $id, input: $input) {
      ...ApiResourceDetails
    }
  }
`);

export const DeleteApiResourceMutation = graphql(`
  mutation DeleteApiResource($id: ID!) {
    deleteApiResource(id: $id)
  }
`);

export const CreateScopeMutation = graphql(`
  mutation CreateScope($apiResourceId: ID!, $input: CreateScopeInput!) {
    createScope(apiResourceId: $apiResourceId, input: $input) {
      id
      name
      description
      apiResourceId
    }
  }
`);

export const UpdateScopeMutation = graphql(`
  mutation UpdateScope($id: ID!, $input: UpdateScopeInput!) {
    updateScope(id: $id, input: $input) {
      id
      name
      description
      apiResourceId
    }
  }
`);

export const DeleteScopeMutation = graphql(`
  mutation DeleteScope($id: ID!) {
    deleteScope(id: $id)
  }
`);

// Every change here is audited, so the audit trail refreshes too. Deletes answer with an ID only,
// and a list may hold none of the changed type yet, so each context names what it changes.
/** Users and teams: the viewer's own permissions may change with them, so the session's viewer refetches. */
export const accessChangeContext = { additionalTypenames: ['User', 'Team', 'Viewer', 'AuditEvent'] };
export const tenantChangeContext = { additionalTypenames: ['Tenant', 'AuditEvent'] };
export const catalogChangeContext = { additionalTypenames: ['ApiResource', 'Scope', 'AuditEvent'] };

/** The users and teams lists show each other (a user's teams, a team's members). */
export const accessListContext = { additionalTypenames: ['User', 'Team'] };
export const catalogListContext = { additionalTypenames: ['ApiResource', 'Scope'] };

export const CredentialPolicyQuery = graphql(`
  query CredentialPolicy {
    viewer {
      tenant {
        id
        maxCredentialLifetimeDays
        credentialPolicy {
          allowedKinds
          kindLifetimes {
            kind
            maxLifetimeDays
            effectiveMaxLifetimeDays
          }
          minRsaKeyBits
          allowedKeyCurves
          personalApiKeyMaxLifetimeDays
          effectivePersonalApiKeyMaxLifetimeDays
        }
      }
    }
  }
`);

export const UpdateCredentialPolicyMutation = graphql(`
  mutation UpdateCredentialPolicy($input: UpdateCredentialPolicyInput!) {
    updateCredentialPolicy(input: $input) {
      id
      maxCredentialLifetimeDays
      credentialPolicy {
        allowedKinds
        kindLifetimes {
          kind
          maxLifetimeDays
          effectiveMaxLifetimeDays
        }
        minRsaKeyBits
        allowedKeyCurves
        personalApiKeyMaxLifetimeDays
        effectivePersonalApiKeyMaxLifetimeDays
      }
    }
  }
`);

export const CredentialPolicyViolationsQuery = graphql(`
  query CredentialPolicyViolations($first: Int, $after: String) {
    credentialPolicyViolations(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          credentialType
          label
          description
          apiClientId
          clientId
          ownerName
          expiresAt
          rules
        }
      }
    }
  }
`);

/** A policy change changes which existing credentials break it. */
export const policyChangeContext = { additionalTypenames: ['Tenant', 'AuditEvent', 'CredentialPolicyViolationConnection'] };

/** The tenant's usage-finding settings (docs/usage-findings.md). */
export const UnusedCredentialSettingsQuery = graphql(`
  query UnusedCredentialSettings {
    viewer {
      tenant {
        id
        unusedCredentialDays
        autoDisableUnusedCredentials
      }
    }
  }
`);

export const UpdateUnusedCredentialSettingsMutation = graphql(`
  mutation UpdateUnusedCredentialSettings($input: UpdateTenantSettingsInput!) {
    updateTenantSettings(input: $input) {
      id
      unusedCredentialDays
      autoDisableUnusedCredentials
    }
  }
`);
