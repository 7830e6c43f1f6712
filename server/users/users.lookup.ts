import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../db/ids.js';
import { ConflictError, NotFoundError } from '../kernel/errors.js';
import { Permission } from '../kernel/permissions.js';
import { Team } from './team.entity.js';
import { User } from './user.entity.js';

/** A user of the tenant, with their teams; NOT_FOUND for an id that is malformed or another tenant's (never revealing which). */
export async function findUser(em: EntityManager, tenantId: string, id: string): Promise<User> {
  const user = isUuid(id) ? await em.findOne(User, { id, tenant: tenantId }, { populate: ['teams'] }) : null;
  if (!user) {
    throw new NotFoundError(
      `No user with ID "${id.slice(0, 64)}" exists in your tenant. Check the ID, or list users with the users query.`,
    );
  }
  return user;
}

/** A team of the tenant, with its members; NOT_FOUND as for users. */
export async function findTeam(em: EntityManager, tenantId: string, id: string): Promise<Team> {
  const team = isUuid(id) ? await em.findOne(Team, { id, tenant: tenantId }, { populate: ['members'] }) : null;
  if (!team) {
    throw new NotFoundError(
      `No team with ID "${id.slice(0, 64)}" exists in your tenant. Check the ID, or list teams with the teams query.`,
    );
  }
  return team;
}

/** Every team named by `ids`, all of the tenant; the first unknown one is NOT_FOUND. */
export async function findTeams(em: EntityManager, tenantId: string, ids: string[]): Promise<Team[]> {
  const valid = ids.filter(isUuid);
  const teams = valid.length ? await em.find(Team, { id: { $in: valid }, tenant: tenantId }, { populate: ['members'] }) : [];
  const missing = ids.find((id) => !teams.some((team) => team.id === id));
  if (missing !== undefined) {
    throw new NotFoundError(
      `No team with ID "${missing.slice(0, 64)}" exists in your tenant. Check the teams chosen, or list teams with the teams query.`,
    );
  }
  return ids.map((id) => teams.find((team) => team.id === id) as Team);
}

/**
 * Refuses a change that would leave the tenant with no ACTIVE user holding SECURITY_ADMINISTRATION: nobody
 * could then manage users, teams or settings. Runs after the change is applied in the transaction (and
 * under the tenant lock, so two administrators cannot each remove the other at once).
 */
export async function keepASecurityAdministrator(em: EntityManager, tenantId: string, change: string): Promise<void> {
  await em.flush();
  const [row] = await em.getConnection().execute<{ administrators: number }[]>(
    `select count(distinct u.id)::int as administrators
       from app_user u
       join team_member m on m.user_id = u.id
       join team t on t.id = m.team_id
      where u.tenant_id = ? and u.status = 'ACTIVE' and t.permissions @> ?::jsonb`,
    [tenantId, JSON.stringify([Permission.SECURITY_ADMINISTRATION])],
    'all',
    em.getTransactionContext(),
  );
  if (row.administrators === 0) {
    throw new ConflictError(
      `${change} would leave this tenant without an active user who holds SECURITY_ADMINISTRATION (Security Administration), and nobody could manage users, teams or settings any more. Give that permission to another active user first.`,
    );
  }
}
