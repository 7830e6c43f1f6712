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

/** The authenticated principal of a request: who acts, in which tenant, with which permissions. */
export class Viewer {
  constructor(
    readonly tenant: Tenant,
    readonly actor: Actor,
    readonly permissions: ReadonlySet<Permission>,
    readonly user: User | null,
  ) {}

  get tenantId(): string {
    return this.tenant.id;
  }

  can(permission: Permission): boolean {
    return this.permissions.has(permission);
  }

  require(permission: Permission): void {
    if (!this.can(permission)) throw missingPermission(permission);
  }
}

export function missingPermission(...anyOf: Permission[]): ForbiddenError {
  const names = anyOf.map((p) => `${p} (${PERMISSION_LABELS[p]})`).join(' or ');
  return new ForbiddenError(
    `You do not have permission to do this. It needs ${names}; ask a security administrator to add it to one of your teams.`,
  );
}
