import { describe, expect, it } from 'vitest';
import { effectiveTokenQuota, TokenQuotaMode } from './token-quota.rules.js';

describe('effectiveTokenQuota', () => {
  it('is null when neither the client nor its tenant limits anything, so the token endpoint checks one field', () => {
    expect(effectiveTokenQuota({}, { tokenQuotaMode: TokenQuotaMode.MONITOR })).toBeNull();
    expect(effectiveTokenQuota({ tokenQuotaMode: TokenQuotaMode.ENFORCE }, {})).toBeNull();
  });

  it("takes each of the client's own values over the tenant's default, field by field", () => {
    expect(
      effectiveTokenQuota(
        { tokensPerHour: 5, tokenQuotaMode: null },
        { tokensPerHour: 100, tokensPerDay: 1000, tokenQuotaMode: TokenQuotaMode.MONITOR, maxActiveTokensPerCredential: 10 },
      ),
    ).toEqual({ tokensPerHour: 5, tokensPerDay: 1000, enforce: false, maxActiveTokensPerCredential: 10 });
    expect(effectiveTokenQuota({ maxActiveTokensPerCredential: 3, tokenQuotaMode: TokenQuotaMode.MONITOR }, {})).toEqual({
      tokensPerHour: null,
      tokensPerDay: null,
      enforce: false,
      maxActiveTokensPerCredential: 3,
    });
  });

  it('enforces unless the client or its tenant chose monitor', () => {
    expect(effectiveTokenQuota({ tokensPerDay: 10 }, {})?.enforce).toBe(true);
    expect(
      effectiveTokenQuota({ tokensPerDay: 10, tokenQuotaMode: TokenQuotaMode.ENFORCE }, { tokenQuotaMode: TokenQuotaMode.MONITOR })
        ?.enforce,
    ).toBe(true);
  });
});
