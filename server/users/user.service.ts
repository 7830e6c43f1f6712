import { type AuditSubject, audited } from '../audit/audited.js';
import type { Orm } from '../db/orm.js';
import type { Clock } from '../kernel/clock.js';
import { BadUserInputError, ConflictError, ForbiddenError } from '../kernel/errors.js';
import type { RequestMeta, Viewer } from '../kernel/viewer.js';
import { lockTenant } from '../tenants/tenant-lock.js';
import { accountKey, type BudgetConfig, LoginBudget } from './login-budget.js';
import { checkPassword, generatePassword, hashPassword, PASSWORD_MAX_LENGTH, verifyPassword } from './passwords.js';
import { Session } from './session.entity.js';
import type { Team } from './team.entity.js';
import { User, UserStatus } from './user.entity.js';
import { findTeams, findUser, keepASecurityAdministrator } from './users.lookup.js';
import { normalizeEmail, normalizeTeamIds, normalizeUserName } from './users.rules.js';

export interface NewUserInput {
  email: string;
  name: string;
  teamIds?: string[] | null;
}

export interface UserChanges {
  name?: string | null;
  teamIds?: string[] | null;
}

export interface CreatedUser {
  user: User;
  /** Shown once to the administrator who hands it over; the user must replace it at first sign-in. */
  temporaryPassword: string;
}

type PasswordChange = 'wrong current' | 'same' | 'changed';

/** What the audit trail records of a user: never a password or its hash. */
const USER: AuditSubject<User> = {
  target: (user) => ({ type: 'USER', id: user.id, name: user.email }),
  snapshot: (user) => ({
    email: user.email,
    name: user.name,
    teams: user.teams
      .getItems()
      .map((team) => team.name)
      .sort(),
  }),
};

function emailTaken(email: string): ConflictError {
  // Emails are unique across all tenants (sign-in needs only email and password), so this cannot say where.
  return new ConflictError(`The email ${email} already belongs to a Keyward user. Use a different email address.`, 'email');
}

/** Sets a user's teams on the owning side (Team.members), so the membership table is what gets written. */
function setTeams(user: User, current: Team[], wanted: Team[]): void {
  for (const team of current) if (!wanted.includes(team)) team.members.remove(user);
  for (const team of wanted) if (!team.members.contains(user)) team.members.add(user);
}

/** Users of a tenant, managed by its security administrators (SECURITY_ADMINISTRATION), and a user's own password. */
export class UserService {
  private readonly budget: LoginBudget;

  constructor(
    private readonly orm: Orm,
    budgetConfig: BudgetConfig,
    private readonly clock: Clock,
  ) {
    this.budget = new LoginBudget(orm, budgetConfig);
  }

  /** The viewer's own user record (the one signed in, or the API key's owner), with their teams; null for an API client. */
  async self(viewer: Viewer): Promise<User | null> {
    return viewer.user && findUser(this.orm.em.fork(), viewer.tenantId, viewer.user.id);
  }

  async list(viewer: Viewer): Promise<User[]> {
    return this.orm.em
      .fork()
      .find(User, { tenant: viewer.tenantId }, { populate: ['teams'], orderBy: { name: 'asc', email: 'asc', teams: { name: 'asc' } } });
  }

