import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { audited } from '../audit/audited.js';
import { checkPersonalKeyLifetime, personalKeyMaxLifetimeDays, readCredentialPolicy } from '../credentials/credential-policy.js';
import { tokenFormat } from '../crypto/token-format.js';
import { isUuid } from '../db/ids.js';
import type { Orm } from '../db/orm.js';
import { Actor, ActorType } from '../kernel/actor.js';
import type { Clock } from '../kernel/clock.js';
import { ConflictError, ForbiddenError, LimitExceededError, NotFoundError, UnauthenticatedError } from '../kernel/errors.js';
import { humanDate } from '../kernel/human-date.js';
import type { Permission } from '../kernel/permissions.js';
import { type RequestMeta, Viewer, type ViewerUser } from '../kernel/viewer.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { userActor } from '../users/auth.service.js';
import { User } from '../users/user.entity.js';
import { permissionsOf } from '../users/user-permissions.js';
import { PersonalApiKey, PersonalApiKeyStatus } from './personal-api-key.entity.js';
import {
  API_KEY_RULES,
  effectiveKeyPermissions,
  KEYS_NEED_THEIR_OWNER,
  keyExpiry,
  keyLifetimeDays,
  keyPermissions,
  keyStatus,
  liveKeyLimitMessage,
  normalizeKeyName,
  regeneratedExpiry,
} from './personal-api-key.rules.js';

/** `kwpat_` + 43 base62 + a 6-character checksum, like client secrets, so scanners and typos are caught alike. */
export const PERSONAL_API_KEY = tokenFormat('kwpat_');

/** How stale lastUsedAt may get: a key used all the time is written at most once per interval. */
const LAST_USED_INTERVAL_MS = 60_000;
/** The narrowest column that keeps an actor's name (`created_by_name`). */
const ACTOR_NAME_MAX = 200;

export interface NewPersonalApiKeyInput {
  name?: string | null;
  /** Default 90 days from now; at most 365, or the tenant's credential-lifetime maximum when shorter. */
  expiresAt?: Date | null;
  /** A subset of the owner's permissions; default: theirs except SECURITY_ADMINISTRATION. */
  permissions?: Permission[] | null;
}

export interface IssuedPersonalApiKey {
  apiKey: PersonalApiKey;
  /** The key itself, for the one response that returns it. */
  token: string;
}

const auditTarget = (key: PersonalApiKey) => ({ type: 'PERSONAL_API_KEY', id: key.id, name: key.name });

/** "<owner> via API key <name>", shortened at the owner's end when it would not fit where actors are kept. */
export function apiKeyActorName(owner: User, keyName: string): string {
  const via = ` via API key ${keyName}`;
  const who = userActor(owner).displayName;
  if (who.length + via.length <= ACTOR_NAME_MAX) return `${who}${via}`;
  return `${who.slice(0, ACTOR_NAME_MAX - via.length - 1)}…${via}`;
}

