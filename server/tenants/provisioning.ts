import type { EntityManager } from '@mikro-orm/postgresql';
import { audited } from '../audit/audited.js';
import { seedCatalog } from '../catalog/catalog.service.js';
import { ConfigError } from '../config.js';
import { ADVISORY_LOCKS, lockForTransaction } from '../db/advisory-locks.js';
import type { Orm } from '../db/orm.js';
import { Actor } from '../kernel/actor.js';
import { type Clock, systemClock } from '../kernel/clock.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../kernel/errors.js';
import { ALL_PERMISSIONS } from '../kernel/permissions.js';
import { LoginBudget } from '../users/login-budget.js';
import { checkPassword, generatePassword, hashPassword } from '../users/passwords.js';
import { Session } from '../users/session.entity.js';
import { Team } from '../users/team.entity.js';
import { User } from '../users/user.entity.js';
import { Tenant } from './tenant.entity.js';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

export interface NewTenant {
  slug: string;
  name: string;
  adminEmail: string;
  adminName?: string;
  /** Unset → generated; the result carries it so the caller can show it once. */
  adminPassword?: string;
}

export interface CreatedTenant {
  tenant: Tenant;
  admin: User;
  generatedPassword: string | null;
}

/** Creates a tenant with its catalog, an Administrators team holding every permission, and its first admin. */
export async function createTenantWithAdmin(
  em: EntityManager,
  input: NewTenant,
  actor: Actor = Actor.system,
  clock: Clock = systemClock,
): Promise<CreatedTenant> {
  const slug = input.slug.trim();
  if (!SLUG.test(slug)) {
    throw new BadUserInputError(
      'slug',
      `Tenant slug "${slug}" is not allowed: use 1 to 32 lowercase letters, digits or hyphens, not starting or ending with a hyphen.`,
    );
  }
  const name = input.name.trim();
  if (!name || name.length > 100) throw new BadUserInputError('name', 'Tenant name is required and may be at most 100 characters.');
  const email = input.adminEmail.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new BadUserInputError('adminEmail', `"${email}" is not a valid email address.`);
  if (input.adminPassword) await checkPassword(input.adminPassword, 'adminPassword', [email, input.adminName ?? '']);
  if (await em.count(Tenant, { slug }))
    throw new ConflictError(`A tenant with the slug "${slug}" already exists. Choose another slug.`, 'slug');
  if (await em.count(User, { email })) throw new ConflictError(`A user with the email ${email} already exists.`, 'adminEmail');

  const password = input.adminPassword ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const rootIssuer = (await em.count(Tenant, {})) === 0;
  return audited(em, { clock }, async (em, audit) => {
    // The first tenant of an installation keeps the root issuer (server/tenants/issuer.ts).
    const tenant = em.create(Tenant, { slug, name, rootIssuer });
    const team = em.create(Team, { tenant, name: 'Administrators', permissions: [...ALL_PERMISSIONS] });
    // A generated password was only shown once on a console: its first sign-in must replace it (docs/limits.md#passwords).
    const admin = em.create(User, {
      tenant,
      email,
      name: input.adminName ?? 'Administrator',
      passwordHash,
      mustChangePassword: !input.adminPassword,
    });
    team.members.add(admin);
    seedCatalog(em, tenant);
    // The tenant's own chain holds its first events, though it did not exist when the work began.
    audit.record(
      'tenant.created',
      { type: 'TENANT', id: tenant.id, name: tenant.name },
      {
        tenantId: tenant.id,
        actor,
        changes: { slug: { from: null, to: slug }, name: { from: null, to: name } },
      },
    );
    audit.record(
      'user.created',
      { type: 'USER', id: admin.id, name: email },
      {
        tenantId: tenant.id,
        actor,
        changes: {
          email: { from: null, to: email },
          teams: { from: null, to: ['Administrators'] },
          ...(admin.mustChangePassword ? { mustChangePassword: { from: null, to: true } } : {}),
        },
      },
    );
    return { tenant, admin, generatedPassword: input.adminPassword ? null : password };
  });
}

async function refuseWeakAdminPassword(password: string, email: string): Promise<void> {
  try {
    await checkPassword(password, 'KEYWARD_ADMIN_PASSWORD', [email]);
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    throw new ConfigError(`${error.message} Set a stronger KEYWARD_ADMIN_PASSWORD, or leave it unset and Keyward generates one.`);
  }
}

export class TenantService {
  /** The command line builds its own on the system clock. */
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock = systemClock,
  ) {}

  async byId(id: string): Promise<Tenant> {
    return this.orm.em.fork().findOneOrFail(Tenant, id);
  }

  /**
   * First start on an empty database: tenant `default` with its admin. Safe when several processes start at once.
   * A weak KEYWARD_ADMIN_PASSWORD stops this first start (ConfigError, saying why); later starts do not read it.
   */
  async bootstrap(adminEmail: string, adminPassword: string | undefined): Promise<CreatedTenant | null> {
    return this.orm.em.fork().transactional(async (em) => {
      await lockForTransaction(em, ADVISORY_LOCKS.bootstrap);
      if ((await em.count(Tenant, {})) > 0) return null;
      if (adminPassword) await refuseWeakAdminPassword(adminPassword, adminEmail);
      return createTenantWithAdmin(em, { slug: 'default', name: 'Default', adminEmail, adminPassword }, Actor.system, this.clock);
    });
  }

  async createTenant(input: NewTenant, actor: Actor): Promise<CreatedTenant> {
    return this.orm.em.fork().transactional((em) => createTenantWithAdmin(em, input, actor, this.clock));
  }

  /** Sets a new password (given or generated), ends the user's sessions, lifts any sign-in lockout, and records it. */
  async resetPassword(
    email: string,
    password: string | undefined,
    actor: Actor,
  ): Promise<{ user: User; generatedPassword: string | null }> {
    return audited(this.orm, { clock: this.clock }, async (em, audit) => {
      const user = await em.findOne(User, { email: email.trim().toLowerCase() });
      if (!user) throw new NotFoundError(`No user with the email ${email} exists.`);
      if (password) await checkPassword(password, 'password', [user.email, user.name]);
      const next = password ?? generatePassword();
      user.passwordHash = await hashPassword(next);
      // The operator chose (or was shown) this password and hands it over: it is not a temporary one to replace.
      const hadTemporaryPassword = user.mustChangePassword;
      user.mustChangePassword = false;
      await em.nativeDelete(Session, { user });
      // The person can sign in with the new password at once, however many failures came before.
      await LoginBudget.clearAccount(em, user.email);
      audit.record(
        'user.password_reset',
        { type: 'USER', id: user.id, name: user.email },
        {
          tenantId: user.tenant.id,
          actor,
          changes: {
            password: { from: '(hidden)', to: '(changed)' },
            ...(hadTemporaryPassword ? { mustChangePassword: { from: true, to: false } } : {}),
          },
        },
      );
      return { user, generatedPassword: password ? null : next };
    });
  }
}
