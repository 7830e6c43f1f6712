import { normalizeContactEmails } from '../clients/api-client.rules.js';
import { BadUserInputError, checkAll } from '../kernel/errors.js';
import { optionalText, requiredText } from '../kernel/text-rules.js';
import { type OutboundPolicy, OutboundRefused, outboundUrl } from '../outbound/outbound.js';
import { VaultCredentialStatus, VaultCredentialType } from './vault-credential.entity.js';

/**
 * The vault's rules (docs/vault.md) as pure functions: each type's fields, checked and split into plain settings and
 * sealed secrets; the masked hint; the status; and the headers a credential puts on a request.
 */

export const VAULT_RULES = {
  nameMax: 100,
  descriptionMax: 500,
  secretMax: 8192,
  headersMax: 10,
  scopesMax: 50,
  urlMax: 2000,
} as const;

export type ApiKeyPlacement = 'HEADER' | 'QUERY';
export type OAuth2Grant = 'CLIENT_CREDENTIALS' | 'AUTHORIZATION_CODE';

/** What a credential keeps in plain sight, per type. */
export type VaultSettings =
  | { type: 'API_KEY'; placement: ApiKeyPlacement; name: string }
  | {
      type: 'OAUTH2';
      grant: OAuth2Grant;
      tokenUrl: string;
      authorizationUrl: string | null;
      clientId: string;
      scopes: string[];
      audience: string | null;
      resource: string | null;
    }
  | { type: 'BEARER_TOKEN'; tokenExpiresAt: string | null }
  | { type: 'BASIC_AUTH'; username: string }
  | { type: 'CUSTOM_HEADERS'; names: string[] };

/** What is sealed, per type: never returned, logged or audited. */
export type VaultSecrets =
  | { type: 'API_KEY'; key: string }
  | { type: 'OAUTH2'; clientSecret: string | null }
  | { type: 'BEARER_TOKEN'; token: string }
  | { type: 'BASIC_AUTH'; password: string }
  | { type: 'CUSTOM_HEADERS'; values: string[] };

/** The input of one type, as the API takes it; a secret left out (or blank) on an update keeps the stored one. */
export interface VaultTypeInput {
  apiKey?: { key?: string | null; placement?: ApiKeyPlacement | null; name?: string | null } | null;
  oauth2?: {
    grant?: OAuth2Grant | null;
    tokenUrl?: string | null;
    authorizationUrl?: string | null;
    clientId?: string | null;
    clientSecret?: string | null;
    scopes?: string[] | null;
    audience?: string | null;
    resource?: string | null;
  } | null;
  bearerToken?: { token?: string | null; expiresAt?: Date | null } | null;
  basicAuth?: { username?: string | null; password?: string | null } | null;
  customHeaders?: { name: string; value?: string | null }[] | null;
}

const INPUT_FIELD: Record<VaultCredentialType, keyof VaultTypeInput> = {
  API_KEY: 'apiKey',
  OAUTH2: 'oauth2',
  BEARER_TOKEN: 'bearerToken',
  BASIC_AUTH: 'basicAuth',
  CUSTOM_HEADERS: 'customHeaders',
};

/** RFC 9110 token characters: what a header name may be made of. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** Headers the HTTP client sets itself, or that would change what the request is rather than who sends it. */
const RESERVED_HEADERS = new Set([
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'proxy-connection',
]);

export function normalizeVaultName(value: string | null | undefined): string {
  return requiredText(
    'name',
    value,
    VAULT_RULES.nameMax,
    'Name is required: give the credential a name of 1 to 100 characters, e.g. "Partner billing API".',
  );
}

export function normalizeVaultDescription(value: string | null | undefined): string | null {
  return optionalText('description', value, VAULT_RULES.descriptionMax, 'Description', { multiline: true });
}

export function normalizeVaultContacts(values: string[] | null | undefined): string[] {
  return normalizeContactEmails(
    values,
    'Add at least one contact email: it is told when this credential cannot be renewed or is about to expire.',
  );
}

