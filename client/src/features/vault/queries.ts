import { graphql } from '../../gql';

export const VaultCredentialFields = graphql(`
  fragment VaultCredentialFields on VaultCredential {
    id
    name
    description
    type
    hint
    status
    enabled
    contactEmails
    testUrl
    expiresAt
    lastUsedAt
    lastRenewedAt
    lastRenewalError
    accessTokenExpiresAt
    settings {
      placement
      parameterName
      grant
      tokenUrl
      authorizationUrl
      clientId
      scopes
      audience
      resource
      tokenExpiresAt
      username
      headerNames
    }
  }
`);

export const VaultCredentialsQuery = graphql(`
  query VaultCredentials {
    vaultCredentials {
      ...VaultCredentialFields
    }
  }
`);

export const CreateVaultCredentialMutation = graphql(`
  mutation CreateVaultCredential($input: VaultCredentialInput!) {
    createVaultCredential(input: $input) {
      ...VaultCredentialFields
    }
  }
`);

export const UpdateVaultCredentialMutation = graphql(`
  mutation UpdateVaultCredential($id: ID!, $input: VaultCredentialInput!) {
    updateVaultCredential(id: $id, input: $input) {
      ...VaultCredentialFields
    }
  }
`);

export const DeleteVaultCredentialMutation = graphql(`
  mutation DeleteVaultCredential($id: ID!) {
    deleteVaultCredential(id: $id)
  }
`);

export const RenewVaultCredentialMutation = graphql(`
  mutation RenewVaultCredential($id: ID!) {
    renewVaultCredential(id: $id) {
      ...VaultCredentialFields
    }
  }
`);

export const TestVaultCredentialMutation = graphql(`
  mutation TestVaultCredential($id: ID!) {
    testVaultCredential(id: $id) {
      ok
      status
      latencyMs
      message
      url
    }
  }
`);

export const TestVaultCredentialDraftMutation = graphql(`
  mutation TestVaultCredentialDraft($input: VaultCredentialInput!, $url: String, $id: ID) {
    testVaultCredentialDraft(input: $input, url: $url, id: $id) {
      ok
      status
      latencyMs
      message
      url
    }
  }
`);

export const ConnectVaultCredentialMutation = graphql(`
  mutation ConnectVaultCredential($id: ID!) {
    connectVaultCredential(id: $id)
  }
`);

/** The list refetches after any change to a vault credential (a delete returns no credential to update the cache with). */
export const vaultContext = { additionalTypenames: ['VaultCredential'] };
