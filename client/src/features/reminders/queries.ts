import { graphql } from '../../gql';

/** Credentials of every API client that expire within `withinDays`, soonest first, with their reminder history. */
export const ExpiringCredentialsQuery = graphql(`
  query ExpiringCredentials($withinDays: Int!) {
    expiringCredentials(withinDays: $withinDays) {
      id
      type
      description
      secretHint
      certificate {
        serialNumber
      }
      expiresAt
      daysLeft
      apiClient {
        id
        name
        clientId
      }
      reminders {
        id
        stage
        status
        sentAt
        recipients
        lastError
      }
    }
  }
`);

/** Credentials not used for the tenant's unusedCredentialDays, longest unused first, with the setting itself. */
export const UnusedCredentialsQuery = graphql(`
  query UnusedCredentials($first: Int!, $after: String) {
    unusedCredentials(first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          type
          description
          lastUsedAt
          createdAt
          unusedDays
          autoDisabled
          credential {
            id
            secretHint
            certificate {
              serialNumber
            }
          }
          apiClient {
            id
            name
            clientId
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    viewer {
      tenant {
        id
        unusedCredentialDays
        autoDisableUnusedCredentials
      }
    }
  }
`);
