import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';
import { signedBy, startTestIssuers, type TestIssuer, type TestIssuers } from './support/oidc-issuer.js';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

let kw: TestKeyward;
let browser: Browser;
let admin: string;
let issuers: TestIssuers;
// GitHub Enterprise Server and a Kubernetes cluster, as far as Keyward can tell: issuers with their own discovery and keys.
let enterpriseGithub: TestIssuer;
let cluster: TestIssuer;

beforeAll(async () => {
  issuers = await startTestIssuers();
  enterpriseGithub = await issuers.add('github-enterprise');
  cluster = await issuers.add('cluster');
  // The test issuers are plain http on loopback; last used is written every second so the row shows it while the test waits.
  kw = await startKeyward({ env: { KEYWARD_OUTBOUND_ALLOW_PRIVATE: 'true', KEYWARD_LAST_USED_FLUSH_SECONDS: '1' } });
  admin = await kw.login();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kw?.destroy();
  await issuers?.close();
});

const newClient = (name: string) => kw.apiClient(admin, { name });

type StoredRule = { issuer: string; audience: string; subject: string; claims: { name: string; value: string }[] };

async function storedRules(apiClientId: string): Promise<{ type: string; description: string | null; federated: StoredRule | null }[]> {
  const result = await kw.gql(
    'query($id: ID!) { apiClient(id: $id) { credentials { type description federated { issuer audience subject claims { name value } } } } }',
    { id: apiClientId },
    admin,
  );
  return result.data?.apiClient.credentials;
}

