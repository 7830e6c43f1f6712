import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../server/kernel/clock.js';
import { humanDate } from '../server/kernel/human-date.js';
import { startKeyward, type TestKeyward } from './support/keyward.js';

let kw: TestKeyward;
let admin: string;
beforeAll(async () => {
  kw = await startKeyward();
  admin = await kw.login();
});
afterAll(async () => kw?.destroy());

/** Values a careless or hostile caller sends where text or an id is expected. */
const BAD_VALUES = ['', ' ', 'x'.repeat(10_000), 'a\u0000b', '\u0000', '💥'.repeat(300), '<script>alert(1)</script>', 'not-a-uuid'];

/** The administration and automation operations, each taking one text or id value `$v`. */
const OPERATIONS = [
  'mutation($v: String!) { createUser(input: { email: $v, name: $v, teamIds: [] }) { user { id } } }',
  'mutation($v: String!) { createTeam(input: { name: $v, permissions: [] }) { id } }',
  'mutation($v: ID!) { updateTeam(id: $v, input: { name: "Renamed" }) { id } }',
  'mutation($v: ID!) { deleteTeam(id: $v) }',
  'mutation($v: ID!) { disableUser(id: $v) { id } }',
  'mutation($v: ID!) { updateUser(id: $v, input: { teamIds: [$v] }) { id } }',
  'mutation($v: String!) { createApiResource(input: { name: $v, audience: $v }) { id } }',
  'mutation($v: ID!) { createScope(apiResourceId: $v, input: { name: "orders:write" }) { id } }',
  'mutation($v: ID!) { deleteScope(id: $v) }',
  'mutation($v: String!) { createPersonalApiKey(input: { name: $v }) { token } }',
  'mutation($v: ID!) { revokePersonalApiKey(id: $v) { id } }',
  'mutation($v: ID!) { regeneratePersonalApiKey(id: $v) { token } }',
  'mutation($v: ID!) { revokeSession(id: $v) }',
  'mutation($v: String!) { changeMyPassword(currentPassword: $v, newPassword: $v) }',
  'query($v: String!) { auditEvents(filter: { action: $v, actorId: $v }) { totalCount } }',
  'query($v: ID!) { auditEvents(filter: { apiClientId: $v }) { totalCount } }',
];

