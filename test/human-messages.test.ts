import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../server/kernel/clock.js';
import { startKeyward, type TestKeyward } from './support/keyward.js';

let kw: TestKeyward;
let admin: string;
let secretId: string;
beforeAll(async () => {
  kw = await startKeyward();
  admin = await kw.login();
  ({ secretId } = await kw.clientWithSecret(admin, { client: { name: 'Refusals' } }));
});
afterAll(async () => kw?.destroy());

const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
/** An instant as the API sends it, e.g. 2027-12-01T21:44:09.502Z: never in a message for a person. */
const RAW_INSTANT = /\d{4}-\d{2}-\d{2}T/;

interface Refusal {
  what: string;
  query: string;
  variables: Record<string, unknown>;
  code: string;
  /** extensions.field: the machine name, which must not appear in the message. */
  field?: string;
  /** The words the message uses instead. */
  says: RegExp;
}

const REFUSALS: Refusal[] = [
  {
    what: 'a key expiring in the past',
    query: 'mutation($input: CreatePersonalApiKeyInput!) { createPersonalApiKey(input: $input) { token } }',
    variables: { input: { name: 'Back-dated', expiresAt: '2020-01-01T09:30:00.000Z' } },
    code: 'BAD_USER_INPUT',
    field: 'expiresAt',
    says: /^The expiry date must be in the future; 1 January 2020, 09:30 UTC has already passed\./,
  },
  {
    what: 'a key expiring too far ahead',
    query: 'mutation($input: CreatePersonalApiKeyInput!) { createPersonalApiKey(input: $input) { token } }',
    variables: { input: { name: 'Too long', expiresAt: inDays(400) } },
    code: 'BAD_USER_INPUT',
    field: 'expiresAt',
    says: /Choose \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC or earlier/,
  },
  {
    what: 'a secret expiring too far ahead',
    query: 'mutation($id: ID!, $e: DateTimeISO!) { rotateClientSecret(id: $id, input: { expiresAt: $e }) { secret } }',
    variables: { e: inDays(400) },
    code: 'BAD_USER_INPUT',
    field: 'expiresAt',
    says: /^The expiry date is more than 365 days ahead, the longest this tenant allows\. Choose \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC/,
  },
  {
    what: 'a grace period over 7 days',
    query:
      'mutation($id: ID!, $e: DateTimeISO!) { rotateClientSecret(id: $id, input: { expiresAt: $e, gracePeriodHours: 169 }) { secret } }',
    variables: { e: inDays(30) },
    code: 'BAD_USER_INPUT',
    field: 'gracePeriodHours',
    says: /^The grace period must be a whole number of hours from 0 \(the old secret stops at once\) to 168 \(7 days\); 169 was given\.$/,
  },
  {
    what: 'an expiry window of 0 days',
    query: '{ expiringCredentials(withinDays: 0) { id } }',
    variables: {},
    code: 'BAD_USER_INPUT',
    field: 'withinDays',
    says: /^The number of days to look ahead must be a whole number from 1 to 365; 0 was given\.$/,
  },
  {
    what: 'an audit filter by a client name instead of its ID',
    query: 'query($id: ID!) { auditEvents(filter: { apiClientId: $id }) { totalCount } }',
    variables: { id: 'Refusals' },
    code: 'BAD_USER_INPUT',
    field: 'filter.apiClientId',
    says: /^The API client to filter by must be given by its ID \(a UUID\)/,
  },
  {
    what: 'a NUL character in a contact email',
    query: 'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id } }',
    variables: { input: { name: 'Nul', contactEmails: ['ops\u0000@example.com'] } },
    code: 'BAD_USER_INPUT',
    field: 'contactEmails',
    says: /^Contact emails contains the NUL character \(U\+0000\)/,
  },
  {
    what: 'a tenant maximum lifetime over 365 days',
    query: 'mutation { updateTenantSettings(input: { maxCredentialLifetimeDays: 400 }) { id } }',
    variables: {},
    code: 'BAD_USER_INPUT',
    field: 'maxCredentialLifetimeDays',
    says: /^The tenant’s maximum credential lifetime \(in days\) must be a whole number from 1 to 365/,
  },
  {
    what: 'a user put in a team that does not exist',
    query: 'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }',
    variables: { input: { email: 'nobody@example.com', name: 'Nobody', teamIds: ['00000000-0000-4000-8000-000000000000'] } },
    code: 'NOT_FOUND',
    says: /Check the teams chosen/,
  },
];

describe('refusals are written for people', () => {
  it.each(REFUSALS)('$what: no raw instant nor machine field name in the message; extensions.field keeps it', async (refusal) => {
    const result = await kw.gql(refusal.query, { id: secretId, ...refusal.variables }, admin);
    const [error] = result.errors ?? [];
    expect(error?.extensions).toMatchObject({ code: refusal.code, ...(refusal.field ? { field: refusal.field } : {}) });
    expect(error.message).toMatch(refusal.says);
    expect(error.message).not.toMatch(RAW_INSTANT);
    const machineName = (refusal.field ?? 'teamIds').split('.').pop() as string;
    expect(error.message).not.toContain(machineName);
  });

  it('names a revoked key’s revocation time in words and UTC when it cannot be regenerated', async () => {
    const created = await kw.gql('mutation { createPersonalApiKey(input: { name: "Old script" }) { apiKey { id } } }', {}, admin);
    const id = created.data?.createPersonalApiKey.apiKey.id;
    await kw.gql('mutation($id: ID!) { revokePersonalApiKey(id: $id) { id } }', { id }, admin);
    const result = await kw.gql('mutation($id: ID!) { regeneratePersonalApiKey(id: $id) { token } }', { id }, admin);
    expect(result.errors?.[0].message).toMatch(/^The API key "Old script" was revoked on \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC/);
    expect(result.errors?.[0].message).not.toMatch(RAW_INSTANT);
  });
});
