import { describe, expect, it } from 'vitest';
import { BadUserInputError, BadUserInputErrors } from '../kernel/errors.js';
import {
  clientIdFor,
  limitMessage,
  normalizeContactEmails,
  normalizeCreateInput,
  normalizeIpRanges,
  normalizeUpdateInput,
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

  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error as BadUserInputError;
    }
    throw new Error('expected a refusal');
  };

  it('names the field in every refusal', () => {
    expect(refusal(() => normalizeContactEmails([])).field).toBe('contactEmails');
    expect(refusal(() => normalizeIpRanges(['nope'])).field).toBe('allowedIpRanges');
  });

  it('names every bad item of a list in one refusal, and lists them for a form to mark', () => {
    const emails = refusal(() => normalizeContactEmails(['ops@example.com', 'a@', ' b@x ']));
    expect(emails.message).toBe('Contact emails "a@" and "b@x" are not valid email addresses; use addresses such as ops@example.com.');
    expect(emails.extensions).toEqual({ field: 'contactEmails', invalid: ['a@', 'b@x'] });
    const one = refusal(() => normalizeContactEmails(['a@']));
    expect(one.message).toBe('Contact email "a@" is not a valid email address; use an address such as ops@example.com.');
    const ranges = refusal(() => normalizeIpRanges(['10.0.0.0/33', '10.0.0.0/8', 'example.com', '::1/129']));
    expect(ranges.message).toBe(
      'Allowed IP ranges "10.0.0.0/33", "example.com" and "::1/129" are not IP addresses or CIDR blocks; use forms such as 203.0.113.7, 198.51.100.0/24 or 2001:db8::/32.',
    );
    expect(ranges.extensions).toEqual({ field: 'allowedIpRanges', invalid: ['10.0.0.0/33', 'example.com', '::1/129'] });
  });

  // Found by the GraphQL fuzz run: a create with ~100 empty IP ranges and emails made a refusal over 1,000 characters.
  it('names at most three bad items in its message, each cut short, and counts the rest; extensions list them all', () => {
    const ranges = refusal(() => normalizeIpRanges([...Array.from({ length: 40 }, () => ''), 'x'.repeat(300)]));
    expect(ranges.message).toBe(
      'Allowed IP ranges "", "", "" and 38 more are not IP addresses or CIDR blocks; use forms such as 203.0.113.7, 198.51.100.0/24 or 2001:db8::/32.',
    );
    expect((ranges.extensions as { invalid: string[] }).invalid).toHaveLength(41);
    const long = refusal(() => normalizeContactEmails([`${'a'.repeat(200)}@`]));
    expect(long.message).toBe(`Contact email "${'a'.repeat(40)}…" is not a valid email address; use an address such as ops@example.com.`);
  });

  it('names every bad field of a create or an update at once, in field order', () => {
    const created = refusal(() =>
      normalizeCreateInput({ name: ' ', contactEmails: ['a@', 'b@x'], allowedIpRanges: ['10.0.0.0/33'], accessTokenLifetimeSeconds: 60 }),
    );
    expect(created).toBeInstanceOf(BadUserInputErrors);
    expect((created as BadUserInputErrors).errors.map((e) => e.field)).toEqual([
      'name',
      'contactEmails',
      'allowedIpRanges',
      'accessTokenLifetimeSeconds',
    ]);
    expect(created.extensions).toMatchObject({
      field: 'name',
      errors: [
        { field: 'name' },
        { field: 'contactEmails', invalid: ['a@', 'b@x'] },
        { field: 'allowedIpRanges', invalid: ['10.0.0.0/33'] },
        { field: 'accessTokenLifetimeSeconds' },
      ],
    });
    expect(created.message).toMatch(
      /^Name is required: .* Contact emails "a@" and "b@x" are not .* Allowed IP range "10.0.0.0\/33" is not .* Access token lifetime must be /,
    );
    const updated = refusal(() => normalizeUpdateInput({ contactEmails: ['a@'], enabled: null }));
    expect((updated as BadUserInputErrors).errors.map((e) => e.field)).toEqual(['contactEmails', 'enabled']);
    // One bad field: a plain refusal, as before.
    expect(refusal(() => normalizeUpdateInput({ name: '' }))).not.toBeInstanceOf(BadUserInputErrors);
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