describe('bad input to the administration and automation API', () => {
  it('is refused with BAD_USER_INPUT, NOT_FOUND or CONFLICT (or accepted), never a server error', async () => {
    for (const query of OPERATIONS) {
      for (const v of BAD_VALUES) {
        const result = await kw.gql(query, { v }, admin);
        for (const error of result.errors ?? []) {
          expect(
            ['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT'],
            `${query} with ${JSON.stringify(v.slice(0, 20))}: ${error.message}`,
          ).toContain(error.extensions?.code);
          expect(error.message).not.toMatch(/postgres|sql|constraint|stack|\bat .*\.js/i);
        }
      }
    }
  }, 120_000);

  it('refuses a NUL character (which PostgreSQL cannot store) in any text, naming the field, as a variable or a literal', async () => {
    const asVariable = await kw.gql(
      'mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }',
      { input: { name: 'Ops\u0000' } },
      admin,
    );
    expect(asVariable.errors?.[0]).toMatchObject({
      message: 'Name contains the NUL character (U+0000), which Keyward cannot store. Remove it and try again.',
      extensions: { code: 'BAD_USER_INPUT', field: 'name' },
    });
    const asLiteral = await kw.gql(
      'mutation { createApiClient(input: { name: "Billing\\u0000", contactEmails: ["a@example.com"] }) { id } }',
      {},
      admin,
    );
    expect(asLiteral.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    const response = await fetch(`${kw.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ query: 'mutation($n: String!) { createTeam(input: { name: $n }) { id } }', variables: { n: '\u0000' } }),
    });
    expect(response.status).toBe(400);
    expect(await kw.sql("select id from team where name like 'Ops%'")).toEqual([]);
  });

  it('refuses a NUL character at sign-in and in the audit export the same way, never with a server error', async () => {
    const login = await fetch(`${kw.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin\u0000@example.com', password: 'whatever-it-is' }),
    });
    expect(login.status).toBe(400);
    expect(await login.json()).toMatchObject({
      error: 'invalid_request',
      field: 'email',
      message: expect.stringContaining('NUL character'),
    });
    const csv = await fetch(`${kw.baseUrl}/audit/export.csv?action=client%00.created`, { headers: { cookie: admin } });
    expect(csv.status).toBe(400);
    expect(await csv.json()).toMatchObject({ field: 'action' });
  });
});

describe('refusals a person can act on in one go', () => {
  const CREATE_CLIENT = 'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id } }';

  it('names every bad contact email and IP range, not only the first, and lists them for the form to mark', async () => {
    const input = {
      name: 'Several mistakes',
      contactEmails: ['ops@example.com', 'a@', 'b@x'],
      allowedIpRanges: ['203.0.113.7', '10.0.0.0/33'],
    };
    const before = await kw.sql('select id from api_client');
    const result = await kw.gql(CREATE_CLIENT, { input }, admin);
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors ?? [];
    expect(error.message).toBe(
      'Contact emails "a@" and "b@x" are not valid email addresses; use addresses such as ops@example.com. ' +
        'Allowed IP range "10.0.0.0/33" is not an IP address or CIDR block; use forms such as 203.0.113.7, 198.51.100.0/24 or 2001:db8::/32.',
    );
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'contactEmails',
      invalid: ['a@', 'b@x'],
      errors: [
        {
          field: 'contactEmails',
          invalid: ['a@', 'b@x'],
          message: 'Contact emails "a@" and "b@x" are not valid email addresses; use addresses such as ops@example.com.',
        },
        {
          field: 'allowedIpRanges',
          invalid: ['10.0.0.0/33'],
          message:
            'Allowed IP range "10.0.0.0/33" is not an IP address or CIDR block; use forms such as 203.0.113.7, 198.51.100.0/24 or 2001:db8::/32.',
        },
      ],
    });
    expect(await kw.sql('select id from api_client')).toEqual(before);
  });

  it('names dates in words, in UTC, and fields in people’s words, while extensions.field keeps the machine name', async () => {
    const CREATE_KEY = 'mutation($input: CreatePersonalApiKeyInput!) { createPersonalApiKey(input: $input) { token } }';
    const past = await kw.gql(CREATE_KEY, { input: { name: 'Back-dated', expiresAt: '2020-01-01T00:00:00.000Z' } }, admin);
    expect(past.errors?.[0]).toMatchObject({
      message:
        'The expiry date must be in the future; 1 January 2020, 00:00 UTC has already passed. Choose a date within the next 365 days, or leave it out for 90 days.',
      extensions: { code: 'BAD_USER_INPUT', field: 'expiresAt' },
    });

    const sentAt = Date.now();
    const far = await kw.gql(CREATE_KEY, { input: { name: 'Too long', expiresAt: new Date(sentAt + 400 * DAY_MS).toISOString() } }, admin);
    const doneAt = Date.now();
    const choose = (at: number) =>
      `The expiry date is more than 365 days ahead, the longest a personal API key may last. Choose ${humanDate(new Date(at + 365 * DAY_MS))} or earlier, and make a new key before then.`;
    expect([choose(sentAt), choose(doneAt)]).toContain(far.errors?.[0].message);
    expect(far.errors?.[0].message).not.toMatch(/\d{4}-\d\d-\d\dT|expiresAt/);
    expect(far.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresAt' });

    const limit = await kw.gql(
      'mutation($days: Int!) { updateTenantSettings(input: { maxCredentialLifetimeDays: $days }) { maxCredentialLifetimeDays } }',
      { days: 400 },
      admin,
    );
    expect(limit.errors?.[0]).toMatchObject({
      message:
        'The tenant’s maximum credential lifetime (in days) must be a whole number from 1 to 365 (the system maximum); 400 is outside that range.',
      extensions: { code: 'BAD_USER_INPUT', field: 'maxCredentialLifetimeDays' },
    });
  });
});
