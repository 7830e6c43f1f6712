import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../server/kernel/clock.js';
import { Permission } from '../server/kernel/permissions.js';
import { startKeyward, type TestKeyward } from './support/keyward.js';
import { requestToken } from './support/oauth.js';

const POLICY_FIELDS = `credentialPolicy {
  allowedKinds minRsaKeyBits allowedKeyCurves personalApiKeyMaxLifetimeDays effectivePersonalApiKeyMaxLifetimeDays
  kindLifetimes { kind maxLifetimeDays effectiveMaxLifetimeDays }
}`;
const UPDATE = `mutation($input: UpdateCredentialPolicyInput!) { updateCredentialPolicy(input: $input) { id ${POLICY_FIELDS} } }`;
const READ = `{ viewer { tenant { ${POLICY_FIELDS} } } }`;
const VIOLATIONS = `query($first: Int, $after: String) { credentialPolicyViolations(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id credentialType label apiClientId clientId ownerName expiresAt rules } }
} }`;
const CREATE_SECRET = `mutation($id: ID!, $e: DateTimeISO!) { createClientSecret(clientId: $id, input: { expiresAt: $e }) { secret credential { id } } }`;
const ROTATE = `mutation($id: ID!, $e: DateTimeISO!) { rotateClientSecret(id: $id, input: { expiresAt: $e }) { secret } }`;
const CREATE_KEY_JWT = `mutation($id: ID!, $input: CreatePrivateKeyJwtCredentialInput!) { createPrivateKeyJwtCredential(clientId: $id, input: $input) { id type } }`;
const CREATE_CERT = `mutation($id: ID!, $input: CreateCertificateInput!) { createCertificate(clientId: $id, input: $input) { credential { id } } }`;
const RENEW_CERT = `mutation($id: ID!, $input: RenewCertificateInput) { renewCertificate(id: $id, input: $input) { credential { id expiresAt } } }`;
const CREATE_API_KEY = `mutation($input: CreatePersonalApiKeyInput!) { createPersonalApiKey(input: $input) { token apiKey { id expiresAt } } }`;

let kw: TestKeyward;
let work: string;
let n = 0;

beforeAll(async () => {
  kw = await startKeyward();
  work = mkdtempSync(join(tmpdir(), 'keyward-policy-'));
});
afterAll(async () => {
  await kw?.destroy();
  rmSync(work, { recursive: true, force: true });
});

const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

/** Each test gets its own tenant, so one test's policy never meets another's credentials. */
async function tenant(): Promise<string> {
  return (await kw.createTenant(`policy-${++n}-${Date.now().toString(36)}`)).cookie;
}

async function setPolicy(cookie: string, input: Record<string, unknown>) {
  const result = await kw.gql(UPDATE, { input }, cookie);
  expect(result.errors).toBeUndefined();
  return result.data?.updateCredentialPolicy.credentialPolicy;
}

async function violations(cookie: string) {
  const result = await kw.gql(VIOLATIONS, { first: 100 }, cookie);
  expect(result.errors).toBeUndefined();
  return result.data?.credentialPolicyViolations;
}

function refusal(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) {
  expect(result.errors).toHaveLength(1);
  return result.errors?.[0] as { message: string; extensions: Record<string, unknown> };
}

const rsaPublicPem = (bits: number) =>
  generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ format: 'pem', type: 'spki' }).toString();

function opensslCsr(name: string, newkey: string[]): string {
  execFileSync(
    'openssl',
    ['req', '-new', ...newkey, '-nodes', '-keyout', join(work, `${name}.key`), '-out', join(work, `${name}.csr`), '-subj', '/CN=x'],
    { stdio: 'ignore' },
  );
  return readFileSync(join(work, `${name}.csr`), 'utf8');
}

