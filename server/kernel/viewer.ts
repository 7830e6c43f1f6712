import type { Actor } from './actor.js';
import { ForbiddenError } from './errors.js';
import { PERMISSION_LABELS, type Permission } from './permissions.js';

/** Facts about the HTTP request that the audit trail records. */
export interface RequestMeta {
  requestId: string;
  ipAddress: string | null;
  userAgent: string | null;
}

/** The tenant a viewer acts in. */
export interface ViewerTenant {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
}

/** The user behind a viewer: the one signed in, or the owner of the API key. */
export interface ViewerUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly mustChangePassword: boolean;
}

/**
 * The authenticated principal of a request: who acts, in which tenant, with which permissions. Plain data, copied from
 * the records it was made from, so it holds no database entity and everything may import it.
 */
export class Viewer {
  readonly tenant: ViewerTenant;
  readonly user: ViewerUser | null;

  constructor(
    tenant: ViewerTenant,
    readonly actor: Actor,
    readonly permissions: ReadonlySet<Permission>,
    user: ViewerUser | null,
    /** SHA-256 of the session token when the viewer signed in with a session cookie (not an API key or access token). */
    readonly sessionTokenHash: string | null = null,
    /** An API client's `keyward:*` scopes granted in its access token (those that map to no permission, e.g. keyward:vault.use, count here). */
    readonly scopes: ReadonlySet<string> = new Set(),
  ) {
    this.tenant = { id: tenant.id, slug: tenant.slug, name: tenant.name };
    this.user = user && { id: user.id, email: user.email, name: user.name, mustChangePassword: user.mustChangePassword };
  }

  get tenantId(): string {
    return this.tenant.id;
  }

  /** A user still on the temporary password an administrator gave them may only see themselves and change it. */
  get mustChangePassword(): boolean {
    return this.user?.mustChangePassword === true;
  }

  can(permission: Permission): boolean {
    return this.permissions.has(permission);
  }
}

export const TEMPORARY_PASSWORD_MESSAGE =
  'Change your temporary password first: call changeMyPassword with it and a new password of your own (or sign in to Keyward in the browser). Until then you can only see who you are (viewer).';

export function temporaryPasswordRefusal(): ForbiddenError {
  return new ForbiddenError(TEMPORARY_PASSWORD_MESSAGE);
}

export function missingPermission(...anyOf: Permission[]): ForbiddenError {
  const names = anyOf.map((p) => `${p} (${PERMISSION_LABELS[p]})`).join(' or ');
  return new ForbiddenError(
    `You do not have permission to do this. It needs ${names}; ask a security administrator to add it to one of your teams.`,
  );
}