export class PersonalApiKeyService {
  constructor(
    private readonly orm: Orm,
    private readonly pepper: Buffer,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** As of now; the owner must be loaded (an owner that is not known to be ACTIVE counts as disabled). */
  statusOf(key: PersonalApiKey): PersonalApiKeyStatus {
    return keyStatus(key, key.owner.status, this.clock.now());
  }

  /** The viewer's own keys, newest first. Nobody sees anyone else's keys, not even a security administrator. */
  async list(viewer: Viewer): Promise<PersonalApiKey[]> {
    const owner = this.ownerOf(viewer);
    return this.orm.em
      .fork()
      .find(
        PersonalApiKey,
        { owner: owner.id, tenant: viewer.tenantId },
        { populate: ['owner'], orderBy: { createdAt: 'desc', id: 'desc' } },
      );
  }

  /**
   * A new key for the viewer, carrying the permissions chosen (or the default, see keyPermissions), lasting at most
   * the tenant's credential lifetime. The owner's row is locked while the live keys are counted, so concurrent
   * requests (in any process) cannot take a user past the limit together.
   */
  async create(viewer: Viewer, meta: RequestMeta, input: NewPersonalApiKeyInput): Promise<IssuedPersonalApiKey> {
    const owner = this.ownerOf(viewer);
    const name = normalizeKeyName(input.name);
    const permissions = keyPermissions(input.permissions, viewer.permissions);
    const now = this.clock.now();
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      const tenant = await em.findOneOrFail(Tenant, viewer.tenantId);
      const expiresAt = keyExpiry(input.expiresAt, now, this.maxLifetimeDays(tenant, input.expiresAt, now));
      const lockedOwner = await this.lockOwner(em, owner.id);
      await this.refuseOverLiveKeyLimit(em, owner.id, now);
      const { token, hint } = PERSONAL_API_KEY.generate();
      const apiKey = em.create(PersonalApiKey, {
        tenant,
        owner: lockedOwner,
        name,
        hint,
        tokenHash: PERSONAL_API_KEY.hash(token, this.pepper),
        createdAt: now,
        expiresAt,
        permissions,
      });
      audit.record('apikey.created', auditTarget(apiKey), {
        changes: {
          name: { from: null, to: name },
          hint: { from: null, to: hint },
          expiresAt: { from: null, to: expiresAt.toISOString() },
          permissions: { from: null, to: permissions },
        },
      });
      return { apiKey, token };
    });
  }

  /** Stops the key at once. Revoking a revoked key returns it as it is, without a second audit event. */
  async revoke(viewer: Viewer, meta: RequestMeta, id: string): Promise<PersonalApiKey> {
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      const apiKey = await this.lockOwnKey(em, viewer, id);
      if (apiKey.revokedAt) return apiKey;
      apiKey.revokedAt = this.clock.now();
      audit.record('apikey.revoked', auditTarget(apiKey), { changes: { revokedAt: { from: null, to: apiKey.revokedAt.toISOString() } } });
      return apiKey;
    });
  }

  /**
   * A personal API key reported as leaked (docs/leaked-credentials.md): when `value` is a live one, it is revoked at once
   * (every request reads the key afresh) with one `apikey.exposed` event in its tenant's trail, naming where it was found,
   * never the value. Null when the value is no key of Keyward's, or one already revoked: nothing changes or is recorded.
   */
  async revokeExposed(
    value: string,
    report: { reporter: string; source: string | null; url: string | null },
  ): Promise<{ tenantId: string; keyName: string; hint: string; ownerEmail: string } | null> {
    if (!PERSONAL_API_KEY.checkShape(value).ok) return null;
    const tokenHash = PERSONAL_API_KEY.hash(value, this.pepper);
    const found = await this.orm.em.fork().findOne(PersonalApiKey, { tokenHash }, { populate: ['owner'] });
    if (!found || found.revokedAt) return null;
    const tenantId = found.tenant.id;
    return audited(this.orm, { by: { tenantId, actor: Actor.system }, clock: this.clock }, async (em, audit) => {
      const now = this.clock.now();
      // Conditional: of two reports at once, one revokes and records.
      const revoked = await em.nativeUpdate(PersonalApiKey, { id: found.id, tokenHash, revokedAt: null }, { revokedAt: now });
      if (revoked === 0) return null;
      audit.record('apikey.exposed', auditTarget(found), {
        changes: {
          revokedAt: { from: null, to: now.toISOString() },
          owner: { from: null, to: found.owner.email },
          reportedBy: { from: null, to: report.reporter },
          source: { from: null, to: report.source },
          url: { from: null, to: report.url },
        },
      });
      return { tenantId, keyName: found.name, hint: found.hint, ownerEmail: found.owner.email };
    });
  }

  /**
   * A new value for the key, keeping its name; the old value stops working at once (its hash is replaced).
   * The new value lasts as long as the old one was given, from now, at most 365 days (or the tenant's shorter
   * maximum), and carries the same chosen permissions. An expired key comes back to life, so it counts against
   * the live-key limit like a new one.
   */
  async regenerate(viewer: Viewer, meta: RequestMeta, id: string): Promise<IssuedPersonalApiKey> {
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      // The owner first, as create does, so the limit check below sees every concurrent change.
      await this.lockOwner(em, this.ownerOf(viewer).id);
      const apiKey = await this.lockOwnKey(em, viewer, id);
      if (apiKey.revokedAt) {
        throw new ConflictError(
          `The API key "${apiKey.name}" was revoked on ${humanDate(apiKey.revokedAt)} and cannot be used again, so it cannot be regenerated. Create a new key instead.`,
        );
      }
      const now = this.clock.now();
      if (apiKey.expiresAt.getTime() <= now.getTime()) await this.refuseOverLiveKeyLimit(em, apiKey.owner.id, now);
      const tenant = await em.findOneOrFail(Tenant, viewer.tenantId);
      const previous = { hint: apiKey.hint, expiresAt: apiKey.expiresAt };
      const { token, hint } = PERSONAL_API_KEY.generate();
      apiKey.tokenHash = PERSONAL_API_KEY.hash(token, this.pepper);
      apiKey.hint = hint;
      apiKey.expiresAt = regeneratedExpiry(apiKey, now, this.maxLifetimeDays(tenant));
      apiKey.regeneratedAt = now;
      audit.record('apikey.regenerated', auditTarget(apiKey), {
        changes: {
          hint: { from: previous.hint, to: hint },
          expiresAt: { from: previous.expiresAt.toISOString(), to: apiKey.expiresAt.toISOString() },
        },
      });
      return { apiKey, token };
    });
  }

  /**
   * The longest a key may last in the tenant: the key rules' maximum, or the credential policy's shorter one. An expiry
   * past the policy's maximum is refused naming the policy (the key rules' own refusal names theirs).
   */
  private maxLifetimeDays(tenant: Tenant, expiresAt?: Date | null, now?: Date): number {
    const policy = readCredentialPolicy(tenant.credentialPolicy);
    const rulesMax = keyLifetimeDays(tenant.maxCredentialLifetimeDays);
    if (now) checkPersonalKeyLifetime(policy, expiresAt, now, rulesMax);
    return personalKeyMaxLifetimeDays(policy, rulesMax);
  }

  /**
   * The viewer behind `Authorization: Bearer kwpat_…`: the key's owner, acting through the key, with the
   * permissions chosen for the key that the owner's teams still grant right now (read on every request), so
   * taking a permission from the owner takes it from every key at once. Each refusal says why.
   */
  async authenticate(token: string, ipAddress: string | null): Promise<Viewer> {
    if (!PERSONAL_API_KEY.checkShape(token).ok) {
      throw new UnauthenticatedError('This is not a Keyward personal API key (kwpat_…): check that it was copied whole.');
    }
    const apiKey = await this.orm.em
      .fork()
      .findOne(PersonalApiKey, { tokenHash: PERSONAL_API_KEY.hash(token, this.pepper) }, { populate: ['owner', 'owner.teams', 'tenant'] });
    if (!apiKey) {
      throw new UnauthenticatedError(
        'This personal API key is not valid; it may have been regenerated or revoked. Use its current value, or create a new key under My API keys.',
      );
    }
    switch (this.statusOf(apiKey)) {
      case PersonalApiKeyStatus.REVOKED:
        throw new UnauthenticatedError(
          `The personal API key "${apiKey.name}" was revoked on ${humanDate(apiKey.revokedAt as Date)}; create a new one under My API keys.`,
        );
      case PersonalApiKeyStatus.EXPIRED:
        throw new UnauthenticatedError(
          `The personal API key "${apiKey.name}" expired on ${humanDate(apiKey.expiresAt)}; create a new one under My API keys.`,
        );
      case PersonalApiKeyStatus.SUSPENDED:
        throw new UnauthenticatedError(
          `The personal API key "${apiKey.name}" cannot be used while its owner's account is disabled. A security administrator can enable the account again.`,
        );
      case PersonalApiKeyStatus.VALID:
        break;
    }
    this.recordUse(apiKey, ipAddress);
    const owner = apiKey.owner;
    const actor = Actor.of(ActorType.API_KEY, apiKey.id, apiKeyActorName(owner, apiKey.name));
    return new Viewer(apiKey.tenant, actor, effectiveKeyPermissions(apiKey.permissions, permissionsOf(owner)), owner);
  }

  /**
   * lastUsedAt/lastUsedIp without a write on every request: only when the stored time is older than a
   * minute, and the conditional update lets one of several concurrent requests (or processes) write it.
   * Not awaited — the request does not wait for it — and not audited: a key's use is not a change.
   */
  private recordUse(apiKey: PersonalApiKey, ipAddress: string | null): void {
    const now = this.clock.now();
    const staleBefore = new Date(now.getTime() - LAST_USED_INTERVAL_MS);
    if (apiKey.lastUsedAt && apiKey.lastUsedAt >= staleBefore) return;
    this.orm.em
      .getConnection()
      .execute(
        'update personal_api_key set last_used_at = ?, last_used_ip = ? where id = ? and (last_used_at is null or last_used_at < ?)',
        [now, ipAddress?.slice(0, 64) ?? null, apiKey.id, staleBefore],
        'run',
      )
      .catch((error: unknown) =>
        this.logger.warn({ err: error, apiKeyId: apiKey.id }, 'could not record when a personal API key was last used'),
      );
  }

  /**
   * Locks the owner's row until commit (FOR NO KEY UPDATE: inserting keys that reference it still works), so the
   * live-key count and the key made after it are one step for concurrent requests.
   */
  private async lockOwner(em: EntityManager, ownerId: string): Promise<User> {
    await em
      .getConnection()
      .execute('select id from app_user where id = ? for no key update', [ownerId], 'all', em.getTransactionContext());
    return em.findOneOrFail(User, ownerId);
  }

  /** Live: not revoked and not expired (a suspended key is live: it works again when its owner is enabled). */
  private async refuseOverLiveKeyLimit(em: EntityManager, ownerId: string, now: Date): Promise<void> {
    const live = await em.count(PersonalApiKey, { owner: ownerId, revokedAt: null, expiresAt: { $gt: now } });
    if (live >= API_KEY_RULES.maxLiveKeys)
      throw new LimitExceededError(API_KEY_RULES.maxLiveKeys, liveKeyLimitMessage(API_KEY_RULES.maxLiveKeys));
  }

  private ownerOf(viewer: Viewer): ViewerUser {
    if (viewer.actor.type !== ActorType.USER || !viewer.user) throw new ForbiddenError(KEYS_NEED_THEIR_OWNER);
    return viewer.user;
  }

  /** The viewer's own key, locked until commit; anyone else's (or no) key is "not found", never "forbidden". */
  private async lockOwnKey(em: EntityManager, viewer: Viewer, id: string): Promise<PersonalApiKey> {
    const owner = this.ownerOf(viewer);
    const notFound = new NotFoundError(
      `You have no personal API key with ID "${id.slice(0, 64)}". You can see and change only your own keys: list them under My API keys (myApiKeys).`,
    );
    if (!isUuid(id)) throw notFound;
    // Loaded first so the key's owner is a full entity and its status can be derived.
    await em.findOneOrFail(User, owner.id);
    const apiKey = await em.findOne(
      PersonalApiKey,
      { id, owner: owner.id, tenant: viewer.tenantId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!apiKey) throw notFound;
    return apiKey;
  }
}
