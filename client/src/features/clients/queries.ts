import { graphql } from '../../gql';

export const ApiClientDetailsFragment = graphql(`
  fragment ApiClientDetails on ApiClient {
    id
    clientId
    identifier
    name
    description
    enabled
    contactEmails
    allowedIpRanges
    accessTokenLifetimeSeconds
    requireSenderConstrainedTokens
    tokensPerHour
    tokensPerDay
    tokenQuotaMode
    maxActiveTokensPerCredential
    scopes {
      id
      name
      apiResourceId
    }
    createdAt
    createdBy {
      type
      displayName
    }
    updatedAt
    lastUsedAt
  }
`);

export const ApiClientCountQuery = graphql(`
  query ApiClientCount {
    viewer {
      tenant {
        id
        apiClientCount
        maxClients
        maxCredentialsPerClient
      }
    }
  }
`);

export const ApiClientListQuery = graphql(`
  query ApiClientList($first: Int, $after: String, $search: String, $orderBy: ApiClientOrder, $withSecrets: Boolean!) {
    apiClients(first: $first, after: $after, search: $search, orderBy: $orderBy) {
      totalCount
      edges {
        cursor
        node {
          id
          name
          clientId
          enabled
          lastUsedAt
          credentialCount @include(if: $withSecrets)
          nearestExpiry @include(if: $withSecrets)
          scopes {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ApiClientQuery = graphql(`
  query ApiClient($id: ID!) {
    apiClient(id: $id) {
      ...ApiClientDetails
    }
  }
`);

export const ApiResourcesQuery = graphql(`
  query ApiResources {
    apiResources {
      id
      name
      audience
      description
      builtIn
      scopes {
        id
        name
        description
      }
    }
  }
`);

export const CreateApiClientMutation = graphql(`
  mutation CreateApiClient($input: CreateApiClientInput!) {
    createApiClient(input: $input) {
      id
      clientId
    }
  }
`);

export const UpdateApiClientMutation = graphql(`
  mutation UpdateApiClient($id: ID!, $input: UpdateApiClientInput!) {
    updateApiClient(id: $id, input: $input) {
      ...ApiClientDetails
    }
  }
`);

export const DeleteApiClientMutation = graphql(`
  mutation DeleteApiClient($id: ID!) {
    deleteApiClient(id: $id)
  }
`);

export const TenantIssuerQuery = graphql(`
  query TenantIssuer {
    viewer {
      tenant {
        id
        issuer
      }
    }
  }
`);