/** An https URL Keyward may call (http and private addresses only where the outbound policy allows them); null when not given. */
export function normalizeOutboundUrl(
  field: string,
  value: string | null | undefined,
  policy: Pick<OutboundPolicy, 'allowPrivate' | 'allowAddresses'>,
  what: string,
): string | null {
  const text = (value ?? '').trim();
  if (!text) return null;
  if (text.length > VAULT_RULES.urlMax)
    throw new BadUserInputError(field, `${what} is ${text.length} characters long; shorten it to at most ${VAULT_RULES.urlMax}.`);
  try {
    return outboundUrl(text, policy, what).toString();
  } catch (error) {
    if (error instanceof OutboundRefused) throw new BadUserInputError(field, error.message);
    throw error;
  }
}

function requiredUrl(
  field: string,
  value: string | null | undefined,
  policy: Pick<OutboundPolicy, 'allowPrivate' | 'allowAddresses'>,
  what: string,
): string {
  const url = normalizeOutboundUrl(field, value, policy, what);
  if (!url) throw new BadUserInputError(field, `${what} is required, e.g. https://auth.example.com/oauth/token.`);
  return url;
}

/** A secret as given: no surrounding spaces, one line, not empty, at most 8 KiB. Null when left out (keep the stored one). */
function givenSecret(field: string, value: string | null | undefined, label: string): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const secret = value.trim();
  if (secret.length > VAULT_RULES.secretMax)
    throw new BadUserInputError(field, `${label} is ${secret.length} characters long; Keyward keeps at most ${VAULT_RULES.secretMax}.`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a header value may hold no control character (RFC 9110 §5.5).
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(secret))
    throw new BadUserInputError(field, `${label} contains a line break or control character; paste it on one line as the service gave it.`);
  return secret;
}

function requiredSecret(field: string, value: string | null, kept: string | null | undefined, label: string): string {
  const secret = value ?? kept;
  if (!secret) throw new BadUserInputError(field, `${label} is required.`);
  return secret;
}

function headerName(field: string, value: string | null | undefined, fallback: string | null): string {
  const name = (value ?? '').trim() || fallback;
  if (!name) throw new BadUserInputError(field, 'The header name is required, e.g. X-API-Key.');
  if (!HEADER_NAME.test(name))
    throw new BadUserInputError(
      field,
      `"${name.slice(0, 100)}" is not a header name: use letters, digits and - (at most 100 characters), e.g. X-API-Key.`,
    );
  if (RESERVED_HEADERS.has(name.toLowerCase()))
    throw new BadUserInputError(field, `The ${name} header is set by Keyward's HTTP client itself; choose another header name.`);
  return name;
}

export interface CheckedVaultFields {
  settings: VaultSettings;
  secrets: VaultSecrets;
}

/**
 * The type's input checked: its plain settings and its secrets. On an update, `kept` is what is stored: a secret left
 * out keeps its stored value, and the settings not given keep theirs. Only the input of the credential's own type may
 * be given.
 */
