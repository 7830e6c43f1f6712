import { createHash, randomBytes } from 'node:crypto';
import { type AuditedWork, audited } from '../audit/audited.js';
import type { KeywardConfig } from '../config.js';
import { isUuid } from '../db/ids.js';
import type { Orm } from '../db/orm.js';
import { Actor, ActorType } from '../kernel/actor.js';
import type { Clock } from '../kernel/clock.js';
import { BadUserInputError, ForbiddenError, NotFoundError, refuseNulCharacter, UnauthenticatedError } from '../kernel/errors.js';
import { type RequestMeta, Viewer } from '../kernel/viewer.js';
import { accountKey, addressKey, LoginBudget } from './login-budget.js';
import { decoyPasswordHash, verifyPassword } from './passwords.js';
import { Session } from './session.entity.js';
import { User, UserStatus } from './user.entity.js';
import { permissionsOf } from './user-permissions.js';

export const SESSION_COOKIE = 'kw_session';

const INVALID_CREDENTIALS = 'The email or password is not right. Check both and try again.';

/** lastSeenAt is written at most this often per session, so a busy session does not write on every request. */
const SESSION_SEEN_WRITE_MS = 60_000;

const SESSIONS_NEED_SIGN_IN =
  'Sessions belong to people signed in to Keyward in a browser; this request uses an API key or access token. Sign in with your email and password to see or end your sessions.';

