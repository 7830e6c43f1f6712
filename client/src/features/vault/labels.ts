import type { ApiKeyPlacement, OAuth2Grant, VaultCredentialStatus, VaultCredentialType } from '../../gql/graphql';

/** The types in the order the Add dialog offers them, in people's words. A Record, so a new type fails the build here. */
const TYPE_DETAILS: Record<VaultCredentialType, { label: string; description: string }> = {
  API_KEY: { label: 'API key', description: 'A key sent as a header or a query parameter.' },
  OAUTH2: { label: 'OAuth 2.0 client', description: 'A client ID and secret: Keyward obtains and renews the access tokens.' },
  BEARER_TOKEN: { label: 'Bearer token', description: 'A fixed token sent as Authorization: Bearer.' },
  BASIC_AUTH: { label: 'User name and password', description: 'Sent as Authorization: Basic.' },
  CUSTOM_HEADERS: { label: 'Custom headers', description: 'Up to 10 headers of your choice, sent as given.' },
};

export const VAULT_TYPES = (Object.keys(TYPE_DETAILS) as VaultCredentialType[]).map((value) => ({ value, ...TYPE_DETAILS[value] }));

export function vaultTypeLabel(type: VaultCredentialType): string {
  return TYPE_DETAILS[type].label;
}

export const STATUS_BADGES: Record<VaultCredentialStatus, { label: string; className: string; title: string }> = {
  VALID: { label: 'Valid', className: 'badge badge-ok', title: 'Usable: Keyward hands out its authorization.' },
  EXPIRED: { label: 'Expired', className: 'badge badge-danger', title: 'Past its expiry (or its token’s): give it a new value.' },
  NEEDS_REAUTHORIZATION: {
    label: 'Needs reauthorization',
    className: 'badge badge-warning',
    title: 'The provider refused to give it a new access token: connect it again, or fix its client secret.',
  },
  DISABLED: { label: 'Disabled', className: 'badge badge-off', title: 'Turned off: it gives out no authorization until it is enabled.' },
};

export const GRANTS: { value: OAuth2Grant; label: string; description: string }[] = [
  { value: 'CLIENT_CREDENTIALS', label: 'Client credentials', description: 'Keyward asks for tokens with the client ID and secret alone.' },
  {
    value: 'AUTHORIZATION_CODE',
    label: 'Authorization code',
    description: 'Someone signs in at the provider once; Keyward keeps the refresh token.',
  },
];

export const PLACEMENTS: { value: ApiKeyPlacement; label: string }[] = [
  { value: 'HEADER', label: 'Header' },
  { value: 'QUERY', label: 'Query parameter' },
];