export function checkVaultFields(
  type: VaultCredentialType,
  input: VaultTypeInput,
  policy: Pick<OutboundPolicy, 'allowPrivate' | 'allowAddresses'>,
  kept: CheckedVaultFields | null = null,
): CheckedVaultFields {
  const own = INPUT_FIELD[type];
  for (const [otherType, field] of Object.entries(INPUT_FIELD)) {
    if (field !== own && input[field] !== undefined && input[field] !== null)
      throw new BadUserInputError(field, `${field} is for ${otherType} credentials; this one is ${type}. Give ${own} instead.`);
  }
  if (!kept && (input[own] === undefined || input[own] === null))
    throw new BadUserInputError(own, `A ${type} credential needs ${own}: give its fields.`);
  const keptSettings = kept?.settings as Record<string, unknown> | undefined;
  const keptSecrets = kept?.secrets as Record<string, unknown> | undefined;
  switch (type) {
    case VaultCredentialType.API_KEY: {
      const given = input.apiKey ?? {};
      const placement = given.placement ?? (keptSettings?.placement as ApiKeyPlacement | undefined) ?? 'HEADER';
      const checked = checkAll({
        key: () =>
          requiredSecret('apiKey.key', givenSecret('apiKey.key', given.key, 'The API key'), keptSecrets?.key as string, 'The API key'),
        name: () =>
          placement === 'HEADER'
            ? headerName('apiKey.name', given.name, (keptSettings?.name as string | undefined) ?? 'X-API-Key')
            : queryParameterName(given.name, (keptSettings?.name as string | undefined) ?? null),
      });
      return { settings: { type: 'API_KEY', placement, name: checked.name }, secrets: { type: 'API_KEY', key: checked.key } };
    }
    case VaultCredentialType.OAUTH2: {
      const given = input.oauth2 ?? {};
      const was = keptSettings as Extract<VaultSettings, { type: 'OAUTH2' }> | undefined;
      const grant = given.grant ?? was?.grant ?? 'CLIENT_CREDENTIALS';
      const checked = checkAll({
        tokenUrl: () => requiredUrl('oauth2.tokenUrl', given.tokenUrl ?? was?.tokenUrl, policy, 'The token URL'),
        authorizationUrl: () => {
          const url = normalizeOutboundUrl(
            'oauth2.authorizationUrl',
            given.authorizationUrl ?? was?.authorizationUrl,
            policy,
            'The authorization URL',
          );
          if (grant === 'AUTHORIZATION_CODE' && !url)
            throw new BadUserInputError(
              'oauth2.authorizationUrl',
              'The authorization URL is required for the authorization code grant: it is where Connect sends you to sign in at the provider.',
            );
          return url;
        },
        clientId: () =>
          requiredText(
            'oauth2.clientId',
            given.clientId ?? was?.clientId,
            500,
            'The client ID is required: the provider gave it when you registered the client.',
            'The client ID',
          ),
        clientSecret: () => {
          const secret =
            givenSecret('oauth2.clientSecret', given.clientSecret, 'The client secret') ??
            (keptSecrets?.clientSecret as string | null) ??
            null;
          if (!secret && grant === 'CLIENT_CREDENTIALS')
            throw new BadUserInputError('oauth2.clientSecret', 'The client secret is required for the client credentials grant.');
          return secret;
        },
        scopes: () => oauthScopes(given.scopes ?? was?.scopes ?? []),
        audience: () => optionalText('oauth2.audience', given.audience ?? was?.audience, 500, 'The audience'),
        resource: () => normalizeOutboundUrl('oauth2.resource', given.resource ?? was?.resource, { allowPrivate: true }, 'The resource'),
      });
      return {
        settings: {
          type: 'OAUTH2',
          grant,
          tokenUrl: checked.tokenUrl,
          authorizationUrl: checked.authorizationUrl,
          clientId: checked.clientId,
          scopes: checked.scopes,
          audience: checked.audience,
          resource: checked.resource,
        },
        secrets: { type: 'OAUTH2', clientSecret: checked.clientSecret },
      };
    }
    case VaultCredentialType.BEARER_TOKEN: {
      const given = input.bearerToken ?? {};
      const token = requiredSecret(
        'bearerToken.token',
        givenSecret('bearerToken.token', given.token, 'The token'),
        keptSecrets?.token as string,
        'The token',
      );
      const expiresAt =
        given.expiresAt !== undefined
          ? (given.expiresAt?.toISOString() ?? null)
          : ((keptSettings?.tokenExpiresAt as string | null) ?? null);
      return { settings: { type: 'BEARER_TOKEN', tokenExpiresAt: expiresAt }, secrets: { type: 'BEARER_TOKEN', token } };
    }
    case VaultCredentialType.BASIC_AUTH: {
      const given = input.basicAuth ?? {};
      const checked = checkAll({
        username: () => {
          const username = requiredText(
            'basicAuth.username',
            given.username ?? (keptSettings?.username as string),
            500,
            'The user name is required.',
            'The user name',
          );
          if (username.includes(':'))
            throw new BadUserInputError(
              'basicAuth.username',
              'The user name cannot contain a colon: Basic authentication separates it from the password with one.',
            );
          return username;
        },
        password: () =>
          requiredSecret(
            'basicAuth.password',
            givenSecret('basicAuth.password', given.password, 'The password'),
            keptSecrets?.password as string,
            'The password',
          ),
      });
      return { settings: { type: 'BASIC_AUTH', username: checked.username }, secrets: { type: 'BASIC_AUTH', password: checked.password } };
    }
    case VaultCredentialType.CUSTOM_HEADERS: {
      const rows = input.customHeaders ?? null;
      const keptNames = (keptSettings?.names as string[] | undefined) ?? [];
      const keptValues = (keptSecrets?.values as string[] | undefined) ?? [];
      if (rows === null) return kept as CheckedVaultFields;
      if (rows.length === 0) throw new BadUserInputError('customHeaders', 'Give at least one header (a name and its value).');
      if (rows.length > VAULT_RULES.headersMax)
        throw new BadUserInputError('customHeaders', `${rows.length} headers were given; at most ${VAULT_RULES.headersMax} are allowed.`);
      const names: string[] = [];
      const values: string[] = [];
      rows.forEach((row, index) => {
        const name = headerName(`customHeaders.${index}.name`, row.name, null);
        if (names.some((n) => n.toLowerCase() === name.toLowerCase()))
          throw new BadUserInputError(`customHeaders.${index}.name`, `The header ${name} is given twice; give each header once.`);
        // A value left out keeps the stored value of the header of that name.
        const keptValue = keptValues[keptNames.findIndex((n) => n.toLowerCase() === name.toLowerCase())];
        const value = requiredSecret(
          `customHeaders.${index}.value`,
          givenSecret(`customHeaders.${index}.value`, row.value, `The value of ${name}`),
          keptValue,
          `The value of ${name}`,
        );
        names.push(name);
        values.push(value);
      });
      return { settings: { type: 'CUSTOM_HEADERS', names }, secrets: { type: 'CUSTOM_HEADERS', values } };
    }
  }
}

