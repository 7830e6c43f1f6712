import type { RequestMeta, Viewer } from '../auth/viewer.js';
import type { CredentialSummary } from '../credentials/credential.service.js';
import { UnauthenticatedError } from '../errors.js';
import type { Services } from '../services.js';
import { BatchLoader } from './batch-loader.js';

export interface GraphQLContext {
  meta: RequestMeta;
  viewer: Viewer | null;
  services: Services;
  /** Why the presented credentials were refused, shown instead of the generic UNAUTHENTICATED message. */
  authError?: UnauthenticatedError;
  /** Per request: each API client's credential count and next expiry, one query for a whole page of clients. */
  credentialSummaries: BatchLoader<string, CredentialSummary>;
}

export function createGraphQLContext(
  meta: RequestMeta,
  services: Services,
  auth: { viewer: Viewer | null; authError?: UnauthenticatedError },
): GraphQLContext {
  return {
    meta,
    services,
    ...auth,
    credentialSummaries: new BatchLoader((ids) => services.credentials.summariesForClients(ids)),
  };
}

/** For resolvers behind a shield rule that already required a viewer. */
export function viewerOf(ctx: GraphQLContext): Viewer {
  if (!ctx.viewer) throw ctx.authError ?? new UnauthenticatedError();
  return ctx.viewer;
}
