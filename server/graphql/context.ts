import { GraphQLError } from 'graphql';
import type { Services } from '../app/services.js';
import type { CredentialSummary } from '../credentials/credential.service.js';
import { unavailableError } from '../db/availability.js';
import { UnauthenticatedError } from '../kernel/errors.js';
import type { RequestMeta, Viewer } from '../kernel/viewer.js';
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

/**
 * What to throw when the context cannot be built. Apollo answers any such failure with 500 "Context creation failed";
 * when the database is unreachable (the session or token lookup failed), the request is refused as SERVICE_UNAVAILABLE
 * with 503 instead, as a resolver's query would be.
 */
export function contextFailure(error: unknown): unknown {
  const unavailable = unavailableError(error);
  if (!unavailable) return error;
  return new GraphQLError(unavailable.message, {
    originalError: unavailable,
    extensions: { code: unavailable.code, http: { status: 503 } },
  });
}

/**
 * A refusal of the presented credentials that carries a challenge (a DPoP proof or DPoP-bound token refused): answered
 * before any field runs, with HTTP 401 and its WWW-Authenticate header, so HTTP clients and DPoP libraries see it.
 */
export function challengedRefusal(authError: UnauthenticatedError | undefined): GraphQLError | null {
  if (!authError?.challenge) return null;
  return new GraphQLError(authError.message, {
    originalError: authError,
    extensions: { code: authError.code, http: { status: 401, headers: new Map([['www-authenticate', authError.challenge]]) } },
  });
}

/** For resolvers behind a shield rule that already required a viewer. */
export function viewerOf(ctx: GraphQLContext): Viewer {
  if (!ctx.viewer) throw ctx.authError ?? new UnauthenticatedError();
  return ctx.viewer;
}
