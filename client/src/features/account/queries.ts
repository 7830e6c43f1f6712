import { graphql } from '../../gql';

export const ChangeMyPasswordMutation = graphql(`
  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {
    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

export const MySessionsQuery = graphql(`
  query MySessions {
    mySessions {
      id
      createdAt
      expiresAt
      lastSeenAt
      ipAddress
      userAgent
      current
    }
  }
`);

export const RevokeSessionMutation = graphql(`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`);

export const RevokeOtherSessionsMutation = graphql(`
  mutation RevokeOtherSessions {
    revokeOtherSessions
  }
`);

/** Session lists refetch after a revocation. */
export const sessionContext = { additionalTypenames: ['UserSession'] };