/** A real token request as the README's recipes send one: the issuer's token as client assertion, with client_id. */
async function tokenStatus(clientId: string, token: string): Promise<number> {
  const response = await fetch(`${kw.baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: token,
    }),
  });
  return response.status;
}

function timestamps(lifetime: number) {
  const iat = Math.floor(Date.now() / 1000);
  return { iat, nbf: iat, exp: iat + lifetime };
}

async function openClient(page: Page, name: string) {
  await page.getByRole('link', { name: 'API Clients' }).first().click();
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

async function openFederatedDialog(page: Page): Promise<Locator> {
  await page.getByRole('region', { name: 'Manage Secrets' }).getByRole('button', { name: 'Add credential' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add credential' });
  await dialog.getByLabel('Type').selectOption({ label: 'Federated (workload identity)' });
  await dialog.getByRole('group', { name: 'Where the workload runs' }).waitFor();
  return dialog;
}

/** The example token the dialog shows, read as the JSON it is. */
async function exampleToken(dialog: Locator): Promise<Record<string, unknown>> {
  return JSON.parse((await dialog.getByRole('figure', { name: 'A token this credential accepts' }).locator('pre').textContent()) ?? '');
}

describe('Federated credentials in Manage Secrets', () => {
  it('fills a GitHub Actions rule from repository and branch, shows a matching token, creates it, lists it, and a real job token gets an access token', async () => {
    const client = await newClient('Deploy from CI');
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClient(page, 'Deploy from CI');
    const section = page.getByRole('region', { name: 'Manage Secrets' });
    const dialog = await openFederatedDialog(page);

    const presets = dialog.getByRole('group', { name: 'Where the workload runs' });
    expect(await presets.getByRole('radio').evaluateAll((radios) => radios.map((radio) => radio.labels?.[0]?.textContent))).toEqual([
      'GitHub Actions',
      'Kubernetes',
      'Other OIDC issuer',
    ]);
    expect(await presets.getByLabel('GitHub Actions').isChecked()).toBe(true);
    const issuer = dialog.getByRole('textbox', { name: 'Issuer URL' });
    const audience = dialog.getByRole('textbox', { name: 'Audience' });
    const subject = dialog.getByRole('textbox', { name: 'Subject' });
    expect(await issuer.inputValue()).toBe(GITHUB_ISSUER);
    // The README's workflow asks GitHub for audience=keyward.
    expect(await audience.inputValue()).toBe('keyward');
    expect(await subject.inputValue()).toBe('');
    expect(await dialog.getByText('* stands for any run of characters').count()).toBe(1);

    await dialog.getByLabel('Repository').fill('acme/api');
    await dialog.getByRole('textbox', { name: 'Branch' }).fill('release');
    expect(await subject.inputValue()).toBe('repo:acme/api:ref:refs/heads/release');
    expect(await exampleToken(dialog)).toEqual({
      iss: GITHUB_ISSUER,
      aud: 'keyward',
      sub: 'repo:acme/api:ref:refs/heads/release',
      repository: 'acme/api',
      repository_owner: 'acme',
      ref: 'refs/heads/release',
    });

    await dialog.getByRole('group', { name: 'The job runs on' }).getByLabel('Environment').check();
    await dialog.getByRole('textbox', { name: 'Environment' }).fill('production');
    expect(await subject.inputValue()).toBe('repo:acme/api:environment:production');
    expect(await exampleToken(dialog)).toMatchObject({ sub: 'repo:acme/api:environment:production', environment: 'production' });
    await dialog.getByRole('group', { name: 'The job runs on' }).getByLabel('Branch').check();
    await dialog.getByRole('textbox', { name: 'Branch' }).fill('main');
    expect(await subject.inputValue()).toBe('repo:acme/api:ref:refs/heads/main');

    // Every filled field stays the user's: a pattern for the subject, a claim condition, and an Enterprise Server issuer.
    await subject.fill('repo:acme/*:ref:refs/heads/main');
    await dialog.getByRole('button', { name: 'Add condition' }).click();
    await dialog.getByLabel('Claim 1', { exact: true }).fill('job_workflow_ref');
    await dialog.getByLabel('Value 1', { exact: true }).fill('acme/*/.github/workflows/deploy.yml@refs/heads/main');
    await issuer.fill(enterpriseGithub.url);
    await audience.fill('keyward-ci');
    expect(await exampleToken(dialog)).toEqual({
      iss: enterpriseGithub.url,
      aud: 'keyward-ci',
      sub: 'repo:acme/*:ref:refs/heads/main',
      repository: 'acme/api',
      repository_owner: 'acme',
      ref: 'refs/heads/main',
      job_workflow_ref: 'acme/*/.github/workflows/deploy.yml@refs/heads/main',
    });
    expect(await dialog.getByText('the token’s value must match it').count()).toBe(1);

    await dialog.getByLabel('Description').fill('acme deploy workflow');
    await dialog.getByRole('button', { name: '30 days' }).click();
    await dialog.getByRole('button', { name: 'Create' }).click();
    // Nothing secret to reveal: the dialog closes and focus returns to Add.
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const add = section.getByRole('button', { name: 'Add credential' });
    await expect.poll(() => add.evaluate((button) => button === button.ownerDocument.activeElement)).toBe(true);

    const rule = {
      issuer: enterpriseGithub.url,
      audience: 'keyward-ci',
      subject: 'repo:acme/*:ref:refs/heads/main',
      claims: [{ name: 'job_workflow_ref', value: 'acme/*/.github/workflows/deploy.yml@refs/heads/main' }],
    };
    expect(await storedRules(client.id)).toEqual([{ type: 'FEDERATED', description: 'acme deploy workflow', federated: rule }]);

    const row = section.locator('tbody tr').filter({ hasText: 'acme deploy workflow' });
    await row.getByText('Active', { exact: true }).waitFor();
    const cells = row.locator('td');
    expect(await cells.first().textContent()).toBe('Federated');
    // The whole subject pattern, and where the tokens come from.
    expect(await cells.nth(2).locator('summary').textContent()).toBe(rule.subject);
    expect(await cells.nth(2).textContent()).toContain(`Tokens from ${new URL(enterpriseGithub.url).host}`);
    expect(await cells.nth(6).textContent()).toBe('Never');
    expect(await row.locator('button').allTextContents()).toEqual(['Disable', 'Delete']);

    const job = (claims: Record<string, unknown> = {}) =>
      signedBy(enterpriseGithub, {
        iss: enterpriseGithub.url,
        aud: 'keyward-ci',
        sub: 'repo:acme/api:ref:refs/heads/main',
        repository: 'acme/api',
        repository_owner: 'acme',
        ref: 'refs/heads/main',
        job_workflow_ref: 'acme/api/.github/workflows/deploy.yml@refs/heads/main',
        jti: randomUUID(),
        ...timestamps(300),
        ...claims,
      });
    expect(await tokenStatus(client.clientId, await job())).toBe(200);
    expect(await tokenStatus(client.clientId, await job({ sub: 'repo:evil/api:ref:refs/heads/main', repository: 'evil/api' }))).toBe(401);
    expect(await tokenStatus(client.clientId, await job({ sub: 'repo:acme/api:ref:refs/heads/dev', ref: 'refs/heads/dev' }))).toBe(401);
    await expect
      .poll(
        async () => {
          await page.reload();
          return cells.nth(6).textContent();
        },
        { timeout: 10_000 },
      )
      .not.toBe('Never');

    // The row's Disable names the credential by its subject, and the confirmation shows the whole rule.
    await section.getByRole('button', { name: `Disable federated credential ${rule.subject}` }).click();
    const confirm = page.getByRole('dialog', { name: `Disable federated credential ${rule.subject}` });
    expect(await confirm.getByRole('definition').allTextContents()).toEqual(
      expect.arrayContaining([
        'Federated',
        'acme deploy workflow',
        rule.issuer,
        rule.audience,
        rule.subject,
        `job_workflow_ref = ${rule.claims[0].value}`,
      ]),
    );
    await confirm.getByRole('button', { name: 'Disable', exact: true }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await row.getByText('Disabled', { exact: true }).waitFor();
    expect(await tokenStatus(client.clientId, await job())).toBe(401);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('fills a Kubernetes rule from the cluster’s issuer, namespace and service account; the pod’s projected token gets an access token, another account’s does not', async () => {
    const client = await newClient('Payments worker');
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClient(page, 'Payments worker');
    const dialog = await openFederatedDialog(page);
    await dialog.getByRole('group', { name: 'Where the workload runs' }).getByLabel('Kubernetes').check();
    const issuer = dialog.getByRole('textbox', { name: 'Issuer URL' });
    // GitHub's issuer is not a cluster's: the field is emptied for the cluster's own.
    expect(await issuer.inputValue()).toBe('');
    expect(await dialog.getByLabel('Repository').count()).toBe(0);
    await issuer.fill(cluster.url);
    await dialog.getByLabel('Namespace').fill('payments');
    await dialog.getByLabel('Service account').fill('worker');
    expect(await dialog.getByRole('textbox', { name: 'Subject' }).inputValue()).toBe('system:serviceaccount:payments:worker');
    expect(await exampleToken(dialog)).toEqual({
      iss: cluster.url,
      aud: ['keyward'],
      sub: 'system:serviceaccount:payments:worker',
      'kubernetes.io': { namespace: 'payments', serviceaccount: { name: 'worker' } },
    });
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect((await storedRules(client.id))[0].federated).toEqual({
      issuer: cluster.url,
      audience: 'keyward',
      subject: 'system:serviceaccount:payments:worker',
      claims: [],
    });
    await page
      .getByRole('region', { name: 'Manage Secrets' })
      .getByText('system:serviceaccount:payments:worker', { exact: true })
      .waitFor();

    // A long subject (Kubernetes allows 63-character namespaces and far longer account names) is wrapped, not cut off.
    const longSubject = `system:serviceaccount:reconciliation-nightly-batch-exporter-for-the-european-region:${'worker-'.repeat(12)}x`;
    await openFederatedDialog(page);
    await dialog.getByRole('group', { name: 'Where the workload runs' }).getByLabel('Other OIDC issuer').check();
    await dialog.getByRole('textbox', { name: 'Issuer URL' }).fill(cluster.url);
    await dialog.getByRole('textbox', { name: 'Subject' }).fill(longSubject);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const summary = page.locator('main tbody summary', { hasText: longSubject });
    await summary.waitFor();
    expect(await summary.textContent()).toBe(longSubject);
    const fit = await summary.evaluate((element) => {
      // Where the text itself ends, even when it spills out of its box.
      const text = element.ownerDocument.createRange();
      text.selectNodeContents(element.querySelector('code')!);
      return { text: text.getBoundingClientRect().right, cell: element.closest('td')!.getBoundingClientRect().right };
    });
    expect(fit.text, 'the subject runs past its cell').toBeLessThanOrEqual(fit.cell);

    const podToken = (sub: string, name: string) =>
      signedBy(cluster, {
        iss: cluster.url,
        aud: ['keyward'],
        sub,
        'kubernetes.io': { namespace: 'payments', serviceaccount: { name, uid: randomUUID() } },
        ...timestamps(600),
      });
    expect(await tokenStatus(client.clientId, await podToken('system:serviceaccount:payments:worker', 'worker'))).toBe(200);
    expect(await tokenStatus(client.clientId, await podToken('system:serviceaccount:payments:admin', 'admin'))).toBe(401);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('puts the API’s refusal of an issuer on the Issuer URL field and of a claim condition on the conditions; at most 10 conditions', async () => {
    const client = await newClient('Refused rules');
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClient(page, 'Refused rules');
    const dialog = await openFederatedDialog(page);
    await dialog.getByRole('group', { name: 'Where the workload runs' }).getByLabel('Other OIDC issuer').check();
    const issuer = dialog.getByRole('textbox', { name: 'Issuer URL' });
    const nobody = `${issuers.base}/nobody`;
    await issuer.fill(nobody);
    await dialog.getByRole('textbox', { name: 'Subject' }).fill('build-agent-7');

    // What the API answers for the same rule, word for word.
    const direct = await kw.gql(
      'mutation($clientId: ID!, $input: CreateFederatedCredentialInput!) { createFederatedCredential(clientId: $clientId, input: $input) { id } }',
      {
        clientId: client.id,
        input: {
          issuer: nobody,
          audience: 'keyward',
          subject: 'build-agent-7',
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
      admin,
    );
    expect(direct.errors?.[0].extensions?.field).toBe('issuer');
    const refusal = direct.errors?.[0].message as string;
    expect(refusal).toMatch(/discovery document/);

    await dialog.getByRole('button', { name: 'Create' }).click();
    const issuerError = dialog.locator('#credential-issuer-error');
    await issuerError.waitFor();
    expect(await issuerError.textContent()).toBe(refusal);
    expect(await dialog.getByRole('alert').count()).toBe(0);
    expect(await issuer.getAttribute('aria-invalid')).toBe('true');
    expect((await issuer.getAttribute('aria-describedby'))?.split(' ')).toContain('credential-issuer-error');
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('credential-issuer');

    // A real issuer, but a condition on aud, which has a field of its own.
    await issuer.fill(cluster.url);
    await dialog.getByRole('button', { name: 'Add condition' }).click();
    await dialog.getByLabel('Claim 1', { exact: true }).fill('aud');
    await dialog.getByLabel('Value 1', { exact: true }).fill('anything');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const claimsError = dialog.locator('#credential-claims-error');
    await claimsError.waitFor();
    expect(await claimsError.textContent()).toMatch(/^Claim condition 1 names aud, which cannot be a condition/);
    expect(await dialog.locator('#credential-issuer-error').count()).toBe(0);
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('credential-claim-1-name');
    expect(await storedRules(client.id)).toEqual([]);

    // Conditions come and go by row, up to the API's 10.
    await dialog.getByRole('button', { name: 'Remove condition 1' }).click();
    expect(await dialog.getByLabel('Claim 1', { exact: true }).count()).toBe(0);
    for (let n = 1; n <= 10; n++) await dialog.getByRole('button', { name: 'Add condition' }).click();
    expect(await dialog.getByLabel('Claim 10', { exact: true }).count()).toBe(1);
    expect(await dialog.getByRole('button', { name: 'Add condition' }).count()).toBe(0);
    expect(await dialog.getByText('That is the most a credential can have (10).').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Remove condition 3' }).click();
    expect(await dialog.getByRole('button', { name: 'Add condition' }).count()).toBe(1);

    expect(problems).toEqual([]);
    await context.close();
  });
});
