import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { BadUserInputError, checkAll, ForbiddenError } from '../kernel/errors.js';
import { PERMISSION_LABELS, Permission } from '../kernel/permissions.js';
import { isEmail, optionalText, requiredText } from '../kernel/text-rules.js';
import { checkTokenQuotaLimit, checkTokenQuotaMode, type TokenQuotaFields } from '../tenants/token-quota.rules.js';

/** The rules of docs/limits.md#api-client-fields as small pure functions; each refusal names the field, the rule and the fix. */
export const CLIENT_RULES = {
  nameMax: 100,
  descriptionMax: 500,
  identifierPattern: /^[a-z0-9-]{3,40}$/,
  contactEmailsMax: 10,
  lifetimeMin: 300,
  lifetimeMax: 86400,
  lifetimeDefault: 3600,
} as const;

export interface ApiClientFields extends TokenQuotaFields {
  name: string;
  description: string | null;
  scopes: string[];
  contactEmails: string[];
  allowedIpRanges: string[];
  accessTokenLifetimeSeconds: number;
  enabled: boolean;
  requireSenderConstrainedTokens: boolean;
}

export interface ApiClientInputShape {
  name?: string | null;
  identifier?: string | null;
  description?: string | null;
  scopes?: string[] | null;
  contactEmails?: string[] | null;
  allowedIpRanges?: string[] | null;
  accessTokenLifetimeSeconds?: number | null;
  enabled?: boolean | null;
  requireSenderConstrainedTokens?: boolean | null;
  tokensPerHour?: number | null;
  tokensPerDay?: number | null;
  tokenQuotaMode?: string | null;
  maxActiveTokensPerCredential?: number | null;
}

export function normalizeName(value: string | null | undefined): string {
  return requiredText('name', value, CLIENT_RULES.nameMax, 'Name is required: give the API client a name of 1 to 100 characters.');
}

export function normalizeDescription(value: string | null | undefined): string | null {
  // Entered in a text area on the client page: line breaks are kept.
  return optionalText('description', value, CLIENT_RULES.descriptionMax, 'Description', { multiline: true });
}

export function normalizeIdentifier(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const identifier = value.trim();
  if (!CLIENT_RULES.identifierPattern.test(identifier)) {
    throw new BadUserInputError(
      'identifier',
      `Identifier "${identifier.slice(0, 60)}" is not allowed: use 3 to 40 lowercase letters, digits or hyphens (for example "billing-sync"), or leave it empty for a random one.`,
    );
  }
  return identifier;
}

/** `missing` says what the addresses are for, when none is given. */
export function normalizeContactEmails(
  values: string[] | null | undefined,
  missing = 'Add at least one contact email: it receives the reminders before this client’s credentials expire.',
): string[] {
  const seen = new Set<string>();
  const emails: string[] = [];
  const invalid: string[] = [];
  for (const raw of values ?? []) {
    const email = raw.trim();
    if (!isEmail(email)) {
      invalid.push(email.slice(0, 100));
      continue;
    }
    const key = email.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      emails.push(email);
    }
  }
  if (invalid.length > 0) {
    throw new BadUserInputError(
      'contactEmails',
      invalid.length === 1
        ? `Contact email ${quotedList(invalid)} is not a valid email address; use an address such as ops@example.com.`
        : `Contact emails ${quotedList(invalid)} are not valid email addresses; use addresses such as ops@example.com.`,
      invalid,
    );
  }
  if (emails.length === 0) {
    throw new BadUserInputError('contactEmails', missing);
  }
  if (emails.length > CLIENT_RULES.contactEmailsMax) {
    throw new BadUserInputError(
      'contactEmails',
      `${emails.length} contact emails were given; at most ${CLIENT_RULES.contactEmailsMax} are allowed. Use a team mailing list instead of many personal addresses.`,
    );
  }
  return emails;
}

/** An IPv4/IPv6 address or CIDR block, returned in a canonical spelling; null when invalid. */
export function parseIpRange(value: string): string | null {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length > 0) return null;
  const version = isIP(address);
  if (version === 0) return null;
  if (prefix === undefined) return address.toLowerCase();
  if (!/^\d{1,3}$/.test(prefix)) return null;
  const bits = Number(prefix);
  if (bits > (version === 4 ? 32 : 128)) return null;
  return `${address.toLowerCase()}/${bits}`;
}

