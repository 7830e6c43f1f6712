import { graphql } from '../../gql';

export const AuditEventsQuery = graphql(`
  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          occurredAt
          action
          actor {
            type
            id
            displayName
          }
          target {
            type
            id
            name
          }
          changes {
            field
            from
            to
          }
          apiClientId
          ipAddress
          userAgent
          requestId
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Names for the API-client filter; a tenant holds few clients, so one page is enough. */
export const AuditClientOptionsQuery = graphql(`
  query AuditClientOptions {
    apiClients(first: 100) {
      edges {
        node {
          id
          name
          clientId
        }
      }
    }
  }
`);
