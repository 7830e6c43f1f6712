import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../server/kernel/clock.js';
import { startKeyward, type TestKeyward } from './support/keyward.js';
import { curlTokenWithCertificate } from './support/mtls-curl.js';

const PAYLOAD = `
  password
  bundle { contentBase64 }
  credential { id description status enabled expiresAt renewalOfId certificate { serialNumber subject keyAlgorithm fromCsr } }`;
const CREATE = `mutation($clientId: ID!, $input: CreateCertificateInput!) { createCertificate(clientId: $clientId, input: $input) { ${PAYLOAD} } }`;
const RENEW = `mutation($id: ID!, $input: RenewCertificateInput) { renewCertificate(id: $id, input: $input) { ${PAYLOAD} } }`;

let kw: TestKeyward;
let admin: string;
let work: string;

beforeAll(async () => {
  kw = await startKeyward();
  admin = await kw.login();
  work = mkdtempSync(join(tmpdir(), 'keyward-renewal-'));
});
afterAll(async () => {
  await kw?.destroy();
  if (work) rmSync(work, { recursive: true, force: true });
});

const inDays = (days: number) => new Date(Math.floor((Date.now() + days * DAY_MS) / 1000) * 1000).toISOString();
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

async function newClient(name: string) {
  const result = await kw.gql(
    'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }',
    { input: { name, contactEmails: ['ops@example.com'] } },
    admin,
  );
  return result.data!.createApiClient as { id: string; clientId: string };
}

/** Unzips a bundle into its own folder; with a password, takes the private key out of the PFX as openssl would. */
async function unpack(payload: { bundle: { contentBase64: string }; password: string | null }, folder: string, clientId: string) {
  const dir = join(work, folder);
  mkdirSync(dir);
  const zip = await JSZip.loadAsync(Buffer.from(payload.bundle.contentBase64, 'base64'));
  for (const name of Object.keys(zip.files)) writeFileSync(join(dir, name), await zip.files[name].async('nodebuffer'));
  if (payload.password) {
    writeFileSync(
      join(dir, 'key.pem'),
      openssl('pkcs12', '-in', join(dir, `${clientId}.pfx`), '-passin', `pass:${payload.password}`, '-nocerts', '-nodes'),
    );
  }
  return { dir, cert: join(dir, `${clientId}.crt`), key: join(dir, 'key.pem'), caFile: join(dir, 'ca-chain.cert.pem') };
}

const tokenWith = (files: { cert: string; key: string; caFile: string }, clientId: string) =>
  curlTokenWithCertificate({ tokenUrl: `${kw.mtlsUrl}/oauth2/token`, clientId, ...files });

