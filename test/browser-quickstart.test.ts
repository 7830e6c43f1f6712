import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';

const execFileAsync = promisify(execFile);
const SECRET_PLACEHOLDER = '<paste the client secret>';
const ANY_SECRET = /kwcs_[0-9A-Za-z]{20,}/;

let kw: TestKeyward;
let browser: Browser;
let admin: string;
let work: string;

beforeAll(async () => {
  kw = await startKeyward();
  admin = await kw.login();
  browser = await launchChromium();
  work = mkdtempSync(join(tmpdir(), 'keyward-quickstart-'));
  // curl reads $CURL_HOME/.curlrc: the status line lets the test see the HTTP status without changing the command.
  writeFileSync(join(work, '.curlrc'), 'write-out = "\\nHTTP %{http_code}\\n"\nmax-time = 10\n');
});
afterAll(async () => {
  await browser?.close();
  await kw?.destroy();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs a command copied from the page in bash, as a user pasting it into a terminal would; asynchronous, so the server keeps answering. */
async function runInShell(script: string, cwd = work): Promise<{ status: number; body: Record<string, any> }> {
  const { stdout } = await execFileAsync('bash', ['-c', script], {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', CURL_HOME: work },
    encoding: 'utf8',
    timeout: 20_000,
  });
  const lines = stdout.trimEnd().split('\n');
  const status = Number(/^HTTP (\d{3})$/.exec(lines.at(-1) ?? '')?.[1]);
  return { status, body: JSON.parse(lines.at(-2) ?? 'null') };
}

function claimsOf(jwt: string): Record<string, any> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

async function openClientPage(page: Page, id: string, name: string): Promise<void> {
  await page.goto(`${kw.baseUrl}/clients/${id}`);
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

/** The command of a quick-start block, as shown (and as its copy button copies it). */
async function command(page: Page, name: string): Promise<string> {
  const block = page.getByRole('region', { name: 'Quick start' }).getByRole('figure', { name, exact: true });
  return (await block.locator('pre').textContent()) ?? '';
}

describe('Quick start on the client page', () => {
  it('shows the token endpoint and a curl token request that, with the secret filled in, returns a token', async () => {
    const client = await kw.clientWithSecret(admin, { client: { name: 'Invoice export', scopes: ['orders:read'] } });
    const { page, problems } = await openPage(browser, { clipboard: true });
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClientPage(page, client.id, 'Invoice export');

    const quickStart = page.getByRole('region', { name: 'Quick start' });
    await quickStart.getByText(`${kw.baseUrl}/oauth2/token`, { exact: true }).waitFor();
    const curl = await command(page, 'Token request');
    expect(curl).toContain(`CLIENT_ID=${client.clientId}`);
    expect(curl).toContain(`CLIENT_SECRET='${SECRET_PLACEHOLDER}'`);
    expect(curl).toContain('-u "$CLIENT_ID:$CLIENT_SECRET"');
    // One API's scopes: the token endpoint chooses it, so no resource is sent.
    expect(curl).not.toContain('resource=');
    expect(await page.content()).not.toMatch(ANY_SECRET);

    // The copy button copies exactly what is shown.
    await quickStart.getByRole('button', { name: 'Copy token request' }).click();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(curl);

    const { status, body } = await runInShell(curl.replace(SECRET_PLACEHOLDER, client.secret));
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'orders:read' });
    expect(claimsOf(body.access_token)).toMatchObject({
      client_id: client.clientId,
      iss: kw.baseUrl,
      aud: 'https://api.example.com/orders',
    });

    // Without the secret filled in, the same command is refused.
    expect((await runInShell(curl)).status).toBe(401);
    expect(problems).toEqual([]);
  });

  it('puts the client ID, with a copy button, in the page header, above the secrets and the settings form', async () => {
    const client = await kw.clientWithSecret(admin, { client: { name: 'Header check' } });
    const { page, problems } = await openPage(browser, { clipboard: true });
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClientPage(page, client.id, 'Header check');

    const header = page.locator('.page-header');
    expect(await header.textContent()).toContain(client.clientId);
    await header.getByRole('button', { name: 'Copy client ID' }).click();
    await header.getByText('Copied').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(client.clientId);

    // Top to bottom: the header, Manage Secrets, Quick start, then the form.
    const top = async (locator: ReturnType<Page['locator']>) => (await locator.boundingBox())!.y;
    const secrets = await top(page.getByRole('region', { name: 'Manage Secrets' }));
    const quickStart = await top(page.getByRole('region', { name: 'Quick start' }));
    const form = await top(page.getByRole('form', { name: 'API client' }));
    expect(await top(header)).toBeLessThan(secrets);
    expect(secrets).toBeLessThan(quickStart);
    expect(quickStart).toBeLessThan(form);
    expect(problems).toEqual([]);
  });

  it('sends resource, one request per API, when the client holds scopes of two APIs', async () => {
    const client = await kw.clientWithSecret(admin, { client: { name: 'Two APIs', scopes: ['orders:read', 'customers:read'] } });
    const { page, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClientPage(page, client.id, 'Two APIs');

    const customers = await command(page, 'Token request for Customers API');
    const orders = await command(page, 'Token request for Orders API');
    expect(customers).toContain('-d resource=https://api.example.com/customers');
    expect(orders).toContain('-d resource=https://api.example.com/orders');

    const { status, body } = await runInShell(customers.replace(SECRET_PLACEHOLDER, client.secret));
    expect(status).toBe(200);
    expect(claimsOf(body.access_token)).toMatchObject({ client_id: client.clientId, aud: 'https://api.example.com/customers' });
    expect(problems).toEqual([]);
  });

  it("names the token endpoint under another tenant's own issuer", async () => {
    const { adminEmail, cookie } = await kw.createTenant('acme');
    const client = await kw.clientWithSecret(cookie, { client: { name: 'Acme sync' } });
    const { page, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, adminEmail, ADMIN_PASSWORD);
    await openClientPage(page, client.id, 'Acme sync');

    const tokenEndpoint = `${kw.baseUrl}/tenants/acme/oauth2/token`;
    await page.getByRole('region', { name: 'Quick start' }).getByText(tokenEndpoint, { exact: true }).waitFor();
    const curl = await command(page, 'Token request');
    expect(curl).toContain(tokenEndpoint);

    const { status, body } = await runInShell(curl.replace(SECRET_PLACEHOLDER, client.secret));
    expect(status).toBe(200);
    expect(claimsOf(body.access_token)).toMatchObject({ client_id: client.clientId, iss: `${kw.baseUrl}/tenants/acme` });
    expect(problems).toEqual([]);
  });

  it('shows a certificate request on the mTLS endpoint once the client has a certificate, and it returns a bound token', async () => {
    const client = await kw.clientWithSecret(admin, { client: { name: 'Certificate client' } });
    const { page, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClientPage(page, client.id, 'Certificate client');
    const quickStart = page.getByRole('region', { name: 'Quick start' });
    await quickStart.getByRole('figure', { name: 'Token request', exact: true }).waitFor();
    expect(await quickStart.getByRole('figure', { name: 'Certificate token request' }).count()).toBe(0);

    // A certificate for a CSR, its key kept here as an integrator's would be.
    const dir = mkdtempSync(join(work, 'cert-'));
    await execFileAsync(
      'openssl',
      ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'].concat([
        '-keyout',
        'client.key',
        '-out',
        'client.csr',
        '-subj',
        '/CN=quickstart',
      ]),
      { cwd: dir },
    );
    const csr = readFileSync(join(dir, 'client.csr'), 'utf8');
    const issued = await kw.gql(
      'mutation($id: ID!, $input: CreateCertificateInput!) { createCertificate(clientId: $id, input: $input) { bundle { contentBase64 } } }',
      { id: client.id, input: { csr, expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() } },
      admin,
    );
    expect(issued.errors).toBeUndefined();
    const zip = await JSZip.loadAsync(Buffer.from(issued.data!.createCertificate.bundle.contentBase64, 'base64'));
    writeFileSync(join(dir, `${client.clientId}.crt`), await zip.files[`${client.clientId}.crt`].async('nodebuffer'));

    await page.reload();
    const curl = await command(page, 'Certificate token request');
    // The mTLS alias of the token endpoint, as discovery publishes it.
    const discovery = (await (await fetch(`${kw.baseUrl}/.well-known/openid-configuration`)).json()) as {
      mtls_endpoint_aliases: { token_endpoint: string };
    };
    expect(discovery.mtls_endpoint_aliases.token_endpoint).toBe(`https://localhost:${new URL(kw.mtlsUrl).port}/oauth2/token`);
    expect(curl).toContain(discovery.mtls_endpoint_aliases.token_endpoint);
    expect(curl).toContain('--cert "$CLIENT_ID.crt" --key client.key');

    const { status, body } = await runInShell(curl, dir);
    expect(status).toBe(200);
    expect(claimsOf(body.access_token)).toMatchObject({ client_id: client.clientId });
    expect(claimsOf(body.access_token).cnf?.['x5t#S256']).toEqual(expect.any(String));
    expect(problems).toEqual([]);
  });
});
