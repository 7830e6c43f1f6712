import { Actor } from '../audit/actor.js';
import { ForbiddenError } from '../errors.js';
import type { Tenant } from '../tenants/tenant.entity.js';
import { PERMISSION_LABELS, type Permission } from './permissions.js';
import type { User } from './user.entity.js';

/** Facts about the HTTP request that the audit trail records. */
export interface RequestMeta {
  requestId: string;
  ipAddress: string | null;
  userAgent: string | null;
}

/** A user's permissions right now: the union of their teams' (the teams must be loaded). */
export function permissionsOf(user: User): Set<Permission> {
  return new Set(user.teams.getItems().flatMap((team) => team.permissions));
}

/** The authenticated principal of a request: who acts, in which tenant, with which permissions. */
export class Viewer {
  constructor(
    readonly tenant: Tenant,
    readonly actor: Actor,
    readonly permissions: ReadonlySet<Permission>,
    readonly user: User | null,
    /** SHA-256 of the session token when the viewer signed in with a session cookie (not an API key or access token). */
    readonly sessionTokenHash: string | null = null,
  ) {}

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