  async create(viewer: Viewer, meta: RequestMeta, input: NewUserInput): Promise<CreatedUser> {
    const email = normalizeEmail(input.email);
    const name = normalizeUserName(input.name);
    const teamIds = normalizeTeamIds(input.teamIds);
    const temporaryPassword = generatePassword();
    // Hashing is deliberately slow: do it before the transaction takes the tenant lock.
    const passwordHash = await hashPassword(temporaryPassword);
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      const tenant = await lockTenant(em, viewer.tenantId);
      if ((await em.count(User, { email })) > 0) throw emailTaken(email);
      const teams = await findTeams(em, tenant.id, teamIds);
      const user = em.create(User, { tenant, email, name, passwordHash, mustChangePassword: true });
      setTeams(user, [], teams);
      audit.created('user.created', user, USER, { status: user.status, mustChangePassword: true });
      audit.refuseDuplicatesWith(() => emailTaken(email));
      return { user, temporaryPassword };
    });
  }

  async update(viewer: Viewer, meta: RequestMeta, id: string, input: UserChanges): Promise<User> {
    const name = input.name === undefined || input.name === null ? undefined : normalizeUserName(input.name);
    const teamIds = input.teamIds === undefined || input.teamIds === null ? undefined : normalizeTeamIds(input.teamIds);
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      await lockTenant(em, viewer.tenantId);
      const user = await findUser(em, viewer.tenantId, id);
      audit.changed('user.updated', user, USER);
      if (name !== undefined) user.name = name;
      if (teamIds !== undefined) {
        const current = user.teams.getItems();
        await em.populate(current, ['members']);
        setTeams(user, current, await findTeams(em, viewer.tenantId, teamIds));
        await keepASecurityAdministrator(em, viewer.tenantId, `Changing the teams of ${user.email}`);
      }
      return user;
    });
  }

  /** Disables a user: their sessions end at once and they can no longer sign in (their personal API keys show SUSPENDED). */
  async disable(viewer: Viewer, meta: RequestMeta, id: string): Promise<User> {
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      await lockTenant(em, viewer.tenantId);
      const user = await findUser(em, viewer.tenantId, id);
      if (user.id === viewer.user?.id) {
        throw new ConflictError('You cannot disable your own account. Ask another security administrator to do it if it is really needed.');
      }
      // Already disabled: nothing changes, so nothing is recorded.
      if (user.status === UserStatus.DISABLED) return user;
      user.status = UserStatus.DISABLED;
      await em.nativeDelete(Session, { user: user.id });
      await keepASecurityAdministrator(em, viewer.tenantId, `Disabling ${user.email}`);
      audit.record('user.disabled', USER.target(user), { changes: { status: { from: UserStatus.ACTIVE, to: UserStatus.DISABLED } } });
      return user;
    });
  }

  async enable(viewer: Viewer, meta: RequestMeta, id: string): Promise<User> {
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      await lockTenant(em, viewer.tenantId);
      const user = await findUser(em, viewer.tenantId, id);
      if (user.status === UserStatus.ACTIVE) return user;
      user.status = UserStatus.ACTIVE;
      audit.record('user.enabled', USER.target(user), { changes: { status: { from: UserStatus.DISABLED, to: UserStatus.ACTIVE } } });
      return user;
    });
  }

  /**
   * The signed-in user replaces their password (and so a temporary one): the current one must be right and
   * the new one must follow the password rule and differ. Their other sessions end; this one stays.
   * A wrong current password is a failed sign-in of the account (same budget, audited as auth.login_failed); while
   * the account is locked out, even the right one is refused with RATE_LIMITED, before any password is checked.
   */
  async changeOwnPassword(viewer: Viewer, meta: RequestMeta, currentPassword: string, newPassword: string): Promise<boolean> {
    if (!viewer.user || !viewer.sessionTokenHash) {
      throw new ForbiddenError('Only a person signed in to Keyward can change their password: sign in with your email and password.');
    }
    if (!currentPassword) throw new BadUserInputError('currentPassword', 'Enter your current password.');
    await checkPassword(newPassword, 'newPassword', [viewer.user.email, viewer.user.name]);
    const userId = viewer.user.id;
    const sessionTokenHash = viewer.sessionTokenHash;
    const reservation = await this.budget.reserve([accountKey(viewer.user.email)]);
    const outcome = await audited<PasswordChange>(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      await em.getConnection().execute('select id from app_user where id = ? for update', [userId], 'all', em.getTransactionContext());
      const user = await em.findOneOrFail(User, userId, { refresh: true });
      if (!(await verifyPassword(user.passwordHash, currentPassword.slice(0, PASSWORD_MAX_LENGTH)))) {
        // A failed sign-in of the account, in its budget and in the audit trail.
        await this.budget.settle(em, reservation, 'wrong');
        audit.record('auth.login_failed', USER.target(user), { changes: { reason: { from: null, to: 'wrong current password' } } });
        return 'wrong current';
      }
      await this.budget.settle(em, reservation, 'right');
      if (await verifyPassword(user.passwordHash, newPassword)) return 'same';
      user.passwordHash = await hashPassword(newPassword);
      const hadTemporaryPassword = user.mustChangePassword;
      user.mustChangePassword = false;
      // Whoever else is signed in as this user (perhaps with the old password) is signed out.
      await em.nativeDelete(Session, { user: user.id, tokenHash: { $ne: sessionTokenHash } });
      audit.record('user.password_changed', USER.target(user), {
        changes: {
          password: { from: '(hidden)', to: '(changed)' },
          ...(hadTemporaryPassword ? { mustChangePassword: { from: true, to: false } } : {}),
        },
      });
      return 'changed';
    });
    // Refused after the transaction, so what it recorded (the failure, or the try given back) stays.
    if (outcome === 'wrong current') {
      throw new BadUserInputError('currentPassword', 'Your current password is not right. Enter the password you signed in with.');
    }
    if (outcome === 'same') {
      throw new BadUserInputError('newPassword', 'The new password is the same as the current one. Choose a different password.');
    }
    return true;
  }
}
