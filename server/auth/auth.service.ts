import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Actor, ActorType } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import type { KeywardConfig } from '../config.js';
import type { Orm } from '../db/orm.js';
import { BadUserInputError, RateLimitedError, UnauthenticatedError } from '../errors.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { decoyPasswordHash, verifyPassword } from './passwords.js';
import type { Permission } from './permissions.js';
import { Session } from './session.entity.js';
import { User, UserStatus } from './user.entity.js';
import { type RequestMeta, Viewer } from './viewer.js';

export const SESSION_COOKIE = 'kw_session';

const INVALID_CREDENTIALS = 'The email or password is not right. Check both and try again.';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function userActor(user: User): Actor {
  return Actor.of(ActorType.USER, user.id, `${user.name} <${user.email}>`);
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: User;
}

export class AuthService {
  constructor(
    private readonly orm: Orm,
    private readonly config: KeywardConfig,
  ) {}

  /**
   * Email + password sign-in. Failures are counted per account and per IP address in the database,
   * so every process enforces one limit; a locked-out caller is refused before the password is checked.
   */
  async login(emailInput: unknown, passwordInput: unknown, meta: RequestMeta): Promise<LoginResult> {
    if (typeof emailInput !== 'string' || emailInput.trim() === '') throw new BadUserInputError('email', 'Enter your email address.');
    if (typeof passwordInput !== 'string' || passwordInput === '') throw new BadUserInputError('password', 'Enter your password.');
    const email = emailInput.trim().toLowerCase().slice(0, 254);
    const keys = [`account:${email}`, `ip:${meta.ipAddress ?? 'unknown'}`];
    await this.refuseIfLockedOut(keys);

    const em = this.orm.em.fork();
    const user = await em.findOne(User, { email }, { populate: ['tenant'] });
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), passwordInput.slice(0, 1024));
    if (!user || !passwordOk || user.status !== UserStatus.ACTIVE) {
      const reason = !user ? 'unknown account' : !passwordOk ? 'wrong password' : 'account disabled';
      await em.transactional(async (tx) => {
        await this.countFailure(tx, keys);
        await recordAudit(tx, {
          tenantId: user?.tenant.id ?? null,
          actor: Actor.of(ActorType.USER, user?.id ?? null, email),
          action: 'auth.login_failed',
          target: { type: 'USER', id: user?.id ?? email, name: email },
          changes: { reason: { from: null, to: reason } },
          meta,
        });
      });
      throw new UnauthenticatedError(INVALID_CREDENTIALS);
    }

    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.sessionTtlSeconds * 1000);
    await em.transactional(async (tx) => {
      tx.create(Session, {
        tokenHash: sha256(token),
        user,
        expiresAt,
        ipAddress: meta.ipAddress,
        userAgent: meta.userAgent?.slice(0, 512) ?? null,
      });
      await tx.getConnection().execute('delete from login_failure where key = ?', [keys[0]], 'run', tx.getTransactionContext());
      await recordAudit(tx, {
        tenantId: user.tenant.id,
        actor: userActor(user),
        action: 'auth.login',
        target: { type: 'USER', id: user.id, name: user.email },
        meta,
      });
    });
    return { token, expiresAt, user };
  }

  async logout(token: string | undefined, meta: RequestMeta): Promise<void> {
    if (!token) return;
    await this.orm.em.fork().transactional(async (em) => {
      const session = await em.findOne(Session, { tokenHash: sha256(token) }, { populate: ['user', 'user.tenant'] });
      if (!session) return;
      em.remove(session);
      await recordAudit(em, {
        tenantId: session.user.tenant.id,
        actor: userActor(session.user),
        action: 'auth.logout',
        target: { type: 'USER', id: session.user.id, name: session.user.email },
        meta,
      });
    });
  }

  /** The viewer behind a session cookie, with the user's current permissions; null when not signed in. */
  async viewerForSession(token: string | undefined): Promise<Viewer | null> {
    if (!token || token.length > 100) return null;
    const em = this.orm.em.fork();
    const session = await em.findOne(Session, { tokenHash: sha256(token) }, { populate: ['user', 'user.teams'] });
    if (!session || session.expiresAt <= new Date() || session.user.status !== UserStatus.ACTIVE) return null;
    const user = session.user;
    const tenant = await em.findOneOrFail(Tenant, user.tenant.id);
    const permissions = new Set<Permission>(user.teams.getItems().flatMap((team) => team.permissions));
    return new Viewer(tenant, userActor(user), permissions, user);
  }

  private async refuseIfLockedOut(keys: string[]): Promise<void> {
    const rows = await this.orm.em
      .fork()
      .getConnection()
      .execute<{ key: string; failures: number; retry_after: number }[]>(
        `select key, failures, ceil(extract(epoch from (window_started_at + make_interval(secs => ?) - now())))::int as retry_after
           from login_failure where key in (?, ?) and window_started_at > now() - make_interval(secs => ?)`,
        [this.config.loginWindowSeconds, keys[0], keys[1], this.config.loginWindowSeconds],
      );
    for (const row of rows) {
      const max = row.key.startsWith('account:') ? this.config.loginMaxFailuresPerAccount : this.config.loginMaxFailuresPerIp;
      if (row.failures >= max) {
        const minutes = Math.max(1, Math.ceil(row.retry_after / 60));
        throw new RateLimitedError(
          Math.max(1, row.retry_after),
          `Too many failed sign-ins ${row.key.startsWith('account:') ? 'for this account' : 'from your network address'}. Wait ${minutes} minute${minutes > 1 ? 's' : ''} and try again, or ask an administrator to reset your password.`,
        );
      }
    }
  }

  private async countFailure(em: EntityManager, keys: string[]): Promise<void> {
    const window = this.config.loginWindowSeconds;
    for (const key of keys) {
      await em.getConnection().execute(
        `insert into login_failure (key, window_started_at, failures) values (?, now(), 1)
         on conflict (key) do update set
           failures = case when login_failure.window_started_at <= now() - make_interval(secs => ?) then 1 else login_failure.failures + 1 end,
           window_started_at = case when login_failure.window_started_at <= now() - make_interval(secs => ?) then now() else login_failure.window_started_at end`,
        [key, window, window],
        'run',
        em.getTransactionContext(),
      );
    }
  }
}