function queryParameterName(value: string | null | undefined, fallback: string | null): string {
  const name = (value ?? '').trim() || fallback;
  if (!name) throw new BadUserInputError('apiKey.name', 'The query parameter name is required, e.g. api_key.');
  if (!/^[A-Za-z0-9._~-]{1,100}$/.test(name))
    throw new BadUserInputError(
      'apiKey.name',
      `"${name.slice(0, 100)}" is not a query parameter name: use letters, digits, . _ ~ and - (at most 100 characters).`,
    );
  return name;
}

function oauthScopes(values: string[]): string[] {
  const scopes = [...new Set(values.map((s) => s.trim()).filter(Boolean))];
  if (scopes.length > VAULT_RULES.scopesMax)
    throw new BadUserInputError('oauth2.scopes', `${scopes.length} scopes were given; at most ${VAULT_RULES.scopesMax} are allowed.`);
  const bad = scopes.find((s) => !/^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/.test(s));
  if (bad)
    throw new BadUserInputError(
      'oauth2.scopes',
      `"${bad.slice(0, 100)}" is not a scope: a scope is printable ASCII without spaces, quotes or backslashes (RFC 6749 §3.3).`,
    );
  return scopes;
}

/** Enough to tell two credentials apart: the last four characters of a long secret, never of a short one (a password). */
function masked(secret: string | null): string {
  if (!secret) return '(none)';
  return secret.length >= 16 ? `••••${secret.slice(-4)}` : '••••';
}

