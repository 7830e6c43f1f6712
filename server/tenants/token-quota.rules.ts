import { registerEnumType } from 'type-graphql';
import { BadUserInputError } from '../kernel/errors.js';

/**
 * What a token quota does once a client has had its tokens for the hour or day (docs/token-service.md#quotas):
 * `enforce` refuses further requests with 429, `monitor` lets them through and records them.
 */
export enum TokenQuotaMode {
  ENFORCE = 'enforce',
  MONITOR = 'monitor',
}

registerEnumType(TokenQuotaMode, {
  name: 'TokenQuotaMode',
  valuesConfig: {
    ENFORCE: { description: 'A request past the quota is refused with 429 Too Many Requests and Retry-After.' },
    MONITOR: { description: 'A request past the quota gets its token; Keyward logs it and counts it in its metrics.' },
  },
});

/** The token quota fields, shared by a tenant's defaults and a client's overrides. */
export interface TokenQuotaFields {
  tokensPerHour: number | null;
  tokensPerDay: number | null;
  tokenQuotaMode: TokenQuotaMode | null;
  maxActiveTokensPerCredential: number | null;
}

/** The largest value each limit accepts: far above any real need, small enough to stay a meaningful limit. */
export const TOKEN_QUOTA_MAXIMUMS = {
  tokensPerHour: 1_000_000,
  tokensPerDay: 10_000_000,
  maxActiveTokensPerCredential: 100_000,
} as const;

const WORDS = {
  tokensPerHour: 'Tokens per hour',
  tokensPerDay: 'Tokens per day',
  maxActiveTokensPerCredential: 'Max active tokens per credential',
} as const;

/** A limit as given: a whole number from 1 to its maximum, or null for none. */
export function checkTokenQuotaLimit(field: keyof typeof TOKEN_QUOTA_MAXIMUMS, value: number | null, nullMeans: string): number | null {
  if (value === null) return null;
  const max = TOKEN_QUOTA_MAXIMUMS[field];
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new BadUserInputError(
      field,
      `${WORDS[field]} must be a whole number from 1 to ${max.toLocaleString('en-US')}; ${value} is outside that range. Send null for ${nullMeans}.`,
    );
  }
  return value;
}

/** GraphQL's enum already refuses other values; this guards every other caller of the services. */
export function checkTokenQuotaMode(value: string): TokenQuotaMode {
  const mode = Object.values(TokenQuotaMode).find((m) => m === value);
  if (!mode)
    throw new BadUserInputError('tokenQuotaMode', `Token quota mode "${value.slice(0, 20)}" is not known. Choose ENFORCE or MONITOR.`);
  return mode;
}

/** What the token endpoint enforces for a client: its own values where set, the tenant's defaults for the rest. */
export interface EffectiveTokenQuota {
  tokensPerHour: number | null;
  tokensPerDay: number | null;
  enforce: boolean;
  maxActiveTokensPerCredential: number | null;
}

/** The effective quota; null when nothing is limited, so the token endpoint's check is one field. */
export function effectiveTokenQuota(client: Partial<TokenQuotaFields>, tenant: Partial<TokenQuotaFields>): EffectiveTokenQuota | null {
  const tokensPerHour = client.tokensPerHour ?? tenant.tokensPerHour ?? null;
  const tokensPerDay = client.tokensPerDay ?? tenant.tokensPerDay ?? null;
  const maxActiveTokensPerCredential = client.maxActiveTokensPerCredential ?? tenant.maxActiveTokensPerCredential ?? null;
  if (tokensPerHour === null && tokensPerDay === null && maxActiveTokensPerCredential === null) return null;
  const mode = client.tokenQuotaMode ?? tenant.tokenQuotaMode ?? TokenQuotaMode.ENFORCE;
  return { tokensPerHour, tokensPerDay, enforce: mode === TokenQuotaMode.ENFORCE, maxActiveTokensPerCredential };
}
