import type { ApiError, FieldProblem } from '../../components/errors';
import type { CreateApiClientInput, UpdateApiClientInput } from '../../gql/graphql';
import type { ApiClientFormValues } from './ClientForm';

/** The client's token quota fields (docs/token-service.md#quotas), in form order. */
export const QUOTA_FIELDS = [
  { field: 'tokensPerHour', id: 'client-tokens-per-hour', label: 'Tokens per hour', help: '1 to 1,000,000 per calendar hour (UTC)' },
  { field: 'tokensPerDay', id: 'client-tokens-per-day', label: 'Tokens per day', help: '1 to 10,000,000 per calendar day (UTC)' },
  {
    field: 'maxActiveTokensPerCredential',
    id: 'client-max-active-tokens',
    label: 'Max active tokens per credential',
    help: '1 to 100,000 unexpired tokens at once; always enforced',
  },
] as const;

/** A quota field as typed: empty is null (the tenant's default). */
const quotaValue = (text: string) => (text.trim() === '' ? null : Number(text.trim()));

/** The token quota fields of either input. */
function quotaInputOf(values: ApiClientFormValues) {
  return {
    tokensPerHour: quotaValue(values.tokensPerHour),
    tokensPerDay: quotaValue(values.tokensPerDay),
    maxActiveTokensPerCredential: quotaValue(values.maxActiveTokensPerCredential),
    tokenQuotaMode: values.tokenQuotaMode || null,
  };
}

/** The form's values as the API's create input; blank optional text is left out. */
export function createInputOf(values: ApiClientFormValues): CreateApiClientInput {
  return {
    name: values.name.trim(),
    identifier: values.identifier.trim() || null,
    description: values.description.trim() || null,
    scopes: values.scopes,
    contactEmails: values.contactEmails,
    allowedIpRanges: values.allowedIpRanges,
    accessTokenLifetimeSeconds: Number(values.accessTokenLifetimeSeconds),
    enabled: values.enabled,
    requireSenderConstrainedTokens: values.requireSenderConstrainedTokens,
    ...quotaInputOf(values),
  };
}

/** The form's values as the API's update input; every editable field is sent, an empty description clears it. */
export function updateInputOf(values: ApiClientFormValues): UpdateApiClientInput {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    scopes: values.scopes,
    contactEmails: values.contactEmails,
    allowedIpRanges: values.allowedIpRanges,
    accessTokenLifetimeSeconds: Number(values.accessTokenLifetimeSeconds),
    enabled: values.enabled,
    requireSenderConstrainedTokens: values.requireSenderConstrainedTokens,
    ...quotaInputOf(values),
  };
}

const LIFETIME_MESSAGE = 'Enter the access token lifetime as a whole number of seconds from 300 to 86400.';

// Plainly not an email address: no @, nothing on a side of it, or no dot in the domain. The API checks the rest.
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Plainly not an address or block: four dotted numbers, or hex digits with colons (IPv6), then an optional /prefix.
const LOOKS_LIKE_IP_RANGE = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:\/\d{1,3})?$/;

/** "a", "b" and "c", as the API's messages name the bad items of a list. */
function quotedList(values: readonly string[]): string {
  const quoted = values.map((v) => `"${v}"`);
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/**
 * The form's own check before sending, worded as the API words its refusals: every plainly bad email and IP range
 * and a lifetime that is not a number, all at once. The API has the last word on everything else.
 */
export function checkClientValues(values: ApiClientFormValues): ApiError | undefined {
  const problems: FieldProblem[] = [];
  const badEmails = values.contactEmails.filter((email) => !LOOKS_LIKE_EMAIL.test(email.trim())).map((email) => email.trim());
  if (badEmails.length > 0) {
    problems.push({
      field: 'contactEmails',
      invalid: badEmails,
      message:
        badEmails.length === 1
          ? `Contact email ${quotedList(badEmails)} is not a valid email address; use an address such as ops@example.com.`
          : `Contact emails ${quotedList(badEmails)} are not valid email addresses; use addresses such as ops@example.com.`,
    });
  }
  const badRanges = values.allowedIpRanges.filter((range) => !LOOKS_LIKE_IP_RANGE.test(range.trim())).map((range) => range.trim());
  if (badRanges.length > 0) {
    problems.push({
      field: 'allowedIpRanges',
      invalid: badRanges,
      message:
        badRanges.length === 1
          ? `Allowed IP range ${quotedList(badRanges)} is not an IP address or CIDR block; use forms such as 203.0.113.7, 198.51.100.0/24 or 2001:db8::/32.`
          : `Allowed IP ranges ${quotedList(badRanges)} are not IP addresses or CIDR blocks; use forms such as 203.0.113.7, 198.51.100.0/24 or 2001:db8::/32.`,
    });
  }
  if (!/^\d+$/.test(values.accessTokenLifetimeSeconds.trim())) {
    problems.push({ field: 'accessTokenLifetimeSeconds', message: LIFETIME_MESSAGE });
  }
  for (const { field, label } of QUOTA_FIELDS) {
    const text = values[field].trim();
    if (text !== '' && !/^\d+$/.test(text)) {
      problems.push({ field, message: `Enter ${label.toLowerCase()} as a whole number, or leave it empty for the tenant's default.` });
    }
  }
  if (problems.length === 0) return undefined;
  return { message: problems.map((p) => p.message).join(' '), code: 'BAD_USER_INPUT', field: problems[0].field, problems };
}
