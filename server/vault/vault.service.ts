import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { diffFields } from '../audit/audit.service.js';
import type { FieldChanges } from '../audit/audit-event.entity.js';
import { type AuditedWork, type AuditSubject, audited } from '../audit/audited.js';
import { UnsealError } from '../crypto/sealed.js';
import { isUuid } from '../db/ids.js';
import type { Orm } from '../db/orm.js';
import { Actor } from '../kernel/actor.js';
import type { Clock } from '../kernel/clock.js';
import { BadUserInputError, BadUserInputErrors, ConflictError, NotFoundError } from '../kernel/errors.js';
import type { RequestMeta, Viewer } from '../kernel/viewer.js';
import { outboundRequest } from '../outbound/http-client.js';
import { type OutboundPolicy, OutboundRefused } from '../outbound/outbound.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { type OAuth2Tokens, requestToken, TokenRequestFailed } from './oauth2-client.js';
import {
  authorizationParts,
  type CheckedVaultFields,
  checkVaultFields,
  normalizeOutboundUrl,
  normalizeVaultContacts,
  normalizeVaultDescription,
  normalizeVaultName,
  secretValues,
  type VaultAuthorizationParts,
  type VaultSecrets,
  type VaultSettings,
  type VaultTypeInput,
  vaultHint,
  vaultStatus,
} from './vault.rules.js';
import { VaultCredential, type VaultCredentialStatus, VaultCredentialType } from './vault-credential.entity.js';
import { VaultNotice, VaultNoticeKind } from './vault-notice.entity.js';
import { type RenewalPolicy, renewalDue, retryDelayMs } from './vault-renewal.rules.js';
import type { VaultSeal } from './vault-seal.js';

/** What create and update take (the GraphQL inputs have this shape). */
export interface VaultCredentialInputShape extends VaultTypeInput {
  name?: string | null;
  description?: string | null;
  type?: VaultCredentialType | null;
  contactEmails?: string[] | null;
  testUrl?: string | null;
  expiresAt?: Date | null;
  enabled?: boolean | null;
}

/** The result of a Test: what the service answered, and how fast, in people's words. */
export interface VaultTestOutcome {
  ok: boolean;
  status: number | null;
  latencyMs: number | null;
  message: string;
  url: string | null;
}

/** Ready-to-send authorization, and until when it holds (an OAuth2 access token's expiry). */
export interface VaultAuthorization extends VaultAuthorizationParts {
  expiresAt: Date | null;
}

/** An OAuth2 access token is renewed when less than this is left of it, so a caller never gets one about to run out. */
const ACCESS_TOKEN_MARGIN_MS = 60_000;

const SUBJECT: AuditSubject<VaultCredential> = {
  target: (credential) => ({ type: 'VAULT_CREDENTIAL', id: credential.id, name: credential.name }),
  // Never a secret: the plain settings and the masked hint only.
  snapshot: (credential) => ({
    name: credential.name,
    description: credential.description ?? null,
    type: credential.type,
    contactEmails: credential.contactEmails,
    testUrl: credential.testUrl ?? null,
    settings: canonical(credential.settings),
    hint: credential.hint,
    expiresAt: credential.expiresAt?.toISOString() ?? null,
    enabled: credential.enabled,
  }),
};

/** The outbound credential vault (docs/vault.md, SPEC §18). */
export class VaultService {
  constructor(
    private readonly orm: Orm,
    private readonly seal: VaultSeal,
    private readonly clock: Clock,
    private readonly policy: OutboundPolicy,
  ) {}

  statusOf(credential: VaultCredential): VaultCredentialStatus {
    return vaultStatus(credential, this.clock.now());
  }

  /** The plain settings of the credential's type (never a secret). */
  settingsOf(credential: VaultCredential): VaultSettings {
    return credential.settings as unknown as VaultSettings;
  }

  async list(viewer: Viewer): Promise<VaultCredential[]> {
    return this.orm.em.fork().find(VaultCredential, { tenant: viewer.tenantId }, { orderBy: { name: 'asc', id: 'asc' } });
  }

