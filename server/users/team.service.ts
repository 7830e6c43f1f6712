import { type EntityManager } from '@mikro-orm/postgresql';
import { type AuditSubject, audited } from '../audit/audited.js';
import type { Orm } from '../db/orm.js';
import { escapeLike } from '../db/pagination.js';
import type { Clock } from '../kernel/clock.js';
import { ConflictError } from '../kernel/errors.js';
import { Permission } from '../kernel/permissions.js';
import type { RequestMeta, Viewer } from '../kernel/viewer.js';
import { lockTenant } from '../tenants/tenant-lock.js';
import { Team } from './team.entity.js';
import { findTeam, keepASecurityAdministrator } from './users.lookup.js';
import { normalizePermissions, normalizeTeamName } from './users.rules.js';

export interface NewTeamInput {
  name: string;
  permissions?: string[] | null;
}

export interface TeamChanges {
  name?: string | null;
  permissions?: string[] | null;
}

/** What the audit trail records of a team. */
const TEAM: AuditSubject<Team> = {
  target: (team) => ({ type: 'TEAM', id: team.id, name: team.name }),
  snapshot: (team) => ({ name: team.name, permissions: [...team.permissions] }),
};

function nameTaken(name: string): ConflictError {
  return new ConflictError(`This tenant already has a team named "${name}". Choose a different name.`, 'name');
}

/**
 * Teams of a tenant: named sets of permissions. A change applies to its members from their next request,
 * because sessions read their permissions from the teams on every request.
 */
export class TeamService {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
  ) {}

  async list(viewer: Viewer): Promise<Team[]> {
    return this.orm.em
      .fork()
      .find(Team, { tenant: viewer.tenantId }, { populate: ['members'], orderBy: { name: 'asc', members: { name: 'asc' } } });
  }

  async create(viewer: Viewer, meta: RequestMeta, input: NewTeamInput): Promise<Team> {
    const name = normalizeTeamName(input.name);
    const permissions = normalizePermissions(input.permissions);
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      const tenant = await lockTenant(em, viewer.tenantId);
      await this.refuseTakenName(em, viewer.tenantId, name);
      const team = em.create(Team, { tenant, name, permissions });
      audit.created('team.created', team, TEAM);
      audit.refuseDuplicatesWith(() => nameTaken(name));
      return team;
    });
  }

  async update(viewer: Viewer, meta: RequestMeta, id: string, input: TeamChanges): Promise<Team> {
    const name = input.name === undefined || input.name === null ? undefined : normalizeTeamName(input.name);
    const permissions = input.permissions === undefined || input.permissions === null ? undefined : normalizePermissions(input.permissions);
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      await lockTenant(em, viewer.tenantId);
      const team = await findTeam(em, viewer.tenantId, id);
      audit.changed('team.updated', team, TEAM);
      if (name !== undefined && name !== team.name) {
        await this.refuseTakenName(em, viewer.tenantId, name, team.id);
        team.name = name;
      }
      if (permissions !== undefined) {
        const losesSecurityAdministration =
          team.permissions.includes(Permission.SECURITY_ADMINISTRATION) && !permissions.includes(Permission.SECURITY_ADMINISTRATION);
        team.permissions = permissions;
        if (losesSecurityAdministration) {
          await keepASecurityAdministrator(em, viewer.tenantId, `Removing SECURITY_ADMINISTRATION from the team "${team.name}"`);
        }
      }
      audit.refuseDuplicatesWith(() => nameTaken(team.name));
      return team;
    });
  }

  /** Deletes a team; its members keep their accounts and lose what only this team gave them. Returns its id. */
  async delete(viewer: Viewer, meta: RequestMeta, id: string): Promise<string> {
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      await lockTenant(em, viewer.tenantId);
      const team = await findTeam(em, viewer.tenantId, id);
      const members = team.members
        .getItems()
        .map((user) => user.email)
        .sort();
      audit.deleted('team.deleted', team, TEAM, { members });
      em.remove(team);
      await keepASecurityAdministrator(em, viewer.tenantId, `Deleting the team "${team.name}"`);
      return team.id;
    });
  }

  /** Names compare case-insensitively: "Admins" and "admins" side by side would only confuse. */
  private async refuseTakenName(em: EntityManager, tenantId: string, name: string, exceptId?: string): Promise<void> {
    const taken = await em.count(Team, {
      tenant: tenantId,
      name: { $ilike: escapeLike(name) },
      ...(exceptId ? { id: { $ne: exceptId } } : {}),
    });
    if (taken > 0) throw nameTaken(name);
  }
}
