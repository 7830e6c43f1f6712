import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';

const PERMISSION_LABELS = [
  'Security Client Administration',
  'Security Create New Client',
  'Security Edit Clients',
  'Security Remove Clients',
  'Security Client Secret Administration',
  'Security Create New Client Secret',
  'Security Remove Client Secrets',
  'Security Administration',
  'Vault Administration',
  'Vault Manage Credentials',
];
// Every cell quoted (the export quotes them all, so no reader has to guess where a cell ends).
const CSV_HEADER = [
  'occurred_at',
  'actor_type',
  'actor',
  'actor_id',
  'action',
  'target_type',
  'target',
  'target_id',
  'api_client_id',
  'changes',
  'ip_address',
  'user_agent',
  'request_id',
  'event_id',
]
  .map((name) => `"${name}"`)
  .join(',');

let kw: TestKeyward;
let browser: Browser;
let admin: string;

beforeAll(async () => {
  kw = await startKeyward();
  admin = await kw.login();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kw?.destroy();
});

async function openSecurity(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' }).click();
  await page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
}

/** "Add team": a name and exactly the permissions given, by their labels. */
async function addTeam(page: Page, name: string, permissions: string[]) {
  await page.getByRole('region', { name: 'Teams' }).getByRole('button', { name: 'Add team' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add team' });
  await dialog.getByLabel('Name').fill(name);
  for (const label of permissions) await dialog.getByRole('checkbox', { name: label, exact: true }).check();
  await dialog.getByRole('button', { name: 'Add team' }).click();
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
}

function rowOf(table: Locator, text: string): Locator {
  return table.locator('tbody tr', { hasText: text });
}

describe('the Security page in Chromium', () => {
  it('gives a new user a team that sees secrets read-only; their changes are audited and exported; disabling them ends their session', async () => {
    const billing = await kw.clientWithSecret(admin, { client: { name: 'Billing service' } });
    const { page, context, problems } = await openPage(browser, { downloads: true });
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openSecurity(page);

    // Teams: one checkbox per permission, labelled as in docs/permissions.md#the-permissions.
    const teams = page.getByRole('region', { name: 'Teams' });
    await rowOf(teams, 'Administrators').waitFor();
    await teams.getByRole('button', { name: 'Add team' }).click();
    const teamDialog = page.getByRole('dialog', { name: 'Add team' });
    const permissionGroup = teamDialog.getByRole('group', { name: 'Permissions' });
    expect(await permissionGroup.locator('label').allTextContents()).toEqual(PERMISSION_LABELS);
    await teamDialog.getByRole('button', { name: 'Cancel' }).click();

    // A team with only SECRET_ADMINISTRATION: it sees clients read-only, to reach their secrets and certificates.
    await addTeam(page, 'Secret viewers', ['Security Client Secret Administration']);
    const secretViewers = rowOf(teams, 'Secret viewers');
    // The list refetches after the dialog closes: wait for the new row rather than read it at once.
    await expect.poll(() => secretViewers.locator('.tag').allTextContents()).toEqual(['Security Client Secret Administration']);
    expect(await secretViewers.locator('td').nth(2).textContent()).toBe('No members');

    // The lock-out guard: the API's refusal is shown as written, and nothing changes.
    await teams.getByRole('button', { name: 'Delete team Administrators' }).click();
    const deleteTeam = page.getByRole('dialog', { name: 'Delete team' });
    await deleteTeam.getByRole('button', { name: 'Delete' }).click();
    await expect
      .poll(() => deleteTeam.getByRole('alert').textContent())
      .toContain('would leave this tenant without an active user who holds SECURITY_ADMINISTRATION');
    await deleteTeam.getByRole('button', { name: 'Cancel' }).click();
    await rowOf(teams, 'Administrators').waitFor();

    // Users: add one in that team; the temporary password is shown once, masked until asked.
    const users = page.getByRole('region', { name: 'Users' });
    await users.getByRole('button', { name: 'Add user' }).click();
    const userDialog = page.getByRole('dialog', { name: 'Add user' });
    await userDialog.getByLabel('Email').fill('sam@example.com');
    await userDialog.getByLabel('Name').fill('Sam Viewer');
    await userDialog.getByRole('checkbox', { name: 'Secret viewers' }).check();
    await userDialog.getByRole('button', { name: 'Add user' }).click();
    const passwordField = userDialog.getByLabel('Temporary password', { exact: true });
    await passwordField.waitFor();
    expect(await passwordField.inputValue()).toMatch(/^•+$/);
    expect(await userDialog.textContent()).toContain('Copy this temporary password now. It cannot be retrieved after you select Continue.');
    await userDialog.getByRole('button', { name: 'Show temporary password' }).click();
    const temporaryPassword = await passwordField.inputValue();
    expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{24}$/);
    await userDialog.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.content()).not.toContain(temporaryPassword);

    const sam = rowOf(users, 'sam@example.com');
    await expect
      .poll(() => sam.locator('td').allTextContents())
      .toEqual([
        'Sam Viewer',
        'sam@example.com',
        'Secret viewers',
        'ActiveMust change password',
        expect.any(String),
        'Never',
        'EditDisable',
      ]);
    await expect.poll(() => secretViewers.locator('td').nth(2).textContent()).toBe('1 member');

    // Sam signs in with the temporary password and must choose their own first.
    const samPage = await openPage(browser);
    await samPage.page.goto(`${kw.baseUrl}/`);
    await samPage.page.getByLabel('Email').fill('sam@example.com');
    await samPage.page.getByLabel('Password').fill(temporaryPassword);
    await samPage.page.getByRole('button', { name: 'Sign in' }).click();
    await samPage.page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    await samPage.page.getByLabel('Current password').fill(temporaryPassword);
    await samPage.page.getByLabel('New password', { exact: true }).fill('sams-own-password-2026');
    await samPage.page.getByLabel('New password again').fill('sams-own-password-2026');
    await samPage.page.getByRole('button', { name: 'Change password' }).click();
    await samPage.page.getByRole('heading', { name: 'API Clients' }).waitFor();
    const samNavigation = samPage.page.getByRole('navigation', { name: 'Main' });
    expect(await samNavigation.getByRole('link').allTextContents()).toEqual(['API Clients', 'Expiring soon', 'My API keys']);

    // The client page: the secret is listed, with no control to add, rotate or delete one.
    await samPage.page.getByRole('link', { name: 'Billing service' }).click();
    await samPage.page.getByRole('heading', { name: 'Billing service', level: 1 }).waitFor();
    await samPage.page.getByText('You can view this API client but not change it.').waitFor();
    expect(await samPage.page.getByRole('button', { name: /Save|Delete API client/ }).count()).toBe(0);
    expect(await samPage.page.getByRole('link', { name: 'View audit trail' }).count()).toBe(0);
    const secrets = samPage.page.getByRole('region', { name: 'Manage Secrets' });
    const credentials = secrets.getByRole('table', { name: 'Secrets and certificates' });
    await expect.poll(() => credentials.locator('tbody tr').count()).toBe(1);
    const hint = (await kw.sql<{ secret_hint: string }>('select secret_hint from credential where id = ?', [billing.secretId]))[0]
      .secret_hint;
    expect(await credentials.locator('tbody tr td').allTextContents()).toEqual([
      'Client secret',
      '—',
      hint,
      expect.stringContaining('by Administrator'),
      expect.stringContaining('in 30 days'),
      'Active',
      'Never',
    ]);
    expect(await credentials.locator('th').allTextContents()).not.toContain('Actions');
    expect(await samPage.page.getByRole('button', { name: /Add secret|Rotate|Delete/ }).count()).toBe(0);
    expect(samPage.problems).toEqual([]);

    // Disabling Sam ends their session at once: their next navigation lands on the sign-in page.
    await sam.getByRole('button', { name: 'Disable sam@example.com' }).click();
    const disable = page.getByRole('dialog', { name: 'Disable user' });
    expect(await disable.textContent()).toContain('Their sessions end at once');
    expect(await disable.textContent()).toContain('their personal API keys are suspended');
    await disable.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => sam.locator('.badge').textContent()).toBe('Disabled');
    await samNavigation.getByRole('link', { name: 'My API keys' }).click();
    await samPage.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect.poll(() => new URL(samPage.page.url()).pathname).toBe('/login');
    await samPage.page.reload();
    await samPage.page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(samPage.problems).toEqual([]);
    await samPage.context.close();

    await sam.getByRole('button', { name: 'Enable sam@example.com' }).click();
    await expect.poll(() => sam.locator('.badge').textContent()).toBe('Active');

    // The audit trail shows each change, with who made it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    const audit = page.getByRole('table');
    const eventRow = (action: string, target: string) =>
      audit
        .locator('tbody tr')
        .filter({ has: page.locator('code', { hasText: new RegExp(`^${action}$`) }) })
        .filter({ hasText: target });
    await eventRow('team.created', 'Secret viewers').waitFor();
    expect(await eventRow('user.created', 'sam@example.com').locator('td').nth(1).textContent()).toContain('Administrator');
    expect(await eventRow('user.password_changed', 'sam@example.com').locator('td').nth(1).textContent()).toContain('Sam Viewer');
    await eventRow('user.disabled', 'sam@example.com').waitFor();
    await eventRow('user.enabled', 'sam@example.com').waitFor();

    // Export CSV downloads the same trail.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^keyward-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines.some((line) => line.includes(',"team.created",') && line.includes('Secret viewers'))).toBe(true);
    expect(lines.some((line) => line.includes(',"user.created",') && line.includes('sam@example.com'))).toBe(true);
    expect(lines.some((line) => line.includes(',"user.password_changed",'))).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('changes the tenant limits, with the API’s message at the field it names', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openSecurity(page);
    const limits = page.getByRole('region', { name: 'Tenant limits' });
    const clients = (await kw.sql<{ n: number }>('select count(*)::int as n from api_client'))[0].n;
    await limits.getByText(`This tenant holds ${clients} of 20 API clients.`).waitFor();
    expect(await limits.getByLabel('Max API clients').inputValue()).toBe('20');
    expect(await limits.getByLabel('Max secrets & certificates per client').inputValue()).toBe('5');
    expect(await limits.getByLabel('Max credential lifetime (days)').inputValue()).toBe('365');

    await limits.getByLabel('Max credential lifetime (days)').fill('400');
    await limits.getByRole('button', { name: 'Save limits' }).click();
    const lifetimeError = limits.locator('#limit-max-lifetime-error');
    await expect.poll(() => lifetimeError.textContent()).toContain('from 1 to 365 (the system maximum)');
    expect(await limits.getByLabel('Max credential lifetime (days)').getAttribute('aria-invalid')).toBe('true');

    await limits.getByLabel('Max credential lifetime (days)').fill('90');
    await limits.getByLabel('Max API clients').fill('10');
    await limits.getByRole('button', { name: 'Save limits' }).click();
    await limits.getByRole('status').getByText('Saved.').waitFor();
    await limits.getByText(`This tenant holds ${clients} of 10 API clients.`).waitFor();
    expect(await lifetimeError.count()).toBe(0);
    expect((await kw.gql('{ viewer { tenant { maxClients maxCredentialLifetimeDays } } }', {}, admin)).data?.viewer.tenant).toEqual({
      maxClients: 10,
      maxCredentialLifetimeDays: 90,
    });

    // The token signing algorithm: ES256 by default; a change says when new tokens start using it.
    const algorithm = limits.getByLabel('Token signing algorithm');
    expect(await algorithm.inputValue()).toBe('ES256');
    expect(await algorithm.locator('option').allTextContents()).toEqual(['ES256 (default)', 'RS256', 'EdDSA']);
    expect(await limits.locator('#token-signing-algorithm-help').textContent()).toContain(
      'resource servers that pin an algorithm must allow it first',
    );
    await algorithm.selectOption('RS256');
    await limits.getByRole('button', { name: 'Save limits' }).click();
    await limits
      .getByRole('status')
      .getByText(/^Saved\. New tokens are signed with RS256 from .+ \(in about 6 minutes\)/)
      .waitFor();
    await limits
      .locator('#token-signing-algorithm-help')
      .getByText(/New tokens are signed with RS256 from/)
      .waitFor();
    expect(await algorithm.inputValue()).toBe('RS256');
    expect((await kw.gql('{ viewer { tenant { tokenSigningAlgorithm } } }', {}, admin)).data?.viewer.tenant).toEqual({
      tokenSigningAlgorithm: 'RS256',
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('edits the scope catalog; the built-in Keyward Management API is read-only and a scope in use is not deleted', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openSecurity(page);
    const catalog = page.getByRole('region', { name: 'Scope catalog' });

    const builtIn = catalog.getByRole('article', { name: /Keyward Management API/ });
    expect(await builtIn.textContent()).toContain('Built-in');
    expect(await builtIn.getByRole('button').count()).toBe(0);
    expect(await builtIn.locator('tbody tr').count()).toBeGreaterThan(0);

    await catalog.getByRole('button', { name: 'Add API' }).click();
    const apiDialog = page.getByRole('dialog', { name: 'Add API' });
    await apiDialog.getByLabel('Name').fill('Inventory API');
    await apiDialog.getByLabel('Audience').fill('inventory');
    await apiDialog.getByRole('button', { name: 'Add API' }).click();
    await expect.poll(() => apiDialog.locator('#api-audience-error').textContent()).toContain('not an absolute URI');
    await apiDialog.getByLabel('Audience').fill('https://inventory.example.com');
    await apiDialog.getByLabel('Description').fill('Stock levels');
    await apiDialog.getByRole('button', { name: 'Add API' }).click();
    const inventory = catalog.getByRole('article', { name: 'Inventory API' });
    await inventory.getByText('https://inventory.example.com').waitFor();
    await inventory.getByText('This API has no scopes yet.').waitFor();

    for (const [name, description] of [
      ['inventory:read', 'Read stock'],
      ['inventory:write', 'Change stock'],
    ]) {
      await inventory.getByRole('button', { name: 'Add scope to Inventory API' }).click();
      const scopeDialog = page.getByRole('dialog', { name: 'Add scope' });
      await scopeDialog.getByLabel('Name').fill(name);
      await scopeDialog.getByLabel('Description').fill(description);
      await scopeDialog.getByRole('button', { name: 'Add scope' }).click();
      await rowOf(inventory, name).waitFor();
    }

    await inventory.getByRole('button', { name: 'Edit scope inventory:read' }).click();
    const editScope = page.getByRole('dialog', { name: 'Edit scope' });
    expect(await editScope.getByLabel('Name').getAttribute('readonly')).not.toBeNull();
    await editScope.getByLabel('Description').fill('Read stock levels');
    await editScope.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => rowOf(inventory, 'inventory:read').locator('td').nth(1).textContent()).toBe('Read stock levels');

    // A scope an API client holds is not deleted; the API names the client.
    const holder = await kw.gql(
      'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { clientId } }',
      { input: { name: 'Warehouse sync', contactEmails: ['ops@example.com'], scopes: ['inventory:read'] } },
      admin,
    );
    const holderClientId = holder.data?.createApiClient.clientId;
    expect(holderClientId).toBeTruthy();
    await inventory.getByRole('button', { name: 'Delete scope inventory:read' }).click();
    const deleteScope = page.getByRole('dialog', { name: 'Delete scope' });
    await deleteScope.getByRole('button', { name: 'Delete' }).click();
    await expect
      .poll(() => deleteScope.getByRole('alert').textContent())
      .toBe(`The scope "inventory:read" is granted to 1 API client: Warehouse sync (${holderClientId}). Remove it from them first.`);
    await deleteScope.getByRole('button', { name: 'Cancel' }).click();

    await inventory.getByRole('button', { name: 'Delete scope inventory:write' }).click();
    await page.getByRole('dialog', { name: 'Delete scope' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => inventory.locator('tbody tr').count()).toBe(1);
    expect(await rowOf(inventory, 'inventory:read').count()).toBe(1);

    await inventory.getByRole('button', { name: 'Edit API Inventory API' }).click();
    const editApi = page.getByRole('dialog', { name: 'Edit API' });
    await editApi.getByLabel('Name').fill('Stock API');
    await editApi.getByRole('button', { name: 'Save changes' }).click();
    await catalog.getByRole('article', { name: 'Stock API' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
