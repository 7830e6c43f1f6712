import type { Permission } from '../kernel/permissions.js';
import type { User } from './user.entity.js';

/** A user's permissions right now: the union of their teams' (the teams must be loaded). */
export function permissionsOf(user: User): Set<Permission> {
  return new Set(user.teams.getItems().flatMap((team) => team.permissions));
}
