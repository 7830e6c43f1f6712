import { graphql } from '../../gql';

/** Who is signed in, in which tenant, and what they may do; run once when the SPA starts. */
export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      actor {
        type
        id
        displayName
      }
      permissions
      mustChangePassword
      tenant {
        id
        name
        slug
      }
      user {
        id
        email
        name
      }
    }
  }
`);
