import type { ApiError } from '../../components/errors';
import type {
  ApiKeyPlacement,
  OAuth2Grant,
  VaultCredentialFieldsFragment,
  VaultCredentialInput,
  VaultCredentialType,
} from '../../gql/graphql';
import { expiresAtOf } from '../credentials/expiryDate';

export type VaultCredential = VaultCredentialFieldsFragment;

/** At most this many custom headers (docs/vault.md#types). */
export const MAX_HEADERS = 10;

/** The form as typed: secrets start blank, on Edit too (blank keeps the stored value); days are `YYYY-MM-DD` UTC days or ''. */
export interface VaultFormValues {
  type: VaultCredentialType;
  name: string;
  description: string;
  contactEmails: string[];
  testUrl: string;
  expiresOn: string;
  apiKey: { key: string; placement: ApiKeyPlacement; name: string };
  oauth2: {
    grant: OAuth2Grant;
    tokenUrl: string;
    authorizationUrl: string;
    clientId: string;
    clientSecret: string;
    scopes: string[];
    audience: string;
    resource: string;
  };
  bearerToken: { token: string; expiresOn: string };
  basicAuth: { username: string; password: string };
  customHeaders: { name: string; value: string }[];
}

export function newVaultValues(contactEmail: string): VaultFormValues {
  return {
    type: 'API_KEY',
    name: '',
    description: '',
    contactEmails: contactEmail ? [contactEmail] : [],
    testUrl: '',
    expiresOn: '',
    apiKey: { key: '', placement: 'HEADER', name: 'X-API-Key' },
    oauth2: {
      grant: 'CLIENT_CREDENTIALS',
      tokenUrl: '',
      authorizationUrl: '',
      clientId: '',
      clientSecret: '',
      scopes: [],
      audience: '',
      resource: '',
    },
    bearerToken: { token: '', expiresOn: '' },
    basicAuth: { username: '', password: '' },
    customHeaders: [{ name: '', value: '' }],
  };
}

const dayOf = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');

/** The saved credential's settings in the form; its secrets stay blank. */
export function vaultValuesOf(credential: VaultCredential): VaultFormValues {
  const blank = newVaultValues('');
  const s = credential.settings;
  return {
    ...blank,
    type: credential.type,
    name: credential.name,
    description: credential.description ?? '',
    contactEmails: credential.contactEmails,
    testUrl: credential.testUrl ?? '',
    expiresOn: dayOf(credential.expiresAt),
    apiKey: { key: '', placement: s.placement ?? 'HEADER', name: s.parameterName ?? '' },
    oauth2: {
      grant: s.grant ?? 'CLIENT_CREDENTIALS',
      tokenUrl: s.tokenUrl ?? '',
      authorizationUrl: s.authorizationUrl ?? '',
      clientId: s.clientId ?? '',
      clientSecret: '',
      scopes: s.scopes ?? [],
      audience: s.audience ?? '',
      resource: s.resource ?? '',
    },
    bearerToken: { token: '', expiresOn: dayOf(s.tokenExpiresAt) },
    basicAuth: { username: s.username ?? '', password: '' },
    customHeaders: (s.headerNames ?? []).map((name) => ({ name, value: '' })),
  };
}

/** A blank secret is left out: on Edit the stored value is kept, on Add the API names the field that needs it. */
const secret = (value: string) => (value.trim() === '' ? null : value);
const text = (value: string) => value.trim();

/**
 * What the API is sent for these values. On Edit (`initial` given) an expiry day is sent only when it was changed —
 * a stored time that is not the start of a day would otherwise move — and a cleared one as null.
 */
export function vaultInputOf(values: VaultFormValues, initial?: VaultFormValues): VaultCredentialInput {
  const day = (now: string, was: string | undefined) => {
    if (initial && now === was) return undefined;
    return now ? expiresAtOf(now) : initial ? null : undefined;
  };
  const input: VaultCredentialInput = {
    name: text(values.name),
    description: text(values.description),
    contactEmails: values.contactEmails,
    testUrl: text(values.testUrl),
    expiresAt: day(values.expiresOn, initial?.expiresOn),
  };
  if (!initial) input.type = values.type;
  switch (values.type) {
    case 'API_KEY':
      input.apiKey = { key: secret(values.apiKey.key), placement: values.apiKey.placement, name: text(values.apiKey.name) };
      break;
    case 'OAUTH2': {
      const o = values.oauth2;
      input.oauth2 = {
        grant: o.grant,
        tokenUrl: text(o.tokenUrl),
        // Blank rather than null clears a setting: null keeps the stored one.
        authorizationUrl: o.grant === 'AUTHORIZATION_CODE' ? text(o.authorizationUrl) : '',
        clientId: text(o.clientId),
        clientSecret: secret(o.clientSecret),
        scopes: o.scopes,
        audience: text(o.audience),
        resource: text(o.resource),
      };
      break;
    }
    case 'BEARER_TOKEN': {
      const expiresAt = day(values.bearerToken.expiresOn, initial?.bearerToken.expiresOn);
      input.bearerToken = { token: secret(values.bearerToken.token), ...(expiresAt !== undefined ? { expiresAt } : {}) };
      break;
    }
    case 'BASIC_AUTH':
      input.basicAuth = { username: text(values.basicAuth.username), password: secret(values.basicAuth.password) };
      break;
    case 'CUSTOM_HEADERS':
      input.customHeaders = values.customHeaders.map((row) => ({ name: text(row.name), value: secret(row.value) }));
      break;
  }
  if (input.expiresAt === undefined) delete input.expiresAt;
  return input;
}

/**
 * The vault names the fields of a type as paths (`apiKey.key`, `customHeaders.0.value`): each problem is placed on
 * the control of its path when the form has one, else on that of its top-level field.
 */
export function placedOnPaths(error: ApiError | undefined, controlIds: Record<string, string>): ApiError | undefined {
  if (!error?.problems) return error;
  return {
    ...error,
    problems: error.problems.map((problem) => (problem.path && problem.path in controlIds ? { ...problem, field: problem.path } : problem)),
  };
}
