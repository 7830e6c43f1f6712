import { createHash, randomBytes } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { audited } from '../audit/audited.js';
import { UnsealError } from '../crypto/sealed.js';
import { isUuid } from '../db/ids.js';
import type { Orm } from '../db/orm.js';
import type { Clock } from '../kernel/clock.js';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../kernel/errors.js';
import { Permission } from '../kernel/permissions.js';
import type { RequestMeta, Viewer } from '../kernel/viewer.js';
import type { OutboundPolicy } from '../outbound/outbound.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { Session } from '../users/session.entity.js';
import { User } from '../users/user.entity.js';
import { exchangeAuthorizationCode, type OAuth2Tokens, TokenRequestFailed } from './oauth2-client.js';
import type { VaultSecrets, VaultSettings } from './vault.rules.js';
import { VaultConnectState } from './vault-connect-state.entity.js';
import { VaultCredential } from './vault-credential.entity.js';
import type { SealedPlace, VaultSeal } from './vault-seal.js';

/** How long the provider has to send the person back: signing in and consenting takes a minute or two, not hours. */
export const CONNECT_STATE_TTL_MS = 10 * 60_000;

/** Where providers send people back to; registered at the provider as the client's redirect URI. */
export const CONNECT_CALLBACK_PATH = '/vault/oauth2/callback';

type OAuth2Settings = Extract<VaultSettings, { type: 'OAUTH2' }>;
type OAuth2Secrets = Extract<VaultSecrets, { type: 'OAUTH2' }>;

/** What the provider's redirect brought back (the callback's query). */
export interface ConnectCallback {
  state?: unknown;
  code?: unknown;
  error?: unknown;
  error_description?: unknown;
}

/** The end of a Connect: the credential connected, or a page for the person saying why not and what to do. */
export type ConnectOutcome =
  | { connected: true; credentialId: string }
  | { connected: false; httpStatus: number; title: string; message: string };

const START_AGAIN = 'Start again with Connect on the Vault page.';

/**
 * OAuth2 authorization code + PKCE Connect of vault credentials (docs/vault.md#connect): the authorize URL with a
 * single-use state bound to the credential, the tenant and the person's sign-in session, and the callback that
 * exchanges the code and keeps the tokens sealed as renewal expects them.
 */
export class VaultConnectService {
  constructor(
    private readonly orm: Orm,
    private readonly seal: VaultSeal,
    private readonly clock: Clock,
    private readonly policy: OutboundPolicy,
    private readonly publicUrl: string,
  ) {}

  get redirectUri(): string {
    return `${this.publicUrl.replace(/\/+$/, '')}${CONNECT_CALLBACK_PATH}`;
  }

  /** The provider's authorize URL to send the person to; the state waits for their return for 10 minutes. */
  async start(viewer: Viewer, id: string): Promise<string> {
    if (!viewer.user || !viewer.sessionTokenHash)
      throw new ForbiddenError(
        'Connect is done by a person in the browser: sign in to Keyward with your email and password and click Connect on the Vault page (an API key or access token cannot sign in at the provider).',
      );
    const em = this.orm.em.fork();
    const credential = isUuid(id) ? await em.findOne(VaultCredential, { id, tenant: viewer.tenantId }) : null;
    if (!credential) throw new NotFoundError(`No vault credential with id ${id.slice(0, 64)} in this tenant.`);
    const settings = credential.settings as unknown as VaultSettings;
    if (settings.type !== 'OAUTH2' || settings.grant !== 'AUTHORIZATION_CODE' || !settings.authorizationUrl)
      throw new BadUserInputError(
        'id',
        `Only OAUTH2 credentials with the authorization code grant are connected; "${credential.name}" ${
          settings.type === 'OAUTH2' ? 'uses the client credentials grant and gets its tokens by itself' : `is ${credential.type}`
        }.`,
      );
    if (!credential.enabled)
      throw new ConflictError(`The vault credential "${credential.name}" is disabled: enable it before connecting it.`);
    const session = await em.findOne(Session, { tokenHash: viewer.sessionTokenHash });
    if (!session) throw new ForbiddenError('Your Keyward sign-in has just ended: sign in again, then click Connect.');
    const state = randomBytes(32).toString('base64url');
    const verifier = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    // States nobody came back with are of no use a day later; cleared here rather than by a job of their own.
    await em.nativeDelete(VaultConnectState, { expiresAt: { $lt: new Date(now.getTime() - 86_400_000) } });
    em.create(VaultConnectState, {
      stateHash: sha256(state),
      tenant: em.getReference(Tenant, viewer.tenantId),
      credential,
      user: em.getReference(User, viewer.user.id),
      session,
      sealedVerifier: this.seal.seal(placeOf(credential, 'connect'), verifier),
      createdAt: now,
      expiresAt: new Date(now.getTime() + CONNECT_STATE_TTL_MS),
    });
    await em.flush();
    const url = new URL(settings.authorizationUrl);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', settings.clientId);
    url.searchParams.set('redirect_uri', this.redirectUri);
    if (settings.scopes.length > 0) url.searchParams.set('scope', settings.scopes.join(' '));
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
    url.searchParams.set('code_challenge_method', 'S256');
    if (settings.resource) url.searchParams.set('resource', settings.resource);
    if (settings.audience) url.searchParams.set('audience', settings.audience);
    return url.toString();
  }