  async get(viewer: Viewer, id: string): Promise<VaultCredential> {
    const found = isUuid(id) ? await this.orm.em.fork().findOne(VaultCredential, { id, tenant: viewer.tenantId }) : null;
    if (!found) throw notFound(id);
    return found;
  }

  async create(viewer: Viewer, meta: RequestMeta, input: VaultCredentialInputShape): Promise<VaultCredential> {
    if (!input.type) throw new BadUserInputError('type', 'Choose the type: API_KEY, OAUTH2, BEARER_TOKEN, BASIC_AUTH or CUSTOM_HEADERS.');
    const type = input.type;
    const now = this.clock.now();
    const checked = this.checkCommon(input, type, null);
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      const tenant = await em.findOneOrFail(Tenant, viewer.tenantId);
      await refuseTakenName(em, viewer.tenantId, checked.name, null);
      const credential = em.create(VaultCredential, {
        tenant,
        name: checked.name,
        description: checked.description,
        type,
        contactEmails: checked.contactEmails,
        testUrl: checked.testUrl,
        settings: checked.fields.settings as unknown as Record<string, unknown>,
        sealedSecrets: '',
        hint: vaultHint(checked.fields),
        expiresAt: checked.expiresAt,
        enabled: input.enabled ?? true,
        createdAt: now,
        updatedAt: now,
        ...viewer.actor.toCreatedBy(),
      });
      credential.sealedSecrets = this.sealSecrets(viewer.tenantId, credential.id, checked.fields.secrets);
      audit.created('vault.created', credential, SUBJECT);
      return credential;
    });
  }

  /** Changes what is given; a secret left out or blank keeps its stored value. The type cannot change. */
  async update(viewer: Viewer, meta: RequestMeta, id: string, input: VaultCredentialInputShape): Promise<VaultCredential> {
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      const credential = await this.lock(em, viewer.tenantId, id);
      if (input.type && input.type !== credential.type)
        throw new BadUserInputError(
          'type',
          `A credential's type cannot change (this one is ${credential.type}); create a new credential of type ${input.type} instead.`,
        );
      const kept = this.fieldsOf(credential);
      const checked = this.checkCommon(input, credential.type, { credential, fields: kept });
      if (checked.name !== credential.name) await refuseTakenName(em, viewer.tenantId, checked.name, credential.id);
      const before = SUBJECT.snapshot(credential);
      const secretReplaced = !sameJson(checked.fields.secrets, kept.secrets);
      const connectionChanged = !sameJson(checked.fields.settings, kept.settings) || secretReplaced;
      Object.assign(credential, {
        name: checked.name,
        description: checked.description,
        contactEmails: checked.contactEmails,
        testUrl: checked.testUrl,
        settings: checked.fields.settings,
        hint: vaultHint(checked.fields),
        expiresAt: checked.expiresAt,
        enabled: input.enabled ?? credential.enabled,
        updatedAt: this.clock.now(),
      });
      if (secretReplaced) credential.sealedSecrets = this.sealSecrets(viewer.tenantId, credential.id, checked.fields.secrets);
      // New OAuth2 settings or secret: the tokens of the old ones are dropped, and a failed renewal is forgotten.
      if (connectionChanged && credential.type === VaultCredentialType.OAUTH2) {
        credential.sealedTokens = null;
        credential.accessTokenExpiresAt = null;
        credential.needsReauthorizationAt = null;
        credential.renewalFailures = 0;
        credential.lastRenewalError = null;
        credential.nextRenewalAttemptAt = null;
      }
      const changes = diffFields(before, SUBJECT.snapshot(credential));
      // The value itself is never in the trail: only that it was replaced.
      if (secretReplaced) changes.secret = { from: '••••', to: '•••• (replaced)' };
      if (Object.keys(changes).length > 0) audit.record('vault.updated', SUBJECT.target(credential), { changes });
      return credential;
    });
  }

  async delete(viewer: Viewer, meta: RequestMeta, id: string): Promise<boolean> {
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      const credential = await this.lock(em, viewer.tenantId, id);
      audit.deleted('vault.deleted', credential, SUBJECT);
      em.remove(credential);
      return true;
    });
  }

  /**
   * Calls `url` (or the credential's test URL) with the credential applied — for OAUTH2 with a fresh access token
   * first — and says what the service answered. The call and its result are audited, never the value.
   */
  async test(viewer: Viewer, meta: RequestMeta, id: string, url: string | null | undefined): Promise<VaultTestOutcome> {
    const credential = await this.get(viewer, id);
    const target = this.testTarget(url, () => credential.testUrl ?? null);
    const outcome = await this.tryWith(this.fieldsOf(credential), target, this.storedTokens(credential));
    await this.recordTest(viewer, meta, credential, outcome, {});
    return outcome;
  }

  /**
   * Test before saving: the input checked as create checks it, then used once; nothing is stored. `_viewer` is who
   * asked (the resolver's viewerOf refuses anyone signed out); a draft belongs to nobody yet.
   */
  async testDraft(_viewer: Viewer, input: VaultCredentialInputShape, url: string | null | undefined): Promise<VaultTestOutcome> {
    if (!input.type) throw new BadUserInputError('type', 'Choose the type: API_KEY, OAUTH2, BEARER_TOKEN, BASIC_AUTH or CUSTOM_HEADERS.');
    const fields = checkVaultFields(input.type, input, this.policy);
    const target = this.testTarget(url, () => normalizeOutboundUrl('testUrl', input.testUrl, this.policy, 'The test URL'));
    return this.tryWith(fields, target, null);
  }

  /**
   * Test of an edit before saving it: the input checked as update checks it — a secret left blank is the stored one —
   * then used once; nothing is stored. Audited as a test of the saved credential, since its stored value is used.
   */
  async testEdit(
    viewer: Viewer,
    meta: RequestMeta,
    id: string,
    input: VaultCredentialInputShape,
    url: string | null | undefined,
  ): Promise<VaultTestOutcome> {
    const credential = await this.get(viewer, id);
    if (input.type && input.type !== credential.type)
      throw new BadUserInputError(
        'type',
        `A credential's type cannot change (this one is ${credential.type}); test it as ${credential.type}.`,
      );
    const fields = checkVaultFields(credential.type, input, this.policy, this.fieldsOf(credential));
    const target = this.testTarget(url, () =>
      input.testUrl === undefined
        ? (credential.testUrl ?? null)
        : normalizeOutboundUrl('testUrl', input.testUrl, this.policy, 'The test URL'),
    );
    const outcome = await this.tryWith(fields, target, this.storedTokens(credential));
    await this.recordTest(viewer, meta, credential, outcome, { draft: { from: null, to: 'unsaved changes' } });
    return outcome;
  }

  /** The URL a Test calls: the one given, else the fallback (a test URL saved or in the input); refused when neither is. */
  private testTarget(url: string | null | undefined, fallback: () => string | null): string {
    const target = normalizeOutboundUrl('url', url, this.policy, 'The test URL') ?? fallback();
    if (!target) throw noTestUrl();
    return target;
  }

  /** A Test of a saved credential in the audit trail: the HTTP status it got, never a value. */
  private async recordTest(viewer: Viewer, meta: RequestMeta, credential: VaultCredential, outcome: VaultTestOutcome, also: FieldChanges) {
    await audited(this.orm, { by: viewer, meta, clock: this.clock }, async (_em, audit) => {
      audit.record('vault.tested', SUBJECT.target(credential), {
        changes: { result: { from: null, to: outcome.status ? `HTTP ${outcome.status}` : 'no answer' }, ...also },
      });
    });
  }

  /**
   * The ready-to-send authorization of the credential, for an integration to call the other service with: an
   * OAuth2 credential's access token is renewed first when less than a minute of it is left. Each use is audited.
   */
  async authorization(viewer: Viewer, meta: RequestMeta, id: string): Promise<VaultAuthorization> {
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      // Locked: two processes asked at once renew an OAuth2 token once, not twice.
      const credential = await this.lock(em, viewer.tenantId, id);
      const ready = await this.readyAuthorization(credential, audit);
      audit.record('vault.used', SUBJECT.target(credential));
      return ready;
    });
  }

  /**
   * The same for a webhook delivery of the tenant's (webhooks/webhook-dispatcher.ts): each delivery is in the endpoint's
   * delivery log, so a use is not one audit event more — which, sent as `audit.event`, would be one delivery more, for
   * ever. A renewal it causes is audited as always.
   */
  async authorizationForDelivery(tenantId: string, id: string): Promise<VaultAuthorization> {
    return audited(this.orm, { by: { tenantId, actor: Actor.system }, clock: this.clock }, async (em, audit) =>
      this.readyAuthorization(await this.lock(em, tenantId, id), audit),
    );
  }

  private async readyAuthorization(credential: VaultCredential, audit: AuditedWork): Promise<VaultAuthorization> {
    const status = this.statusOf(credential);
    if (status !== 'VALID')
      throw new ConflictError(
        status === 'DISABLED'
          ? `The vault credential "${credential.name}" is disabled: enable it first.`
          : status === 'EXPIRED'
            ? `The vault credential "${credential.name}" has expired: give it a new value.`
            : `The vault credential "${credential.name}" needs to be authorized again: ${credential.lastRenewalError ?? 'its provider refused to renew it'}.`,
      );
    const fields = this.fieldsOf(credential);
    let expiresAt: Date | null = credential.expiresAt ?? null;
    let parts: VaultAuthorizationParts;
    if (fields.secrets.type === 'OAUTH2') {
      const tokens = await this.currentTokens(credential, fields, audit);
      parts = authorizationParts(fields, tokens.accessToken);
      expiresAt = tokens.expiresAt ? new Date(tokens.expiresAt) : expiresAt;
    } else {
      parts = authorizationParts(fields);
    }
    credential.lastUsedAt = this.clock.now();
    return { ...parts, expiresAt };
  }

  /** A new OAuth2 access token now, whatever is left of the current one. */
  async renew(viewer: Viewer, meta: RequestMeta, id: string): Promise<VaultCredential> {
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      const credential = await this.lock(em, viewer.tenantId, id);
      if (credential.type !== VaultCredentialType.OAUTH2)
        throw new BadUserInputError(
          'id',
          `Only OAUTH2 credentials are renewed; "${credential.name}" is ${credential.type} and holds its value as given.`,
        );
      await this.renewTokens(credential, this.fieldsOf(credential), audit);
      return credential;
    });
  }

  /** The stored access token when enough of it is left; otherwise a new one (renewTokens). */
  private async currentTokens(credential: VaultCredential, fields: CheckedVaultFields, audit: AuditedWork): Promise<OAuth2Tokens> {
    const stored = this.storedTokens(credential);
    if (stored && this.fresh(stored)) return stored;
    return this.renewTokens(credential, fields, audit, stored);
  }

  /** The credential's sealed OAuth2 tokens, or null before the first. */
  private storedTokens(credential: VaultCredential): OAuth2Tokens | null {
    return credential.sealedTokens ? this.unsealed<OAuth2Tokens>(credential, 'tokens', credential.sealedTokens) : null;
  }

  /** More than the margin is left of the access token (or the provider gave it no expiry). */
  private fresh(tokens: OAuth2Tokens): boolean {
    return tokens.expiresAt === null || tokens.expiresAt - this.clock.now().getTime() > ACCESS_TOKEN_MARGIN_MS;
  }

  /**
   * Asks the provider for a new access token (the refresh token when there is one, else the client credentials
   * grant), seals it, and records the renewal; a refusal is recorded on the credential and answered with the
   * provider's words.
   */
  private async renewTokens(
    credential: VaultCredential,
    fields: CheckedVaultFields,
    audit: AuditedWork,
    stored: OAuth2Tokens | null = this.storedTokens(credential),
  ): Promise<OAuth2Tokens> {
    const settings = fields.settings as Extract<VaultSettings, { type: 'OAUTH2' }>;
    const secrets = fields.secrets as Extract<VaultSecrets, { type: 'OAUTH2' }>;
    if (settings.grant === 'AUTHORIZATION_CODE' && !stored?.refreshToken)
      throw new ConflictError(
        `The vault credential "${credential.name}" is not connected yet: connect it (connectVaultCredential) to sign in at the provider.`,
      );
    try {
      return await this.obtainTokens(credential, settings, secrets, audit, stored);
    } catch (error) {
      if (!(error instanceof TokenRequestFailed)) throw error;
      throw new ConflictError(`The provider gave "${credential.name}" no access token: ${error.message}`);
    }
  }

  /**
   * The one place a new access token is obtained and kept (on demand, and by the renewal job): sealed, its expiry copied
   * for the job, any failure state forgotten, audited. A refusal is thrown as the provider's TokenRequestFailed.
   */
  private async obtainTokens(
    credential: VaultCredential,
    settings: Extract<VaultSettings, { type: 'OAUTH2' }>,
    secrets: Extract<VaultSecrets, { type: 'OAUTH2' }>,
    audit: AuditedWork,
    stored: OAuth2Tokens | null,
  ): Promise<OAuth2Tokens> {
    const tokens = await requestToken(settings, secrets, stored?.refreshToken ?? null, this.policy, this.clock);
    credential.sealedTokens = this.seal.seal(placeOf(credential, 'tokens'), tokens);
    credential.accessTokenExpiresAt = tokens.expiresAt ? new Date(tokens.expiresAt) : null;
    credential.lastRenewedAt = this.clock.now();
    credential.renewalFailures = 0;
    credential.lastRenewalError = null;
    credential.nextRenewalAttemptAt = null;
    credential.needsReauthorizationAt = null;
    audit.record('vault.renewed', SUBJECT.target(credential), {
      changes: { accessTokenExpiresAt: { from: null, to: credential.accessTokenExpiresAt?.toISOString() ?? null } },
    });
    return tokens;
  }

  /**
   * The renewal job's work on one credential (vault-renewal.ts), before anyone asks for its token: locked (a credential
   * another process is renewing is skipped), checked to be still due, renewed. A refusal is kept on the credential and
   * tried again with backoff; a permanent one (the client or grant is no good) or the last allowed failure makes it
   * NEEDS_REAUTHORIZATION, with one audit event and one notice claimed per contact, in the same transaction.
   */
  async renewScheduled(id: string, policy: RenewalPolicy): Promise<'renewed' | 'retrying' | 'needs-reauthorization' | 'skipped'> {
    const found = await this.orm.em.fork().findOne(VaultCredential, { id }, { fields: ['tenant'] });
    if (!found) return 'skipped';
    const tenantId = found.tenant.id;
    return audited(this.orm, { by: { tenantId, actor: Actor.system }, clock: this.clock }, async (em, audit) => {
      const credential = await em.findOne(VaultCredential, { id }, { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE });
      const now = this.clock.now();
      if (!credential || credential.type !== VaultCredentialType.OAUTH2 || !renewalDue(credential, now)) return 'skipped';
      const fields = this.fieldsOf(credential);
      const settings = fields.settings as Extract<VaultSettings, { type: 'OAUTH2' }>;
      const secrets = fields.secrets as Extract<VaultSecrets, { type: 'OAUTH2' }>;
      const stored = this.storedTokens(credential);
      // Connected without a refresh token: only signing in at the provider again gives a new one (renewTokens says so to a caller).
      if (settings.grant === 'AUTHORIZATION_CODE' && !stored?.refreshToken) return 'skipped';
      try {
        await this.obtainTokens(credential, settings, secrets, audit, stored);
        return 'renewed';
      } catch (error) {
        if (!(error instanceof TokenRequestFailed)) throw error;
        credential.renewalFailures += 1;
        credential.lastRenewalError = `The provider gave no new access token: ${error.message}`.slice(0, 500);
        if (!error.permanent && credential.renewalFailures < policy.maxFailures) {
          credential.nextRenewalAttemptAt = new Date(now.getTime() + retryDelayMs(credential.renewalFailures, policy.retryBaseSeconds));
          return 'retrying';
        }
        credential.needsReauthorizationAt = now;
        credential.nextRenewalAttemptAt = null;
        audit.record('vault.renewal_failed', SUBJECT.target(credential), {
          changes: {
            reason: { from: null, to: credential.lastRenewalError },
            attempts: { from: null, to: credential.renewalFailures },
          },
        });
        for (const recipient of new Set(credential.contactEmails))
          em.create(VaultNotice, {
            tenant: credential.tenant,
            credential,
            kind: VaultNoticeKind.RENEWAL_FAILED,
            occasion: `renewal-failed:${now.toISOString()}`,
            recipient,
            claimedAt: now,
            nextAttemptAt: now,
          });
        return 'needs-reauthorization';
      }
    });
  }

  /** One call of `url` with the credential applied; an OAuth2 credential's access token is requested first. */
  /**
   * One call of `url` with the credential applied. OAUTH2: the client credentials grant asks for a new token (so a
   * Test shows whether the client secret works); an authorization-code credential uses its stored access token while
   * it is fresh — asking with its refresh token here would spend it at providers that rotate refresh tokens, and a Test
   * keeps nothing — and says to Renew now or Connect otherwise.
   */
  private async tryWith(fields: CheckedVaultFields, url: string, stored: OAuth2Tokens | null): Promise<VaultTestOutcome> {
    let accessToken: string | null = null;
    if (fields.secrets.type === 'OAUTH2') {
      const settings = fields.settings as Extract<VaultSettings, { type: 'OAUTH2' }>;
      if (settings.grant === 'AUTHORIZATION_CODE') {
        if (!stored || !this.fresh(stored)) {
          const message = stored
            ? 'Its access token has run out: use Renew now (Keyward renews it with the refresh token and keeps the new one), then Test again.'
            : 'It is not connected yet: use Connect to sign in at the provider, then Test again.';
          return { ok: false, status: null, latencyMs: null, message, url: null };
        }
        accessToken = stored.accessToken;
      } else {
        try {
          accessToken = (await requestToken(settings, fields.secrets, null, this.policy, this.clock)).accessToken;
        } catch (error) {
          if (!(error instanceof TokenRequestFailed)) throw error;
          return { ok: false, status: error.status, latencyMs: error.latencyMs, message: `No access token: ${error.message}`, url: null };
        }
      }
    }
    const parts = authorizationParts(fields, accessToken);
    const target = new URL(url);
    for (const { name, value } of parts.queryParameters) target.searchParams.set(name, value);
    const secrets = secretValues(fields, { accessToken });
    try {
      const response = await outboundRequest(
        {
          url: target.toString(),
          headers: Object.fromEntries(parts.headers.map(({ name, value }) => [name, value])),
          sensitiveHeaders: parts.headers.map(({ name }) => name),
          what: 'The test URL',
          maxRedirects: 5,
          secrets,
        },
        this.policy,
      );
      const ok = response.status >= 200 && response.status < 300;
      return {
        ok,
        status: response.status,
        latencyMs: Math.round(response.latencyMs),
        message: ok
          ? `The service answered HTTP ${response.status} in ${Math.round(response.latencyMs)} ms: the credential works.`
          : `The service answered HTTP ${response.status}${statusWords(response.status)}${reasonOf(response.body, secrets)}.`,
        url: response.url,
      };
    } catch (error) {
      if (!(error instanceof OutboundRefused)) throw error;
      return { ok: false, status: null, latencyMs: null, message: error.message, url: null };
    }
  }

  private checkCommon(
    input: VaultCredentialInputShape,
    type: VaultCredentialType,
    kept: { credential: VaultCredential; fields: CheckedVaultFields } | null,
  ) {
    const was = kept?.credential;
    // Every field's refusal at once, so a form shows each problem after one try.
    const errors: BadUserInputError[] = [];
    const attempt = <T>(check: () => T): T | undefined => {
      try {
        return check();
      } catch (error) {
        if (error instanceof BadUserInputError) errors.push(error);
        else throw error;
        return undefined;
      }
    };
    const name = attempt(() => ((input.name === undefined || input.name === null) && was ? was.name : normalizeVaultName(input.name)));
    const description = attempt(() =>
      input.description === undefined && was ? (was.description ?? null) : normalizeVaultDescription(input.description),
    );
    const contactEmails = attempt(() =>
      (input.contactEmails === undefined || input.contactEmails === null) && was
        ? was.contactEmails
        : normalizeVaultContacts(input.contactEmails),
    );
    const testUrl = attempt(() =>
      input.testUrl === undefined && was
        ? (was.testUrl ?? null)
        : normalizeOutboundUrl('testUrl', input.testUrl, this.policy, 'The test URL'),
    );
    const expiresAt = attempt(() => {
      if (input.expiresAt === undefined && was) return was.expiresAt ?? null;
      const at = input.expiresAt ?? null;
      if (at && at.getTime() <= this.clock.now().getTime())
        throw new BadUserInputError(
          'expiresAt',
          'The expiry date is in the past; give a date in the future, or none if it does not expire.',
        );
      return at;
    });
    const fields = attempt(() => checkVaultFields(type, input, this.policy, kept?.fields ?? null));
    if (errors.length > 0) throw errors.length === 1 ? errors[0] : new BadUserInputErrors(errors);
    return {
      name: name as string,
      description: description ?? null,
      contactEmails: contactEmails as string[],
      testUrl: testUrl ?? null,
      expiresAt: expiresAt ?? null,
      fields: fields as CheckedVaultFields,
    };
  }

  private fieldsOf(credential: VaultCredential): CheckedVaultFields {
    return {
      settings: credential.settings as unknown as VaultSettings,
      secrets: this.unsealed(credential, 'secrets', credential.sealedSecrets),
    };
  }

  /** A sealed column of the credential; one sealed for another row, tenant or master key is refused in words. */
  private unsealed<T>(credential: VaultCredential, column: 'secrets' | 'tokens', sealed: string): T {
    try {
      return this.seal.unseal<T>(placeOf(credential, column), sealed);
    } catch (error) {
      if (!(error instanceof UnsealError)) throw error;
      throw new ConflictError(
        `The stored value of the vault credential "${credential.name}" could not be decrypted: it was not sealed for this credential, or KEYWARD_MASTER_KEY has changed. Give it a new value (updateVaultCredential).`,
      );
    }
  }

  private sealSecrets(tenantId: string, credentialId: string, secrets: VaultSecrets): string {
    return this.seal.seal({ tenantId, credentialId, column: 'secrets' }, secrets);
  }

  private async lock(em: EntityManager, tenantId: string, id: string): Promise<VaultCredential> {
    const found = isUuid(id) ? await em.findOne(VaultCredential, { id, tenant: tenantId }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
    if (!found) throw notFound(id);
    return found;
  }
}