/** A signed-in browser as its owner sees it: never the token or its hash. */
export interface SessionSummary {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  lastSeenAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  current: boolean;
}

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
  private readonly budget: LoginBudget;

  constructor(
    private readonly orm: Orm,
    private readonly config: KeywardConfig,
    private readonly clock: Clock,
  ) {
    this.budget = new LoginBudget(orm, config);
  }

  /**
   * Email + password sign-in. Each attempt first takes a try from the account's and the address's failure budgets
   * (LoginBudget, in the database, so every process enforces one limit); a locked-out caller is refused before the
   * password is checked, and a right password gives the try back.
   */
  async login(emailInput: unknown, passwordInput: unknown, meta: RequestMeta): Promise<LoginResult> {
    if (typeof emailInput !== 'string' || emailInput.trim() === '') throw new BadUserInputError('email', 'Enter your email address.');
    if (typeof passwordInput !== 'string' || passwordInput === '') throw new BadUserInputError('password', 'Enter your password.');
    refuseNulCharacter('email', emailInput);
    const email = emailInput.trim().toLowerCase().slice(0, 254);
    const reservation = await this.budget.reserve([accountKey(email), addressKey(meta.ipAddress)]);

    const em = this.orm.em.fork();
    const user = await em.findOne(User, { email }, { populate: ['tenant'] });
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), passwordInput.slice(0, 1024));
    if (!user || !passwordOk || user.status !== UserStatus.ACTIVE) {
      const reason = !user ? 'unknown account' : !passwordOk ? 'wrong password' : 'account disabled';
      const by = { tenantId: user?.tenant.id ?? null, actor: Actor.of(ActorType.USER, user?.id ?? null, email) };
      await audited(em, { by, meta, clock: this.clock }, async (tx, audit) => {
        await this.budget.settle(tx, reservation, 'wrong');
        // An unknown address stands in for the user's id, within the column's 64 characters (the name keeps it whole).
        const target = { type: 'USER', id: user?.id ?? email.slice(0, 64), name: email };
        audit.record('auth.login_failed', target, { changes: { reason: { from: null, to: reason } } });
      });
      throw new UnauthenticatedError(INVALID_CREDENTIALS);
    }

    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlSeconds * 1000);
    await audited(em, { by: { tenantId: user.tenant.id, actor: userActor(user) }, meta, clock: this.clock }, async (tx, audit) => {
      tx.create(Session, {
        tokenHash: sha256(token),
        user,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        ipAddress: meta.ipAddress,
        userAgent: meta.userAgent?.slice(0, 512) ?? null,
      });
      await this.budget.settle(tx, reservation, 'right');
      // Ended sessions are swept here, on sign-in, so the table holds about as many rows as there are live sessions.
      // Ended by the clock that stamps and checks them (isLive), not the database's.
      await tx
        .getConnection()
        .execute(
          'delete from session where expires_at <= ? or last_seen_at <= ?',
          [now, new Date(now.getTime() - this.config.sessionIdleSeconds * 1000)],
          'run',
          tx.getTransactionContext(),
        );
      await tx.nativeUpdate(User, { id: user.id }, { lastSignInAt: now });
      audit.record('auth.login', { type: 'USER', id: user.id, name: user.email });
    });
    return { token, expiresAt, user };
  }

  async logout(token: string | undefined, meta: RequestMeta): Promise<void> {
    if (!token) return;
    // Whose session it is shows once it is found: the event names its tenant and actor itself.
    await audited(this.orm, { meta, clock: this.clock }, async (em, audit) => {
      const session = await em.findOne(Session, { tokenHash: sha256(token) }, { populate: ['user', 'user.tenant'] });
      if (!session) return;
      em.remove(session);
      const user = session.user;
      audit.record('auth.logout', { type: 'USER', id: user.id, name: user.email }, { tenantId: user.tenant.id, actor: userActor(user) });
    });
  }

  /** The viewer behind a session cookie, with the user's current permissions; null when not signed in. */
  async viewerForSession(token: string | undefined): Promise<Viewer | null> {
    if (!token || token.length > 100) return null;
    const em = this.orm.em.fork();
    const tokenHash = sha256(token);
    const session = await em.findOne(Session, { tokenHash }, { populate: ['user', 'user.teams', 'user.tenant'] });
    const now = this.clock.now();
    if (!session || !this.isLive(session, now) || session.user.status !== UserStatus.ACTIVE) return null;
    if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_SEEN_WRITE_MS) {
      // Conditional, so processes serving one session at once still write about once a minute.
      await em.nativeUpdate(
        Session,
        { tokenHash, lastSeenAt: { $lt: new Date(now.getTime() - SESSION_SEEN_WRITE_MS) } },
        { lastSeenAt: now },
      );
    }
    const user = session.user;
    const tenant = user.tenant;
    return new Viewer(tenant, userActor(user), permissionsOf(user), user, tokenHash);
  }

  /** The signed-in user's live sessions, the one making this request first, then the most recently used. */
  async listSessions(viewer: Viewer): Promise<SessionSummary[]> {
    const { userId, tokenHash } = this.sessionOwner(viewer);
    const now = this.clock.now();
    const sessions = await this.orm.em.fork().find(Session, { user: userId }, { orderBy: { lastSeenAt: 'desc', createdAt: 'desc' } });
    return sessions
      .filter((session) => this.isLive(session, now))
      .map((session) => ({
        id: session.publicId,
        createdAt: session.createdAt,
        expiresAt: session.expiresAt,
        lastSeenAt: session.lastSeenAt,
        ipAddress: session.ipAddress ?? null,
        userAgent: session.userAgent ?? null,
        current: session.tokenHash === tokenHash,
      }))
      .sort((a, b) => Number(b.current) - Number(a.current));
  }

  /** Ends one of the signed-in user's own sessions at once (the current one too: that signs out). */
  async revokeSession(viewer: Viewer, id: string, meta: RequestMeta): Promise<string> {
    const { userId } = this.sessionOwner(viewer);
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      const session = isUuid(id) ? await em.findOne(Session, { publicId: id.toLowerCase(), user: userId }) : null;
      if (!session || !this.isLive(session, this.clock.now())) {
        throw new NotFoundError('You have no session with this id; it may have ended already. List your sessions again (mySessions).');
      }
      em.remove(session);
      this.recordRevoked(audit, viewer, session);
      return session.publicId;
    });
  }

  /** Ends every session of the signed-in user except the one making this request; returns how many ended. */
  async revokeOtherSessions(viewer: Viewer, meta: RequestMeta): Promise<number> {
    const { userId, tokenHash } = this.sessionOwner(viewer);
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      const now = this.clock.now();
      const others = (await em.find(Session, { user: userId, tokenHash: { $ne: tokenHash } })).filter((s) => this.isLive(s, now));
      for (const session of others) {
        em.remove(session);
        this.recordRevoked(audit, viewer, session);
      }
      return others.length;
    });
  }

  private isLive(session: Session, now: Date): boolean {
    return session.expiresAt > now && now.getTime() - session.lastSeenAt.getTime() < this.config.sessionIdleSeconds * 1000;
  }

  private sessionOwner(viewer: Viewer): { userId: string; tokenHash: string } {
    if (!viewer.user || !viewer.sessionTokenHash) throw new ForbiddenError(SESSIONS_NEED_SIGN_IN);
    return { userId: viewer.user.id, tokenHash: viewer.sessionTokenHash };
  }

  private recordRevoked(audit: AuditedWork, viewer: Viewer, session: Session): void {
    // The public id names the session; its token and token hash never reach the audit trail.
    audit.record('auth.session_revoked', { type: 'SESSION', id: session.publicId, name: viewer.user?.email ?? null });
  }
}
