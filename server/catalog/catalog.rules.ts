import { BadUserInputError, ConflictError, ForbiddenError } from '../kernel/errors.js';
import { optionalText, requiredText } from '../kernel/text-rules.js';

/** The rules of the scope catalog as small pure functions; each refusal names the field, the rule and the fix. */
export const CATALOG_RULES = {
  apiNameMax: 100,
  audienceMax: 300,
  apiDescriptionMax: 500,
  scopeNameMax: 100,
  scopeDescriptionMax: 300,
  /** Scope names of Keyward's own API; a tenant's APIs may not use the prefix, so no scope can pose as one. */
  reservedScopePrefix: 'keyward:',
} as const;

// RFC 6749 §3.3 scope-token: printable ASCII except space, double quote and backslash.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
// An absolute URI (RFC 3986 §4.3): a scheme, a colon, and no whitespace.
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

export function normalizeApiName(value: string | null | undefined): string {
  return requiredText('name', value, CATALOG_RULES.apiNameMax, 'Name is required: give the API a name of 1 to 100 characters.');
}

export function normalizeAudience(value: string | null | undefined): string {
  const audience = requiredText(
    'audience',
    value,
    CATALOG_RULES.audienceMax,
    'Audience is required: the absolute URI your API checks in `aud`, e.g. https://api.example.com/orders.',
    'Audience',
  );
  if (!ABSOLUTE_URI.test(audience) || !URL.canParse(audience)) {
    throw new BadUserInputError(
      'audience',
      `"${audience.slice(0, 100)}" is not an absolute URI. Use a URI with a scheme, e.g. https://api.example.com/orders or urn:example:orders.`,
    );
  }
  return audience;
}

export function normalizeDescription(value: string | null | undefined, max: number): string | null {
  // Entered in a text area (the Security page's API dialog): line breaks are kept.
  return optionalText('description', value, max, 'Description', { multiline: true });
}

export function normalizeScopeName(value: string | null | undefined): string {
  const name = requiredText('name', value, CATALOG_RULES.scopeNameMax, 'Scope name is required, e.g. orders:read.', 'Scope name');
  if (!SCOPE_TOKEN.test(name)) {
    throw new BadUserInputError(
      'name',
      `Scope name "${name.slice(0, 100)}" is not allowed: use printable characters without spaces, double quotes or backslashes (OAuth scope tokens), e.g. orders:read.`,
    );
  }
  if (name.toLowerCase().startsWith(CATALOG_RULES.reservedScopePrefix)) {
    throw new BadUserInputError(
      'name',
      `Scope names starting with "${CATALOG_RULES.reservedScopePrefix}" are reserved for Keyward’s own API. Choose another name.`,
    );
  }
  return name;
}

export interface ClientUsingScope {
  id: string;
  clientId: string;
  name: string;
  scopes: string[];
}

/** A catalog entry that API clients still use: the message names them, and `extensions.apiClients` lists them for a program. */
export class CatalogInUseError extends ConflictError {
  constructor(
    message: string,
    readonly apiClients: ClientUsingScope[],
  ) {
    super(message);
  }
  override get extensions() {
    return { ...super.extensions, apiClients: this.apiClients };
  }
}

const NAMED_CLIENTS_MAX = 10;

/** "Billing (acme-billing), ERP (acme-erp)", cut short after ten. */
export function clientList(clients: ClientUsingScope[]): string {
  const named = clients
    .slice(0, NAMED_CLIENTS_MAX)
    .map((c) => `${c.name} (${c.clientId})`)
    .join(', ');
  return clients.length > NAMED_CLIENTS_MAX ? `${named} and ${clients.length - NAMED_CLIENTS_MAX} more` : named;
}

export const apiClientCount = (n: number) => `${n} API client${n === 1 ? '' : 's'}`;

/** The Keyward Management API is part of Keyward: its scopes are its permissions, so nobody edits it. */
export function builtInRefusal(what: string): ForbiddenError {
  return new ForbiddenError(
    `${what}: the Keyward Management API is built in and cannot be changed, because its scopes map to Keyward’s own permissions. Add your own API instead.`,
  );
}