/** The value with its object keys sorted: PostgreSQL's jsonb keeps keys in an order of its own, so JSON is compared in this form. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function placeOf(credential: VaultCredential, column: 'secrets' | 'tokens') {
  return { tenantId: credential.tenant.id, credentialId: credential.id, column };
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`No vault credential with id ${id.slice(0, 64)} in this tenant.`);
}

function noTestUrl(): BadUserInputError {
  return new BadUserInputError(
    'url',
    'Give the URL to test against (or save a test URL with the credential), e.g. https://api.partner.example/v1/me.',
  );
}

async function refuseTakenName(em: EntityManager, tenantId: string, name: string, exceptId: string | null): Promise<void> {
  const others = exceptId ? { id: { $ne: exceptId } } : {};
  if ((await em.count(VaultCredential, { tenant: tenantId, name, ...others })) > 0)
    throw new ConflictError(`The vault already has a credential named "${name}". Choose a different name.`, 'name');
}

const STATUS_WORDS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized — the service did not accept the credential',
  403: 'Forbidden — the credential was accepted but may not do this',
  404: 'Not Found — check the test URL',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

function statusWords(status: number): string {
  return STATUS_WORDS[status] ? ` (${STATUS_WORDS[status]})` : '';
}

/** A short reason from an error body (OAuth-style `error_description`, or `message`), with any secret blanked out. */
function reasonOf(body: Buffer, secrets: string[]): string {
  let reason: unknown;
  try {
    const json = JSON.parse(body.subarray(0, 64 * 1024).toString('utf8')) as Record<string, unknown>;
    reason = json.error_description ?? json.message ?? json.error ?? (json.detail as unknown);
  } catch {
    return '';
  }
  if (typeof reason !== 'string' || !reason.trim()) return '';
  let text = reason.trim().slice(0, 300);
  for (const secret of secrets) text = text.split(secret).join('…');
  return `: “${text}”`;
}