export function vaultHint(fields: CheckedVaultFields): string {
  const { settings, secrets } = fields;
  switch (secrets.type) {
    case 'API_KEY':
      return `${(settings as Extract<VaultSettings, { type: 'API_KEY' }>).name}: ${masked(secrets.key)}`;
    case 'OAUTH2':
      return `client ${(settings as Extract<VaultSettings, { type: 'OAUTH2' }>).clientId.slice(0, 100)}, secret ${masked(secrets.clientSecret)}`;
    case 'BEARER_TOKEN':
      return masked(secrets.token);
    case 'BASIC_AUTH':
      return `${(settings as Extract<VaultSettings, { type: 'BASIC_AUTH' }>).username.slice(0, 100)}: ••••`;
    case 'CUSTOM_HEADERS':
      return (settings as Extract<VaultSettings, { type: 'CUSTOM_HEADERS' }>).names
        .map((name) => `${name}: ••••`)
        .join(', ')
        .slice(0, 200);
  }
}

/** The status as of `now`. */
export function vaultStatus(
  credential: { enabled: boolean; expiresAt?: Date | null; needsReauthorizationAt?: Date | null; settings: Record<string, unknown> },
  now: Date,
): VaultCredentialStatus {
  if (!credential.enabled) return VaultCredentialStatus.DISABLED;
  if (credential.expiresAt && credential.expiresAt.getTime() <= now.getTime()) return VaultCredentialStatus.EXPIRED;
  const tokenExpiresAt = credential.settings.type === 'BEARER_TOKEN' ? (credential.settings.tokenExpiresAt as string | null) : null;
  if (tokenExpiresAt && Date.parse(tokenExpiresAt) <= now.getTime()) return VaultCredentialStatus.EXPIRED;
  if (credential.needsReauthorizationAt) return VaultCredentialStatus.NEEDS_REAUTHORIZATION;
  return VaultCredentialStatus.VALID;
}

/** What a credential puts on a request: headers, or query parameters (an API key sent in the query). */
export interface VaultAuthorizationParts {
  headers: { name: string; value: string }[];
  queryParameters: { name: string; value: string }[];
}

/** The request parts of every type but OAUTH2, whose access token is obtained first (`bearer` then). */
export function authorizationParts(fields: CheckedVaultFields, accessToken: string | null = null): VaultAuthorizationParts {
  const { settings, secrets } = fields;
  const header = (name: string, value: string): VaultAuthorizationParts => ({ headers: [{ name, value }], queryParameters: [] });
  switch (secrets.type) {
    case 'API_KEY': {
      const { placement, name } = settings as Extract<VaultSettings, { type: 'API_KEY' }>;
      return placement === 'HEADER' ? header(name, secrets.key) : { headers: [], queryParameters: [{ name, value: secrets.key }] };
    }
    case 'OAUTH2':
      if (!accessToken) throw new Error('An OAuth2 credential needs its access token first.');
      return header('Authorization', `Bearer ${accessToken}`);
    case 'BEARER_TOKEN':
      return header('Authorization', `Bearer ${secrets.token}`);
    case 'BASIC_AUTH': {
      const { username } = settings as Extract<VaultSettings, { type: 'BASIC_AUTH' }>;
      return header('Authorization', `Basic ${Buffer.from(`${username}:${secrets.password}`, 'utf8').toString('base64')}`);
    }
    case 'CUSTOM_HEADERS': {
      const { names } = settings as Extract<VaultSettings, { type: 'CUSTOM_HEADERS' }>;
      return { headers: names.map((name, i) => ({ name, value: secrets.values[i] })), queryParameters: [] };
    }
  }
}

/** Every secret value of the credential (and its tokens): what must never appear in a message, a log line or an event. */
export function secretValues(
  fields: CheckedVaultFields,
  tokens: { accessToken?: string | null; refreshToken?: string | null } | null,
): string[] {
  const { secrets } = fields;
  const values = (() => {
    switch (secrets.type) {
      case 'API_KEY':
        return [secrets.key];
      case 'OAUTH2':
        return [secrets.clientSecret];
      case 'BEARER_TOKEN':
        return [secrets.token];
      case 'BASIC_AUTH':
        return [secrets.password];
      case 'CUSTOM_HEADERS':
        return secrets.values;
    }
  })();
  return [...values, tokens?.accessToken, tokens?.refreshToken].filter((v): v is string => typeof v === 'string' && v.length > 0);
}
