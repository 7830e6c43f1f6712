import { graphql } from '../../gql';

export const MyApiKeysQuery = graphql(`
  query MyApiKeys {
    viewer {
      tenant {
        id
        maxCredentialLifetimeDays
      }
    }
    myApiKeys {
      id
      name
      hint
      permissions
      createdAt
      expiresAt
      lastUsedAt
      lastUsedIp
      status
      revokedAt
    }
  }
`);

export const CreatePersonalApiKeyMutation = graphql(`
  mutation CreatePersonalApiKey($input: CreatePersonalApiKeyInput!) {
    createPersonalApiKey(input: $input) {
      token
      apiKey {
        id
        permissions
      }
    }
  }
`);

export const RevokePersonalApiKeyMutation = graphql(`
  mutation RevokePersonalApiKey($id: ID!) {
    revokePersonalApiKey(id: $id) {
      id
      status
      revokedAt
    }
  }
`);

export const RegeneratePersonalApiKeyMutation = graphql(`
  mutation RegeneratePersonalApiKey($id: ID!) {
    regeneratePersonalApiKey(id: $id) {
      token
      apiKey {
        id
        hint
        expiresAt
        status
      }
    }
  }
`);

/** Lists of keys refetch after any change to a key. */
export const apiKeyContext = { additionalTypenames: ['PersonalApiKey'] };
