import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../kernel/errors.js';
import {
  clientIdFor,
  limitMessage,
  normalizeContactEmails,
  normalizeIpRanges,
  parseIpRange,
  randomIdentifier,
} from './api-client.rules.js';

describe('API client rules', () => {
  it('accepts IPv4 and IPv6 addresses and CIDR blocks, in canonical spelling', () => {
    expect(parseIpRange('192.0.2.1')).toBe('192.0.2.1');
    expect(parseIpRange('198.51.100.0/24')).toBe('198.51.100.0/24');
    expect(parseIpRange('2001:DB8::/32')).toBe('2001:db8::/32');
    expect(parseIpRange('::1')).toBe('::1');
  });

  it('refuses prefixes out of range, host names and junk', () => {
    for (const bad of ['10.0.0.0/33', '2001:db8::/129', '10.0.0.0/', '10.0.0.0/8/8', 'example.com', '256.1.1.1', '10.0.0.0/-1', '']) {
      expect(parseIpRange(bad), bad).toBeNull();
    }
  });

  it('deduplicates IP ranges and emails, keeping the first spelling', () => {
    expect(normalizeIpRanges(['10.0.0.0/8', ' 10.0.0.0/8 '])).toEqual(['10.0.0.0/8']);
    expect(normalizeContactEmails(['Ops@Example.com', 'OPS@example.COM'])).toEqual(['Ops@Example.com']);
  });

  it('names the field in every refusal', () => {
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error as BadUserInputError;
      }
      throw new Error('expected a refusal');
    };
    expect(refusal(() => normalizeContactEmails([])).field).toBe('contactEmails');
    expect(refusal(() => normalizeIpRanges(['nope'])).field).toBe('allowedIpRanges');
  });

  it('makes client IDs from the tenant slug', () => {
    expect(clientIdFor('acme', 'billing')).toBe('acme-billing');
    expect(clientIdFor('acme', null)).toMatch(/^acme-[a-z2-7]{16}$/);
    expect(new Set(Array.from({ length: 200 }, randomIdentifier)).size).toBe(200);
  });

  it('words the limit exactly as the spec does', () => {
    expect(limitMessage(20)).toBe(
      'This tenant already has 20 API clients, the maximum allowed. Delete an API client you no longer need before adding a new one.',
    );
  });
});
