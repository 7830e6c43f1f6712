import type { Clock } from '../kernel/clock.js';
import { outboundRequest } from '../outbound/http-client.js';
import { type OutboundPolicy, OutboundRefused } from '../outbound/outbound.js';
import type { VaultSecrets, VaultSettings } from './vault.rules.js';

/**
 * Keyward as an OAuth 2.0 client of another service (docs/vault.md#oauth2): the token request of the client
 * credentials grant, of the refresh token grant when it holds a refresh token (RFC 6749 §4.4, §6), or of the
 * authorization code grant when Connect gets a code (§4.1.3), with
 * client_secret_basic when there is a secret. Hand-written rather than openid-client: this is one form POST, and it
 * must go through Keyward's outbound guard (every address checked, no credential in any message).
 */

/** What is sealed of an OAuth2 credential's tokens; `expiresAt` in epoch milliseconds, null when the provider gave no `expires_in`. */
export interface OAuth2Tokens {
  accessToken: string;
  refreshToken: string | null;
  tokenType: string;
  expiresAt: number | null;
  scope: string | null;
}

/** The provider gave no token: its HTTP status (null when it did not answer) and its reason, in people's words. */
export class TokenRequestFailed extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly latencyMs: number | null,
    /** The provider said the grant or the client is no good (invalid_grant, invalid_client…): trying again will not help. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

type OAuth2Settings = Extract<VaultSettings, { type: 'OAUTH2' }>;
type OAuth2Secrets = Extract<VaultSecrets, { type: 'OAUTH2' }>;

/** RFC 6749 §2.3.1: the client ID and secret are form-encoded before they are joined for Basic. */
function basic(clientId: string, clientSecret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`;
}

export async function requestToken(
  settings: OAuth2Settings,
  secrets: OAuth2Secrets,
  refreshToken: string | null,
  policy: OutboundPolicy,
  clock: Clock,
): Promise<OAuth2Tokens> {
  const form = new URLSearchParams();
  if (refreshToken) {
    form.set('grant_type', 'refresh_token');
    form.set('refresh_token', refreshToken);
  } else {
    form.set('grant_type', 'client_credentials');
    if (settings.scopes.length > 0) form.set('scope', settings.scopes.join(' '));
    if (settings.audience) form.set('audience', settings.audience);
    if (settings.resource) form.set('resource', settings.resource);
  }
  return postTokenRequest(settings, secrets, form, refreshToken, [], policy, clock);
}

/**
 * The authorization code grant's token request (RFC 6749 §4.1.3) with the PKCE code_verifier (RFC 7636 §4.5): what
 * Connect sends once the provider has sent the person back with a code.
 */
export async function exchangeAuthorizationCode(
  settings: OAuth2Settings,
  secrets: OAuth2Secrets,
  grant: { code: string; redirectUri: string; codeVerifier: string },
  policy: OutboundPolicy,
  clock: Clock,
): Promise<OAuth2Tokens> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: grant.code,
    redirect_uri: grant.redirectUri,
    code_verifier: grant.codeVerifier,
  });
  if (settings.resource) form.set('resource', settings.resource);
  return postTokenRequest(settings, secrets, form, null, [grant.code, grant.codeVerifier], policy, clock);
}

/** The form POST to the token URL and the reading of its answer, for every grant. */
async function postTokenRequest(
  settings: OAuth2Settings,
  secrets: OAuth2Secrets,
  form: URLSearchParams,
  refreshToken: string | null,
  alsoSecret: string[],
  policy: OutboundPolicy,
  clock: Clock,
): Promise<OAuth2Tokens> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (secrets.clientSecret) headers.authorization = basic(settings.clientId, secrets.clientSecret);
  else form.set('client_id', settings.clientId);
  const secretList = [secrets.clientSecret, refreshToken, ...alsoSecret].filter((v): v is string => Boolean(v));
  let response: Awaited<ReturnType<typeof outboundRequest>>;
  try {
    response = await outboundRequest(
      { url: settings.tokenUrl, method: 'POST', headers, body: form.toString(), what: 'The token URL', secrets: secretList },
      policy,
    );
  } catch (error) {
    if (error instanceof OutboundRefused) throw new TokenRequestFailed(error.message, null, null, false);
    throw error;
  }
  const latencyMs = Math.round(response.latencyMs);
  let body: Record<string, unknown> | null = null;
  try {
    body = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    body = null;
  }
  if (response.status !== 200 || !body || typeof body.access_token !== 'string' || !body.access_token) {
    const error = typeof body?.error === 'string' ? body.error.slice(0, 100) : null;
    let description = typeof body?.error_description === 'string' ? body.error_description.slice(0, 300) : null;
    for (const secret of secretList) description = description?.split(secret).join('…') ?? null;
    const said = error ? `${error}${description ? ` — ${description}` : ''}` : 'no access_token in its answer';
    const permanent = error === 'invalid_client' || error === 'invalid_grant' || error === 'unauthorized_client';
    throw new TokenRequestFailed(`the token URL answered HTTP ${response.status}: ${said}.`, response.status, latencyMs, permanent);
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in);
  return {
    accessToken: body.access_token,
    // A provider that sends no new refresh token keeps the old one valid (RFC 6749 §6).
    refreshToken: typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : refreshToken,
    tokenType: typeof body.token_type === 'string' ? body.token_type : 'Bearer',
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? clock.now().getTime() + expiresIn * 1000 : null,
    scope: typeof body.scope === 'string' ? body.scope : null,
  };
}
