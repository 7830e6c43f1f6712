import { graphql } from '../../gql';

export const MyApiKeysQuery = graphql(`
  query MyApiKeys {
    myApiKeys {
      id
      name
      hint
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