describe('renewing a certificate', () => {
  it('issues a second certificate with the same settings that works over mTLS beside the old one, which keeps its expiry', async () => {
    const client = await newClient('Renewed gateway');
    const first = (
      await kw.gql(CREATE, { clientId: client.id, input: { description: 'edge', keyAlgorithm: 'EC_P256', expiresAt: inDays(20) } }, admin)
    ).data?.createCertificate;
    const oldFiles = await unpack(first, 'old', client.clientId);
    expect((await tokenWith(oldFiles, client.clientId)).token_type).toBe('Bearer');

    const renewedExpiry = inDays(200);
    const renewal = await kw.gql(RENEW, { id: first.credential.id, input: { expiresAt: renewedExpiry } }, admin);
    expect(renewal.errors).toBeUndefined();
    const renewed = renewal.data?.renewCertificate;
    expect(renewed.credential).toMatchObject({
      description: 'edge',
      status: 'ACTIVE',
      expiresAt: renewedExpiry,
      renewalOfId: first.credential.id,
      certificate: { subject: first.credential.certificate.subject, keyAlgorithm: 'EC_P256', fromCsr: false },
    });
    expect(renewed.credential.certificate.serialNumber).not.toBe(first.credential.certificate.serialNumber);
    expect(renewed.password.length).toBeGreaterThanOrEqual(20);

    const newFiles = await unpack(renewed, 'new', client.clientId);
    expect(openssl('verify', '-CAfile', newFiles.caFile, newFiles.cert)).toContain('OK');
    // A new key, not the old one's.
    expect(readFileSync(newFiles.key, 'utf8')).not.toBe(readFileSync(oldFiles.key, 'utf8'));
    expect((await tokenWith(newFiles, client.clientId)).token_type).toBe('Bearer');
    expect((await tokenWith(oldFiles, client.clientId)).token_type).toBe('Bearer');

    const listed = await kw.gql(
      'query($id: ID!) { apiClient(id: $id) { credentials { id expiresAt renewalOfId } } }',
      { id: client.id },
      admin,
    );
    expect(listed.data?.apiClient.credentials).toEqual([
      { id: first.credential.id, expiresAt: first.credential.expiresAt, renewalOfId: null },
      { id: renewed.credential.id, expiresAt: renewedExpiry, renewalOfId: first.credential.id },
    ]);
    const [event] = await kw.sql<{ changes: Record<string, { to: unknown }> }>(
      "select changes from audit_event where action = 'credential.renewed' and target_id = ?",
      [renewed.credential.id],
    );
    expect(event.changes.renewalOfId.to).toBe(first.credential.id);

    // Disabled, the old certificate is refused over mTLS as an unknown one is; the renewal goes on working.
    await kw.gql('mutation($id: ID!) { setCredentialEnabled(id: $id, enabled: false) { id } }', { id: first.credential.id }, admin);
    expect(await tokenWith(oldFiles, client.clientId)).toMatchObject({ error: 'invalid_client' });
    expect((await tokenWith(newFiles, client.clientId)).token_type).toBe('Bearer');
  });

  it('of a certificate from a CSR asks for a new CSR, and with one certifies its key', async () => {
    const client = await newClient('CSR holder');
    openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'csr.key', '-out', 'csr.pem', '-subj', '/CN=ignored');
    const csr = readFileSync(join(work, 'csr.pem'), 'utf8');
    const first = (await kw.gql(CREATE, { clientId: client.id, input: { csr, expiresAt: inDays(10) } }, admin)).data?.createCertificate;

    const refused = await kw.gql(RENEW, { id: first.credential.id }, admin);
    expect(refused.errors?.[0]).toMatchObject({
      message:
        'This certificate was issued from a CSR, so Keyward never had its private key: paste a new CSR (it may be for the same key) to renew it.',
      extensions: { code: 'BAD_USER_INPUT', field: 'csr' },
    });

    // A CSR for the same key: the renewal certifies it, and it authenticates with the key the integrator already holds.
    const renewed = (await kw.gql(RENEW, { id: first.credential.id, input: { csr } }, admin)).data?.renewCertificate;
    expect(renewed.password).toBeNull();
    expect(renewed.credential).toMatchObject({ renewalOfId: first.credential.id, certificate: { fromCsr: true } });
    const files = await unpack(renewed, 'csr-new', client.clientId);
    expect((await tokenWith({ ...files, key: join(work, 'csr.key') }, client.clientId)).token_type).toBe('Bearer');
    // Without expiresAt, the old certificate's own lifetime (10 days) from now.
    const expires = new Date(renewed.credential.expiresAt).getTime();
    expect(Math.abs(expires - (Date.now() + 10 * DAY_MS))).toBeLessThan(60_000);
  });

  it('is for certificates only, and counts against the limit', async () => {
    const secret = await kw.clientWithSecret(admin, { client: { name: 'Secret only' } });
    const refused = await kw.gql(RENEW, { id: secret.secretId }, admin);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });

    const client = await newClient('Full');
    const first = (await kw.gql(CREATE, { clientId: client.id, input: { expiresAt: inDays(30) } }, admin)).data?.createCertificate;
    for (let i = 0; i < 4; i++) expect((await kw.gql(RENEW, { id: first.credential.id }, admin)).errors).toBeUndefined();
    const sixth = await kw.gql(RENEW, { id: first.credential.id }, admin);
    expect(sixth.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
  });

  it('stops reminders and the expiring soon entry of the certificate it renews, while the renewal is enabled', async () => {
    const client = await newClient('Renewed reminders');
    const created = await kw.gql(CREATE, { clientId: client.id, input: { description: 'edge', expiresAt: inDays(10) } }, admin);
    const old = created.data!.createCertificate.credential.id as string;
    const claimed = await kw.gql(CREATE, { clientId: client.id, input: { description: 'claimed', expiresAt: inDays(9) } }, admin);
    const claimedId = claimed.data!.createCertificate.credential.id as string;
    const deliveries = (credentialId: string) =>
      kw.sql<{ status: string }>('select status from reminder_delivery where credential_id = ?', [credentialId]);
    const expiringIds = async () =>
      (await kw.gql('{ expiringCredentials(withinDays: 30) { id } }', {}, admin)).data?.expiringCredentials.map(
        (c: { id: string }) => c.id,
      );

    // A reminder claimed before the renewal is dropped when its turn to be sent comes.
    await kw.keyward.services.reminders.scan();
    expect((await deliveries(claimedId)).map((d) => d.status)).toEqual(['PENDING']);
    await kw.sql('delete from reminder_delivery where credential_id = ?', [old]);
    const renewal = await kw.gql(RENEW, { id: old, input: { expiresAt: inDays(90) } }, admin);
    expect(renewal.errors).toBeUndefined();
    expect((await kw.gql(RENEW, { id: claimedId, input: { expiresAt: inDays(90) } }, admin)).errors).toBeUndefined();
    await kw.keyward.services.reminders.sendDue();
    expect(await deliveries(claimedId)).toEqual([]);

    await kw.keyward.services.reminders.scan();
    expect(await deliveries(old)).toEqual([]);
    expect(await expiringIds()).not.toContain(old);

    // With its renewal disabled, the old certificate is what the client uses again: reminded and listed.
    const disabled = await kw.gql(
      'mutation($id: ID!) { setCredentialEnabled(id: $id, enabled: false) { id } }',
      { id: renewal.data!.renewCertificate.credential.id },
      admin,
    );
    expect(disabled.errors).toBeUndefined();
    expect(await expiringIds()).toContain(old);
    await kw.keyward.services.reminders.scan();
    expect((await deliveries(old)).length).toBeGreaterThan(0);
  });
});