export function normalizeIpRanges(values: string[] | null | undefined): string[] {
  const ranges: string[] = [];
  const invalid: string[] = [];
  for (const raw of values ?? []) {
    const trimmed = raw.trim();
    const range = parseIpRange(trimmed);
    if (!range) invalid.push(trimmed.slice(0, 100));
    else if (!ranges.includes(range)) ranges.push(range);
  }
  if (invalid.length > 0) {
    throw new BadUserInputError(
      'allowedIpRanges',
      invalid.length === 1
        ? `Allowed IP range ${quotedList(invalid)} is not an IP address or CIDR block; use forms such as 203.0.113.7, 198.51.100.0/24 or 2001:db8::/32.`
        : `Allowed IP ranges ${quotedList(invalid)} are not IP addresses or CIDR blocks; use forms such as 203.0.113.7, 198.51.100.0/24 or 2001:db8::/32.`,
      invalid,
    );
  }
  return ranges;
}

/** How many bad items a message names, and how much of each: `extensions.invalid` has them all. */
const NAMED_ITEMS = 3;
const NAMED_ITEM_LENGTH = 40;

/** "a", "b" and "c" (or "a", "b", "c" and 7 more): the bad items of a list, each quoted, as a message names them. */
function quotedList(values: readonly string[]): string {
  const quoted = values.slice(0, NAMED_ITEMS).map((v) => `"${v.length > NAMED_ITEM_LENGTH ? `${v.slice(0, NAMED_ITEM_LENGTH)}…` : v}"`);
  const more = values.length - quoted.length;
  if (more > 0) return `${quoted.join(', ')} and ${more} more`;
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

export function normalizeLifetime(value: number | null | undefined): number {
  const lifetime = value ?? CLIENT_RULES.lifetimeDefault;
  if (!Number.isInteger(lifetime) || lifetime < CLIENT_RULES.lifetimeMin || lifetime > CLIENT_RULES.lifetimeMax) {
    throw new BadUserInputError(
      'accessTokenLifetimeSeconds',
      `Access token lifetime must be a whole number of seconds from ${CLIENT_RULES.lifetimeMin} (5 minutes) to ${CLIENT_RULES.lifetimeMax} (24 hours); ${lifetime} was given.`,
    );
  }
  return lifetime;
}

export function normalizeScopeNames(values: string[] | null | undefined): string[] {
  return [...new Set((values ?? []).map((s) => s.trim()).filter(Boolean))];
}

/** A client's quota overrides as given; each null (or left out) means the tenant's default. */
const QUOTA_CHECKS = {
  tokensPerHour: (input: ApiClientInputShape) => checkTokenQuotaLimit('tokensPerHour', input.tokensPerHour ?? null, "the tenant's default"),
  tokensPerDay: (input: ApiClientInputShape) => checkTokenQuotaLimit('tokensPerDay', input.tokensPerDay ?? null, "the tenant's default"),
  tokenQuotaMode: (input: ApiClientInputShape) => (input.tokenQuotaMode == null ? null : checkTokenQuotaMode(input.tokenQuotaMode)),
  maxActiveTokensPerCredential: (input: ApiClientInputShape) =>
    checkTokenQuotaLimit('maxActiveTokensPerCredential', input.maxActiveTokensPerCredential ?? null, "the tenant's default"),
} as const;

export const TOKEN_QUOTA_FIELDS = Object.keys(QUOTA_CHECKS) as (keyof TokenQuotaFields)[];

/**
 * A client's token quotas protect the token service from it, so they are a security administrator's to set, like the
 * tenant's defaults: whoever may edit a client may not lift its quota (docs/token-service.md#quotas). `changed` are
 * the quota fields a create sets or an update changes.
 */
export function refuseQuotaChange(changed: readonly string[], holds: (permission: Permission) => boolean): void {
  if (changed.length === 0 || holds(Permission.SECURITY_ADMINISTRATION)) return;
  throw new ForbiddenError(
    `You cannot change ${changed.join(', ')}: a client's token quotas need the permission SECURITY_ADMINISTRATION (${PERMISSION_LABELS.SECURITY_ADMINISTRATION}), which you do not hold. Leave the quota fields as they are, or ask a security administrator.`,
    { field: changed[0], permission: Permission.SECURITY_ADMINISTRATION },
  );
}

/** Validates a whole create input and returns the stored form; a refusal names every bad field, in field order. */
export function normalizeCreateInput(input: ApiClientInputShape): ApiClientFields & { identifier: string | null } {
  return {
    ...checkAll({
      name: () => normalizeName(input.name),
      identifier: () => normalizeIdentifier(input.identifier),
      description: () => normalizeDescription(input.description),
      scopes: () => normalizeScopeNames(input.scopes),
      contactEmails: () => normalizeContactEmails(input.contactEmails),
      allowedIpRanges: () => normalizeIpRanges(input.allowedIpRanges),
      accessTokenLifetimeSeconds: () => normalizeLifetime(input.accessTokenLifetimeSeconds),
      tokensPerHour: () => QUOTA_CHECKS.tokensPerHour(input),
      tokensPerDay: () => QUOTA_CHECKS.tokensPerDay(input),
      tokenQuotaMode: () => QUOTA_CHECKS.tokenQuotaMode(input),
      maxActiveTokensPerCredential: () => QUOTA_CHECKS.maxActiveTokensPerCredential(input),
    }),
    enabled: input.enabled ?? true,
    requireSenderConstrainedTokens: input.requireSenderConstrainedTokens ?? false,
  };
}

/** Validates the fields present in an update; absent (undefined) fields stay as they are. A refusal names every bad field. */
export function normalizeUpdateInput(input: ApiClientInputShape): Partial<ApiClientFields> {
  const checks: { [K in keyof ApiClientFields]?: () => ApiClientFields[K] } = {};
  if (input.name !== undefined) checks.name = () => normalizeName(input.name);
  if (input.description !== undefined) checks.description = () => normalizeDescription(input.description);
  if (input.scopes !== undefined) checks.scopes = () => normalizeScopeNames(input.scopes);
  if (input.contactEmails !== undefined) checks.contactEmails = () => normalizeContactEmails(input.contactEmails);
  if (input.allowedIpRanges !== undefined) checks.allowedIpRanges = () => normalizeIpRanges(input.allowedIpRanges);
  const lifetime = input.accessTokenLifetimeSeconds;
  if (lifetime !== undefined) {
    checks.accessTokenLifetimeSeconds = () => {
      if (lifetime === null) {
        throw new BadUserInputError(
          'accessTokenLifetimeSeconds',
          'Access token lifetime cannot be null: give a number of seconds from 300 to 86400, or leave the field out.',
        );
      }
      return normalizeLifetime(lifetime);
    };
  }
  const enabled = input.enabled;
  if (enabled !== undefined) {
    checks.enabled = () => {
      if (enabled === null) throw new BadUserInputError('enabled', 'Enabled cannot be null: send true or false, or leave the field out.');
      return enabled;
    };
  }
  const senderConstrained = input.requireSenderConstrainedTokens;
  if (senderConstrained !== undefined) {
    checks.requireSenderConstrainedTokens = () => {
      if (senderConstrained === null) {
        throw new BadUserInputError(
          'requireSenderConstrainedTokens',
          'Require sender-constrained tokens cannot be null: send true or false, or leave the field out.',
        );
      }
      return senderConstrained;
    };
  }
  for (const field of TOKEN_QUOTA_FIELDS) {
    if (input[field] !== undefined) (checks as Record<string, () => unknown>)[field] = () => QUOTA_CHECKS[field](input);
  }
  return checkAll(checks) as Partial<ApiClientFields>;
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 16 random base32 characters (80 bits) for a client ID without a chosen identifier. */
export function randomIdentifier(): string {
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => BASE32[b & 31]).join('');
}

export function clientIdFor(tenantSlug: string, identifier: string | null): string {
  return `${tenantSlug}-${identifier ?? randomIdentifier()}`;
}

export function limitMessage(max: number): string {
  return `This tenant already has ${max} API clients, the maximum allowed. Delete an API client you no longer need before adding a new one.`;
}
