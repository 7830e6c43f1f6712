import type { RequestMeta, Viewer } from '../auth/viewer.js';
import { UnauthenticatedError } from '../errors.js';
import type { Services } from '../services.js';

export interface GraphQLContext {
  meta: RequestMeta;
  viewer: Viewer | null;
  services: Services;
  /** Why the presented credentials were refused, shown instead of the generic UNAUTHENTICATED message. */
  authError?: UnauthenticatedError;
}

/** For resolvers behind a shield rule that already required a viewer. */
export function viewerOf(ctx: GraphQLContext): Viewer {
  if (!ctx.viewer) throw ctx.authError ?? new UnauthenticatedError();
  return ctx.viewer;
}
