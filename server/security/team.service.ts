import { type EntityManager } from '@mikro-orm/postgresql';
import { createdFields, diffFields, recordAudit } from '../audit/audit.service.js';
import { Permission } from '../auth/permissions.js';
import { Team } from '../auth/team.entity.js';
import type { RequestMeta, Viewer } from '../auth/viewer.js';
import { flushRefusingDuplicates } from '../db/flush.js';
import type { Orm } from '../db/orm.js';
import { escapeLike } from '../db/pagination.js';
import { ConflictError } from '../errors.js';
import { lockTenant } from '../tenants/tenant-lock.js';
import { findTeam, keepASecurityAdministrator } from './security.lookup.js';
import { normalizePermissions, normalizeTeamName } from './security.rules.js';

export interface NewTeamInput {
  name: string;
  permissions?: string[] | null;
}

export interface TeamChanges {
  name?: string | null;
  permissions?: string[] | null;
}

/** What the audit trail records of a team. */
function snapshot(team: Team): Record<string, unknown> {
  return { name: team.name, permissions: [...team.permissions] };
}

const auditTarget = (team: Team) => ({ type: 'TEAM', id: team.id, name: team.name });

function nameTaken(name: string): ConflictError {
  return new ConflictError(`This tenant already has a team named "${name}". Choose a different name.`, 'name');
}

/**
 * Teams of a tenant: named sets of permissions. A change applies to its members from their next request,
 * because sessions read their permissions from the teams on every request.
 */
export class TeamService {
  constructor(private readonly orm: Orm) {}

  async list(viewer: Viewer): Promise<Team[]> {
    return this.orm.em
      .fork()
      .find(Team, { tenant: viewer.tenantId }, { populate: ['members'], orderBy: { name: 'asc', members: { name: 'asc' } } });
  }

  async create(viewer: Viewer, meta: RequestMeta, input: NewTeamInput): Promise<Team> {
    const name = normalizeTeamName(input.name);
    const permissions = normalizePermissions(input.permissions);
    return this.orm.em.fork().transactional(async (em) => {
      const tenant = await lockTenant(em, viewer.tenantId);
      await this.refuseTakenName(em, viewer.tenantId, name);
      const team = em.create(Team, { tenant, name, permissions });
      await recordAudit(em, {
        tenantId: tenant.id,
        actor: viewer.actor,
        action: 'team.created',
        target: auditTarget(team),
        changes: createdFields(snapshot(team)),
        meta,
      });
      await flushRefusingDuplicates(em, () => nameTaken(name));
      return team;
    });
  }

  async update(viewer: Viewer, meta: RequestMeta, id: string, input: TeamChanges): Promise<Team> {
    const name = input.name === undefined || input.name === null ? undefined : normalizeTeamName(input.name);
    const permissions = input.permissions === undefined || input.permissions === null ? undefined : normalizePermissions(input.permissions);
    return this.orm.em.fork().transactional(async (em) => {
      await lockTenant(em, viewer.tenantId);
      const team = await findTeam(em, viewer.tenantId, id);
      const before = snapshot(team);
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
      await recordAudit(em, {
        tenantId: viewer.tenantId,
        actor: viewer.actor,
        action: 'team.updated',
        target: auditTarget(team),
        changes: diffFields(before, snapshot(team)),
        meta,
      });
      await flushRefusingDuplicates(em, () => nameTaken(team.name));
      return team;
    });
  }

  /** Deletes a team; its members keep their accounts and lose what only this team gave them. Returns its id. */
  async delete(viewer: Viewer, meta: RequestMeta, id: string): Promise<string> {
    return this.orm.em.fork().transactional(async (em) => {
      await lockTenant(em, viewer.tenantId);
      const team = await findTeam(em, viewer.tenantId, id);
      const before = {
        ...snapshot(team),
        members: team.members
          .getItems()
          .map((user) => user.email)
          .sort(),
      };
      em.remove(team);
      await keepASecurityAdministrator(em, viewer.tenantId, `Deleting the team "${team.name}"`);
      await recordAudit(em, {
        tenantId: viewer.tenantId,
        actor: viewer.actor,
        action: 'team.deleted',
        target: auditTarget(team),
        changes: diffFields(before, {}),
        meta,
      });
      await em.flush();
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