  /**
   * The provider sent the person back. The state must be known, unused, not expired, and this person's in this
   * sign-in session; then the code is exchanged and the tokens sealed into the credential. Every refusal is in words
   * for the person; nothing is stored on one.
   */
  async complete(viewer: Viewer | null, meta: RequestMeta, callback: ConnectCallback): Promise<ConnectOutcome> {
    const state = single(callback.state);
    if (!state || state.length > 200)
      return refused(400, 'This is not a complete answer from the provider', `The address has no usable state. ${START_AGAIN}`);
    if (!viewer?.user)
      return refused(
        401,
        'Sign in to Keyward first',
        'Connect finishes in the Keyward sign-in it was started from, and this browser is not signed in to Keyward. Sign in, then start again with Connect on the Vault page.',
      );
    const em = this.orm.em.fork();
    const pending = await em.findOne(VaultConnectState, { stateHash: sha256(state) }, { populate: ['credential'] });
    if (!pending)
      return refused(
        400,
        'This Connect is not known to Keyward',
        `Keyward did not start this Connect, or it has been cleared since (the credential was deleted, or the sign-in it was started from ended). ${START_AGAIN}`,
      );
    if (pending.user.id !== viewer.user.id || pending.tenant.id !== viewer.tenantId)
      return refused(
        403,
        'This Connect was started by someone else',
        'Another Keyward user started this Connect, so it cannot finish in your sign-in and nothing was stored. Whoever wants to connect the credential starts Connect on the Vault page themselves.',
      );
    if (pending.session.tokenHash !== viewer.sessionTokenHash)
      return refused(
        403,
        'This Connect was started in another sign-in',
        `Connect finishes in the browser and sign-in it was started from, and nothing was stored. ${START_AGAIN}`,
      );
    if (pending.usedAt)
      return refused(
        400,
        'This Connect has already finished',
        `The provider's answer to it was already used, and an answer counts once; nothing was changed. To connect the credential again, ${START_AGAIN.charAt(0).toLowerCase()}${START_AGAIN.slice(1)}`,
      );
    const now = this.clock.now();
    if (pending.expiresAt.getTime() <= now.getTime())
      return refused(
        400,
        'This Connect took too long',
        `Keyward waits ${CONNECT_STATE_TTL_MS / 60_000} minutes for the provider to send you back, and this Connect was started earlier than that; nothing was stored. ${START_AGAIN}`,
      );
    // Used from here on, whatever happens next: two tabs (or a replay) racing with one answer get it once.
    const claimed = await em.nativeUpdate(VaultConnectState, { id: pending.id, usedAt: null }, { usedAt: now });
    if (claimed !== 1)
      return refused(400, 'This Connect has already finished', `The provider's answer to it was already used. ${START_AGAIN}`);
    if (!viewer.can(Permission.VAULT_MANAGE))
      return refused(
        403,
        'You cannot connect vault credentials',
        'Connecting a vault credential needs VAULT_MANAGE (Vault Manage Credentials), which your teams no longer give you; nothing was stored. Ask a security administrator.',
      );
    const credential = pending.credential;
    const error = single(callback.error);
    if (error) {
      const description = single(callback.error_description);
      const said = `${error.slice(0, 100)}${description ? ` — ${description.slice(0, 300)}` : ''}`;
      await this.recordFailure(viewer, meta, credential, `the provider answered ${said}`);
      return refused(
        400,
        `The provider did not connect "${credential.name}"`,
        `${error === 'access_denied' ? 'The sign-in at the provider was cancelled, or access was not allowed' : 'The provider refused'} (${said}). Nothing was stored. ${START_AGAIN}`,
      );
    }
    const code = single(callback.code);
    if (!code || code.length > 4096) {
      await this.recordFailure(viewer, meta, credential, 'the provider sent no code');
      return refused(
        400,
        `The provider did not connect "${credential.name}"`,
        `Its answer had no code. Nothing was stored. ${START_AGAIN}`,
      );
    }
    const settings = credential.settings as unknown as OAuth2Settings;
    if (settings.grant !== 'AUTHORIZATION_CODE') {
      await this.recordFailure(viewer, meta, credential, 'it no longer uses the authorization code grant');
      return refused(
        409,
        `"${credential.name}" was not connected`,
        'It was changed to the client credentials grant since Connect started, and gets its tokens by itself now; nothing was stored.',
      );
    }
    let tokens: OAuth2Tokens;
    try {
      const secrets = this.seal.unseal<OAuth2Secrets>(placeOf(credential, 'secrets'), credential.sealedSecrets);
      const codeVerifier = this.seal.unseal<string>(placeOf(credential, 'connect'), pending.sealedVerifier);
      tokens = await exchangeAuthorizationCode(
        settings,
        secrets,
        { code, redirectUri: this.redirectUri, codeVerifier },
        this.policy,
        this.clock,
      );
    } catch (failure) {
      if (failure instanceof UnsealError) {
        await this.recordFailure(viewer, meta, credential, 'its stored client secret could not be decrypted');
        return refused(
          409,
          `"${credential.name}" could not be connected`,
          'Its stored client secret could not be decrypted (KEYWARD_MASTER_KEY has changed, or the value was not sealed for this credential). Give it its client secret again (edit it on the Vault page), then connect it.',
        );
      }
      if (!(failure instanceof TokenRequestFailed)) throw failure;
      await this.recordFailure(viewer, meta, credential, failure.message);
      return refused(
        502,
        `The provider did not connect "${credential.name}"`,
        `You signed in at the provider, but it gave Keyward no token for the code: ${failure.message} Nothing was stored. Check the credential's token URL, client ID and client secret, then ${START_AGAIN.charAt(0).toLowerCase()}${START_AGAIN.slice(1)}`,
      );
    }
    await audited(this.orm, { by: viewer, meta, clock: this.clock }, async (tx, audit) => {
      const current = await tx.findOne(VaultCredential, { id: credential.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!current) throw new NotFoundError(`The vault credential "${credential.name}" was deleted while it was being connected.`);
      const before = current.accessTokenExpiresAt?.toISOString() ?? null;
      current.sealedTokens = this.seal.seal(placeOf(current, 'tokens'), tokens);
      current.accessTokenExpiresAt = tokens.expiresAt ? new Date(tokens.expiresAt) : null;
      current.needsReauthorizationAt = null;
      current.renewalFailures = 0;
      current.lastRenewalError = null;
      current.updatedAt = this.clock.now();
      audit.record('vault.connected', targetOf(current), {
        changes: {
          accessTokenExpiresAt: { from: before, to: current.accessTokenExpiresAt?.toISOString() ?? null },
          refreshToken: { from: null, to: tokens.refreshToken ? 'kept' : 'none given' },
        },
      });
    });
    return { connected: true, credentialId: credential.id };
  }

  private async recordFailure(viewer: Viewer, meta: RequestMeta, credential: VaultCredential, reason: string): Promise<void> {
    await audited(this.orm, { by: viewer, meta, clock: this.clock }, async (_em, audit) => {
      audit.record('vault.connect_failed', targetOf(credential), { changes: { reason: { from: null, to: reason.slice(0, 500) } } });
    });
  }
}

/** A query parameter given once; repeated or absent is nothing. */
function single(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function refused(httpStatus: number, title: string, message: string): ConnectOutcome {
  return { connected: false, httpStatus, title, message };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function placeOf(credential: VaultCredential, column: SealedPlace['column']): SealedPlace {
  return { tenantId: credential.tenant.id, credentialId: credential.id, column };
}

function targetOf(credential: VaultCredential) {
  return { type: 'VAULT_CREDENTIAL', id: credential.id, name: credential.name };
}