describe('credential policy', () => {
  it('reads as the defaults, which allow everything, until it is set', async () => {
    const cookie = await tenant();
    const policy = (await kw.gql(READ, {}, cookie)).data?.viewer.tenant.credentialPolicy;
    expect(policy).toMatchObject({
      allowedKinds: ['CLIENT_SECRET', 'CERTIFICATE', 'PRIVATE_KEY_JWT', 'FEDERATED'],
      minRsaKeyBits: 2048,
      allowedKeyCurves: ['P_256', 'P_384', 'ED25519'],
      personalApiKeyMaxLifetimeDays: null,
      effectivePersonalApiKeyMaxLifetimeDays: 365,
    });
    expect(policy.kindLifetimes).toContainEqual({ kind: 'CLIENT_SECRET', maxLifetimeDays: null, effectiveMaxLifetimeDays: 365 });
    expect((await violations(cookie)).totalCount).toBe(0);
  });

  it('with client secrets not allowed, refuses a new one naming the rule, while existing secrets are listed and still get tokens', async () => {
    const cookie = await tenant();
    const client = await kw.clientWithSecret(cookie);
    await setPolicy(cookie, { allowedKinds: ['CERTIFICATE', 'PRIVATE_KEY_JWT'] });

    const refused = refusal(await kw.gql(CREATE_SECRET, { id: client.id, e: inDays(30) }, cookie));
    expect(refused.message).toBe(
      "Your tenant's credential policy does not allow client secrets (rule: allowed kinds). Use a certificate or a private_key_jwt key instead, or ask a security administrator to change the policy.",
    );
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'type', policyRule: 'allowedKinds' });
    // A rotation makes a new secret: refused as well, and the old secret is left as it was.
    expect(refusal(await kw.gql(ROTATE, { id: client.secretId, e: inDays(30) }, cookie)).extensions.policyRule).toBe('allowedKinds');

    const listed = await violations(cookie);
    expect(listed.totalCount).toBe(1);
    expect(listed.edges[0].node).toMatchObject({
      id: client.secretId,
      credentialType: 'CLIENT_SECRET',
      apiClientId: client.id,
      clientId: client.clientId,
      ownerName: null,
      rules: ['allowedKinds'],
    });
    expect(listed.edges[0].node.label).toMatch(/^client secret kwcs_/);

    const token = await requestToken(kw.baseUrl, client.clientId, client.secret);
    expect(token.status).toBe(200);
    expect(((await token.json()) as { access_token?: string }).access_token).toEqual(expect.any(String));

    // Another tenant's policy is its own: its secrets are neither refused nor listed here, nor there.
    const other = await tenant();
    const theirs = await kw.clientWithSecret(other);
    expect((await violations(other)).totalCount).toBe(0);
    expect((await violations(cookie)).edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(theirs.secretId);

    // Allowing them again ends the listing and the refusal.
    await setPolicy(cookie, { allowedKinds: null });
    expect((await violations(cookie)).totalCount).toBe(0);
    expect((await kw.gql(CREATE_SECRET, { id: client.id, e: inDays(30) }, cookie)).errors).toBeUndefined();
  });

  it('refuses a lifetime past the maximum of its kind naming the rule, and lists longer-lived credentials', async () => {
    const cookie = await tenant();
    const client = await kw.clientWithSecret(cookie, { expiresAt: new Date(Date.now() + 60 * DAY_MS) });
    const policy = await setPolicy(cookie, { kindLifetimes: [{ kind: 'CLIENT_SECRET', maxLifetimeDays: 30 }] });
    expect(policy.kindLifetimes).toContainEqual({ kind: 'CLIENT_SECRET', maxLifetimeDays: 30, effectiveMaxLifetimeDays: 30 });
    expect(policy.kindLifetimes).toContainEqual({ kind: 'CERTIFICATE', maxLifetimeDays: null, effectiveMaxLifetimeDays: 365 });

    const refused = refusal(await kw.gql(CREATE_SECRET, { id: client.id, e: inDays(31) }, cookie));
    expect(refused.message).toMatch(
      /^Your tenant's credential policy lets client secrets last at most 30 days \(rule: maximum lifetime per kind\)\. Choose .+ or earlier, or ask a security administrator to change the policy\.$/,
    );
    expect(refused.extensions).toMatchObject({ field: 'expiresAt', policyRule: 'maxLifetimeDays' });
    expect((await kw.gql(CREATE_SECRET, { id: client.id, e: inDays(29) }, cookie)).errors).toBeUndefined();
    // Other kinds keep the tenant's maximum.
    expect(
      (await kw.gql(CREATE_CERT, { id: client.id, input: { expiresAt: inDays(200), keyAlgorithm: 'EC_P256' } }, cookie)).errors,
    ).toBeUndefined();

    const listed = await violations(cookie);
    expect(listed.edges.map((e: { node: { id: string; rules: string[] } }) => [e.node.id, e.node.rules])).toEqual([
      [client.secretId, ['maxLifetimeDays']],
    ]);
  });

  it('renews a certificate within the maximum for certificates, and refuses a renewal asked to last longer', async () => {
    const cookie = await tenant();
    const client = await kw.apiClient(cookie, { name: 'Renewed' });
    const cert = (await kw.gql(CREATE_CERT, { id: client.id, input: { expiresAt: inDays(300), keyAlgorithm: 'EC_P256' } }, cookie)).data
      ?.createCertificate.credential;
    await setPolicy(cookie, { kindLifetimes: [{ kind: 'CERTIFICATE', maxLifetimeDays: 90 }] });

    const asked = refusal(await kw.gql(RENEW_CERT, { id: cert.id, input: { expiresAt: inDays(120) } }, cookie));
    expect(asked.extensions).toMatchObject({ field: 'expiresAt', policyRule: 'maxLifetimeDays' });
    const renewed = (await kw.gql(RENEW_CERT, { id: cert.id }, cookie)).data?.renewCertificate.credential;
    const days = (Date.parse(renewed.expiresAt) - Date.now()) / DAY_MS;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThanOrEqual(90);
  });

  it('refuses keys below the minimum RSA size naming the rule, accepts stronger ones, and lists the weaker existing ones', async () => {
    const cookie = await tenant();
    const client = await kw.apiClient(cookie, { name: 'Keys' });
    const weakPem = rsaPublicPem(2048);
    const existing = (await kw.gql(CREATE_KEY_JWT, { id: client.id, input: { expiresAt: inDays(30), publicKey: weakPem } }, cookie)).data
      ?.createPrivateKeyJwtCredential;
    const existingCert = (await kw.gql(CREATE_CERT, { id: client.id, input: { expiresAt: inDays(30), keyAlgorithm: 'RSA_2048' } }, cookie))
      .data?.createCertificate.credential;
    await setPolicy(cookie, { minRsaKeyBits: 3072 });

    const refused = refusal(
      await kw.gql(CREATE_KEY_JWT, { id: client.id, input: { expiresAt: inDays(30), publicKey: rsaPublicPem(2048) } }, cookie),
    );
    expect(refused.message).toBe(
      "This RSA key has 2048 bits; your tenant's credential policy asks for at least 3072 (rule: minimum RSA key size). Use an RSA key of 3072 bits or more, or a key on P-256, P-384 or Ed25519, or ask a security administrator to change the policy.",
    );
    expect(refused.extensions).toMatchObject({ field: 'publicKey', policyRule: 'minRsaKeyBits' });
    const accepted = await kw.gql(
      CREATE_KEY_JWT,
      { id: client.id, input: { expiresAt: inDays(30), publicKey: rsaPublicPem(3072) } },
      cookie,
    );
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.createPrivateKeyJwtCredential.type).toBe('PRIVATE_KEY_JWT');

    // A certificate: from a CSR made by openssl, and with the key Keyward generates.
    const weakCsr = refusal(
      await kw.gql(
        CREATE_CERT,
        { id: client.id, input: { expiresAt: inDays(30), csr: opensslCsr('rsa2048', ['-newkey', 'rsa:2048']) } },
        cookie,
      ),
    );
    expect(weakCsr.extensions).toMatchObject({ field: 'csr', policyRule: 'minRsaKeyBits' });
    expect(weakCsr.message).toMatch(/^This RSA key has 2048 bits/);
    const strongCsr = await kw.gql(
      CREATE_CERT,
      { id: client.id, input: { expiresAt: inDays(30), csr: opensslCsr('rsa3072', ['-newkey', 'rsa:3072']) } },
      cookie,
    );
    expect(strongCsr.errors).toBeUndefined();
    const generated = refusal(
      await kw.gql(CREATE_CERT, { id: client.id, input: { expiresAt: inDays(30), keyAlgorithm: 'RSA_2048' } }, cookie),
    );
    expect(generated.extensions).toMatchObject({ field: 'keyAlgorithm', policyRule: 'minRsaKeyBits' });

    const listed = await violations(cookie);
    expect(listed.edges.map((e: { node: { id: string; rules: string[] } }) => e.node.id).sort()).toEqual(
      [existing.id, existingCert.id].sort(),
    );
    expect(listed.edges.every((e: { node: { rules: string[] } }) => e.node.rules.join() === 'minRsaKeyBits')).toBe(true);
  });

  it('refuses a key on a curve the policy leaves out', async () => {
    const cookie = await tenant();
    const client = await kw.apiClient(cookie, { name: 'Curves' });
    await setPolicy(cookie, { allowedKeyCurves: ['P_384'] });
    const ed = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const refused = refusal(await kw.gql(CREATE_KEY_JWT, { id: client.id, input: { expiresAt: inDays(30), publicKey: ed } }, cookie));
    expect(refused.message).toBe(
      "Your tenant's credential policy does not allow keys on Ed25519 (rule: allowed key curves). Use a key on P-384 or an RSA key of at least 2048 bits, or ask a security administrator to change the policy.",
    );
    expect(refused.extensions.policyRule).toBe('allowedKeyCurves');
    const p384 = await kw.gql(
      CREATE_CERT,
      {
        id: client.id,
        input: { expiresAt: inDays(30), csr: opensslCsr('p384', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384']) },
      },
      cookie,
    );
    expect(p384.errors).toBeUndefined();
  });

  it('limits how long a personal API key may last, and lists keys that last longer', async () => {
    const cookie = await tenant();
    const before = (await kw.gql(CREATE_API_KEY, { input: { name: 'Long-lived', expiresAt: inDays(200) } }, cookie)).data
      ?.createPersonalApiKey;
    const policy = await setPolicy(cookie, { personalApiKeyMaxLifetimeDays: 30 });
    expect(policy).toMatchObject({ personalApiKeyMaxLifetimeDays: 30, effectivePersonalApiKeyMaxLifetimeDays: 30 });

    const refused = refusal(await kw.gql(CREATE_API_KEY, { input: { name: 'Too long', expiresAt: inDays(31) } }, cookie));
    expect(refused.message).toMatch(
      /^Your tenant's credential policy lets personal API keys last at most 30 days \(rule: personal API key maximum lifetime\)\. Choose .+ or earlier, or leave the expiry out, or ask a security administrator to change the policy\.$/,
    );
    expect(refused.extensions).toMatchObject({ field: 'expiresAt', policyRule: 'personalApiKeyMaxLifetimeDays' });
    // Left out, the expiry is the policy's maximum rather than the usual 90 days.
    const defaulted = (await kw.gql(CREATE_API_KEY, { input: { name: 'Default' } }, cookie)).data?.createPersonalApiKey;
    expect(Math.round((Date.parse(defaulted.apiKey.expiresAt) - Date.now()) / DAY_MS)).toBe(30);

    const listed = await violations(cookie);
    expect(listed.totalCount).toBe(1);
    expect(listed.edges[0].node).toMatchObject({
      id: before.apiKey.id,
      credentialType: null,
      apiClientId: null,
      rules: ['personalApiKeyMaxLifetimeDays'],
    });
    expect(listed.edges[0].node.label).toMatch(/^personal API key "Long-lived"/);
    expect(listed.edges[0].node.ownerName).toEqual(expect.any(String));
    // It keeps working.
    const asKey = await fetch(`${kw.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${before.token}` },
      body: JSON.stringify({ query: '{ viewer { user { id } } }' }),
    });
    expect(((await asKey.json()) as { data?: { viewer: { user: { id: string } } } }).data?.viewer.user.id).toEqual(expect.any(String));
  });

  it('refuses a policy update naming each bad field, and changes nothing then', async () => {
    const cookie = await tenant();
    await kw.gql('mutation { updateTenantSettings(input: { maxCredentialLifetimeDays: 100 }) { id } }', {}, cookie);
    const result = await kw.gql(
      UPDATE,
      {
        input: {
          allowedKinds: [],
          kindLifetimes: [{ kind: 'CERTIFICATE', maxLifetimeDays: 101 }],
          minRsaKeyBits: 1024,
          personalApiKeyMaxLifetimeDays: 0,
        },
      },
      cookie,
    );
    const refused = refusal(result);
    const errors = refused.extensions.errors as { field: string; message: string }[];
    expect(errors.map((e) => e.field)).toEqual(['allowedKinds', 'kindLifetimes', 'minRsaKeyBits', 'personalApiKeyMaxLifetimeDays']);
    expect(errors[1].message).toBe(
      "The maximum lifetime of certificates must be a whole number of days from 1 to 100, the tenant's maximum credential lifetime; leave it empty to use that maximum, or raise the tenant's maximum first.",
    );
    expect(errors[2].message).toBe('The minimum RSA key size must be 2048, 3072 or 4096 bits; 1024 was given.');
    const one = refusal(await kw.gql(UPDATE, { input: { kindLifetimes: [{ kind: 'FEDERATED', maxLifetimeDays: 365 }] } }, cookie));
    expect(one.extensions.field).toBe('kindLifetimes');
    expect((await kw.gql(READ, {}, cookie)).data?.viewer.tenant.credentialPolicy.minRsaKeyBits).toBe(2048);
    // Found by the GraphQL fuzzing (a kind listed hundreds of times made a message of 1,000+ characters): a kind listed
    // twice is refused in a short message naming it once.
    const twice = refusal(
      await kw.gql(UPDATE, { input: { kindLifetimes: Array(300).fill({ kind: 'CERTIFICATE', maxLifetimeDays: 0 }) } }, cookie),
    );
    expect(twice.extensions.field).toBe('kindLifetimes');
    expect(twice.message).toBe('Maximum lifetimes name certificates more than once; give each kind of credential once.');
  });

  it('is changed only by security administrators, and each change is audited', async () => {
    const everythingElse = Object.values(Permission).filter((p) => p !== Permission.SECURITY_ADMINISTRATION);
    const notSecurity = await kw.userWith(everythingElse);
    const forbidden = refusal(await kw.gql(UPDATE, { input: { minRsaKeyBits: 4096 } }, notSecurity));
    expect(forbidden.extensions.code).toBe('FORBIDDEN');
    expect(refusal(await kw.gql(VIOLATIONS, {}, notSecurity)).extensions.code).toBe('FORBIDDEN');
    // Everyone may read the policy, so a form can say what it allows.
    expect((await kw.gql(READ, {}, notSecurity)).data?.viewer.tenant.credentialPolicy.minRsaKeyBits).toEqual(expect.any(Number));

    const security = await kw.userWith([Permission.SECURITY_ADMINISTRATION]);
    await setPolicy(security, { minRsaKeyBits: 4096 });
    try {
      const events = await kw.gql(
        `{ auditEvents(filter: { action: "tenant.policy_updated" }, first: 1) { edges { node { action changes { field from to } } } } }`,
        {},
        security,
      );
      expect(events.errors).toBeUndefined();
      const node = events.data?.auditEvents.edges[0].node;
      expect(node.action).toBe('tenant.policy_updated');
      expect(node.changes).toContainEqual(expect.objectContaining({ field: 'minRsaKeyBits', to: 4096 }));
    } finally {
      await setPolicy(security, { minRsaKeyBits: null });
    }
  });
});
