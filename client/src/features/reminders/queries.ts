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
