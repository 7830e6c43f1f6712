import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { Permission } from '../../server/kernel/permissions.js';
import type { TestKeyward } from './keyward.js';

/**
 * Every page of the SPA with real data in it, and its main dialogs: what the layout and accessibility tests walk
 * through. Long values (names, emails, an IPv6 address, a user agent) are in the rows on purpose: they are what
 * pushes a table wider than its area.
 */

export const LONG = {
  clientName: 'payments-reconciliation-nightly-batch-exporter-for-the-european-region-production',
  email: 'integration-platform-operations-emergency-contact@subsidiary.enterprise-example.com',
  ip: '2001:db8:85a3:1234:5678:8a2e:370:7334',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) KeywardLayoutTests/1.0 Chrome/140.0.0.0 Safari/537.36',
} as const;

export const CLIENT_NAME = 'Orders gateway';
export const API_NAME = 'Shipping API';
export const API_KEY_NAME = 'ERP integration';
export const VAULT_NAME = 'Partner orders API';

/** startKeyward's env: requests from the test itself may name the client's address in X-Forwarded-For. */
export const TOUR_ENV = { KEYWARD_TRUSTED_PROXIES: '127.0.0.1/32' };

export interface Tour {
  /** The `id` of CLIENT_NAME, which has a client secret and a certificate. */
  clientId: string;
  /** The `id` of the client named LONG.clientName. */
  longClientId: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

async function gqlAs(
  kw: TestKeyward,
  cookie: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${kw.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  expect(result.errors).toBeUndefined();
  return result.data!;
}

/**
 * Clients with a secret and a certificate, audit events by a user with a long email from an IPv6 address, an API, a scope,
 * a personal API key and vault credentials (one with a long name, header and test URL).
 */
export async function seedTour(kw: TestKeyward, admin: string): Promise<Tour> {
  const orders = await kw.clientWithSecret(admin, { client: { name: CLIENT_NAME, description: 'Takes orders from the web shop.' } });
  await gqlAs(
    kw,
    admin,
    'mutation($clientId: ID!, $input: CreateCertificateInput!) { createCertificate(clientId: $clientId, input: $input) { credential { id } } }',
    { clientId: orders.id, input: { description: 'Warehouse mTLS', expiresAt: new Date(Date.now() + 90 * DAY_MS).toISOString() } },
  );
  const long = await kw.clientWithSecret(admin, {
    client: { name: LONG.clientName, contactEmails: [LONG.email] },
    expiresAt: new Date(Date.now() + 5 * DAY_MS),
  });
  // The long-named user changes the long-named client from an IPv6 address: the audit trail's widest row.
  const operator = await kw.userWith(
    [Permission.CLIENT_ADMINISTRATION, Permission.CLIENT_EDIT, Permission.SECRET_ADMINISTRATION, Permission.SECURITY_ADMINISTRATION],
    { email: LONG.email },
  );
  await gqlAs(
    kw,
    operator,
    'mutation($id: ID!, $input: UpdateApiClientInput!) { updateApiClient(id: $id, input: $input) { id } }',
    {
      id: long.id,
      input: {
        description: `Exports ${LONG.clientName} every night to ${LONG.email}.`,
        contactEmails: [LONG.email, `second-${LONG.email}`],
      },
    },
    { 'x-forwarded-for': LONG.ip, 'user-agent': LONG.userAgent },
  );
  const api = await gqlAs(kw, admin, 'mutation($input: CreateApiResourceInput!) { createApiResource(input: $input) { id } }', {
    input: { name: API_NAME, audience: 'https://shipping.example.com/api', description: 'Shipments and their tracking.' },
  });
  await gqlAs(kw, admin, 'mutation($id: ID!, $input: CreateScopeInput!) { createScope(apiResourceId: $id, input: $input) { id } }', {
    id: api.createApiResource.id,
    input: { name: 'shipments:read', description: 'Read shipments.' },
  });
  await gqlAs(kw, admin, 'mutation($input: CreatePersonalApiKeyInput!) { createPersonalApiKey(input: $input) { token } }', {
    input: { name: API_KEY_NAME },
  });
  const vault = 'mutation($input: VaultCredentialInput!) { createVaultCredential(input: $input) { id } }';
  await gqlAs(kw, admin, vault, {
    input: {
      name: VAULT_NAME,
      description: 'Orders sync with the partner.',
      type: 'API_KEY',
      contactEmails: [LONG.email],
      apiKey: { key: 'pk_live_0123456789abcdef3f9a', name: 'X-Partner-Key' },
      testUrl: 'https://api.partner.example/v1/me',
      expiresAt: new Date(Date.now() + 20 * DAY_MS).toISOString(),
    },
  });
  await gqlAs(kw, admin, vault, {
    input: {
      name: LONG.clientName,
      type: 'OAUTH2',
      contactEmails: [LONG.email],
      oauth2: {
        grant: 'AUTHORIZATION_CODE',
        tokenUrl: `https://identity.${LONG.email.split('@')[1]}/oauth2/v2.0/token`,
        authorizationUrl: `https://identity.${LONG.email.split('@')[1]}/oauth2/v2.0/authorize`,
        clientId: 'c0ffee00-1234-4abc-9def-0123456789ab',
        scopes: ['orders.read', 'offline_access'],
      },
    },
  });
  return { clientId: orders.id, longClientId: long.id };
}

export interface TourPage {
  name: string;
  path: (tour: Tour) => string;
  /** Resolves once the page shows its data. */
  ready: (page: Page) => Promise<void>;
}

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

export const SIGN_IN_PAGE: TourPage = {
  name: 'sign-in',
  path: () => '/login',
  ready: (page) => page.getByRole('heading', { name: 'Sign in to Keyward' }).waitFor(),
};

/** The signed-in pages, each with rows in its tables. */
export const PAGES: TourPage[] = [
  {
    name: 'client list',
    path: () => '/clients',
    ready: async (page) => {
      await page.getByRole('link', { name: CLIENT_NAME }).waitFor();
      await page.getByRole('link', { name: LONG.clientName }).waitFor();
    },
  },
  {
    name: 'add client form',
    path: () => '/clients/new',
    ready: (page) => page.getByRole('button', { name: 'Create API client' }).waitFor(),
  },
  {
    name: 'client page',
    path: (tour) => `/clients/${tour.clientId}`,
    ready: async (page) => {
      // The secret and the certificate.
      await region(page, 'Manage Secrets').locator('tbody tr').nth(1).waitFor();
      await region(page, 'Quick start').waitFor();
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
    },
  },
  {
    name: 'long-named client page',
    path: (tour) => `/clients/${tour.longClientId}`,
    ready: (page) => region(page, 'Manage Secrets').locator('tbody tr').first().waitFor(),
  },
  {
    name: 'audit trail',
    path: () => '/audit',
    ready: (page) => page.locator('main tbody tr', { hasText: LONG.ip }).first().waitFor(),
  },
  {
    name: 'expiring soon',
    path: () => '/expiring',
    ready: (page) => page.locator('main tbody tr', { hasText: LONG.clientName }).waitFor(),
  },
  {
    name: 'my API keys',
    path: () => '/api-keys',
    ready: (page) => page.getByRole('cell', { name: API_KEY_NAME, exact: true }).waitFor(),
  },
  {
    name: 'security',
    path: () => '/security',
    ready: async (page) => {
      await region(page, 'Users').getByText(LONG.email).first().waitFor();
      await region(page, 'Teams').locator('tbody tr').first().waitFor();
      await region(page, 'Tenant limits').waitFor();
      await region(page, 'Scope catalog').getByRole('cell', { name: 'shipments:read', exact: true }).waitFor();
    },
  },
  {
    name: 'vault',
    path: () => '/vault',
    ready: async (page) => {
      const rows = page.getByRole('table', { name: 'Vault credentials' }).locator('tbody tr');
      await rows.filter({ hasText: VAULT_NAME }).waitFor();
      await rows.filter({ hasText: LONG.clientName }).waitFor();
    },
  },
  {
    name: 'account',
    path: () => '/account',
    ready: (page) => page.getByText('This browser').waitFor(),
  },
];

export interface TourDialog {
  name: string;
  page: TourPage;
  /** Opens the dialog from the page once it is ready; returns the dialog. */
  open: (page: Page) => Promise<Locator>;
  title: string | RegExp;
  /** The button that does what the dialog is for. */
  primary: string;
}

const pageNamed = (name: string) => PAGES.find((page) => page.name === name)!;

async function openDialog(page: Page, button: Locator, title: string | RegExp): Promise<Locator> {
  await button.click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  return dialog;
}

const credentials = (page: Page) => region(page, 'Manage Secrets');

export const DIALOGS: TourDialog[] = [
  {
    name: 'Add secret',
    page: pageNamed('client page'),
    open: (page) => openDialog(page, page.getByRole('button', { name: 'Add credential' }), 'Add credential'),
    title: 'Add credential',
    primary: 'Create',
  },
  {
    name: 'Add certificate',
    page: pageNamed('client page'),
    open: async (page) => {
      const dialog = await openDialog(page, page.getByRole('button', { name: 'Add credential' }), 'Add credential');
      await dialog.getByLabel('Type').selectOption({ label: 'Certificate' });
      await dialog.getByLabel('Custom CSR').waitFor();
      return dialog;
    },
    title: 'Add credential',
    primary: 'Create',
  },
  {
    name: 'Add private key JWT (pasted key)',
    page: pageNamed('client page'),
    open: async (page) => {
      const dialog = await openDialog(page, page.getByRole('button', { name: 'Add credential' }), 'Add credential');
      await dialog.getByLabel('Type').selectOption({ label: 'Private key JWT (your public key)' });
      await dialog.getByLabel('Public key (PEM or JWK)').waitFor();
      return dialog;
    },
    title: 'Add credential',
    primary: 'Create',
  },
  {
    name: 'Add private key JWT (JWKS URL)',
    page: pageNamed('client page'),
    open: async (page) => {
      const dialog = await openDialog(page, page.getByRole('button', { name: 'Add credential' }), 'Add credential');
      await dialog.getByLabel('Type').selectOption({ label: 'Private key JWT (your public key)' });
      await dialog.getByRole('group', { name: 'Public key' }).getByLabel('JWKS URL').check();
      await dialog.getByRole('textbox', { name: 'JWKS URL' }).waitFor();
      return dialog;
    },
    title: 'Add credential',
    primary: 'Create',
  },
  {
    name: 'Add federated credential (GitHub Actions)',
    page: pageNamed('client page'),
    open: async (page) => {
      const dialog = await openDialog(page, page.getByRole('button', { name: 'Add credential' }), 'Add credential');
      await dialog.getByLabel('Type').selectOption({ label: 'Federated (workload identity)' });
      // Long values, and a claim condition row: what could push the dialog wider than a phone.
      await dialog.getByLabel('Repository').fill(`acme-enterprise/${LONG.clientName}`);
      await dialog.getByRole('textbox', { name: 'Branch' }).fill('release/2026-12-hotfix-for-the-european-region');
      await dialog.getByRole('button', { name: 'Add condition' }).click();
      await dialog.getByLabel('Claim 1', { exact: true }).fill('job_workflow_ref');
      await dialog.getByRole('figure', { name: 'A token this credential accepts' }).waitFor();
      return dialog;
    },
    title: 'Add credential',
    primary: 'Create',
  },
  {
    name: 'Add federated credential (Kubernetes)',
    page: pageNamed('client page'),
    open: async (page) => {
      const dialog = await openDialog(page, page.getByRole('button', { name: 'Add credential' }), 'Add credential');
      await dialog.getByLabel('Type').selectOption({ label: 'Federated (workload identity)' });
      await dialog.getByRole('group', { name: 'Where the workload runs' }).getByLabel('Kubernetes').check();
      await dialog.getByLabel('Namespace').fill('payments');
      await dialog.getByLabel('Service account').fill('worker');
      await dialog.getByRole('figure', { name: 'A token this credential accepts' }).waitFor();
      return dialog;
    },
    title: 'Add credential',
    primary: 'Create',
  },
  {
    name: 'one-time secret reveal',
    page: pageNamed('client page'),
    open: async (page) => {
      const dialog = await openDialog(page, page.getByRole('button', { name: 'Add credential' }), 'Add credential');
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.getByLabel('Client secret', { exact: true }).waitFor();
      return dialog;
    },
    title: 'Add credential',
    primary: 'Continue',
  },
  {
    name: 'Rotate secret',
    page: pageNamed('client page'),
    open: (page) =>
      openDialog(
        page,
        credentials(page)
          .getByRole('button', { name: /^Rotate secret / })
          .first(),
        /^Rotate secret /,
      ),
    title: /^Rotate secret /,
    primary: 'Rotate',
  },
  {
    name: 'Delete credential',
    page: pageNamed('client page'),
    open: (page) => openDialog(page, credentials(page).getByRole('button', { name: /^Delete certificate / }), /^Delete certificate /),
    title: /^Delete certificate /,
    primary: 'Delete',
  },
  {
    name: 'Delete client',
    page: pageNamed('long-named client page'),
    open: (page) => openDialog(page, page.getByRole('button', { name: 'Delete API client' }), 'Delete API client'),
    title: 'Delete API client',
    primary: 'Delete',
  },
  {
    name: 'audit event',
    page: pageNamed('audit trail'),
    open: (page) =>
      openDialog(
        page,
        page
          .locator('main tbody tr', { hasText: LONG.ip })
          .first()
          .getByRole('button', { name: /^Details of / }),
        'Audit event',
      ),
    title: 'Audit event',
    primary: 'Close',
  },
  {
    name: 'Create API key',
    page: pageNamed('my API keys'),
    open: (page) => openDialog(page, page.getByRole('button', { name: 'Create API key' }), 'Create API key'),
    title: 'Create API key',
    primary: 'Create',
  },
  {
    name: 'Add user',
    page: pageNamed('security'),
    open: (page) => openDialog(page, region(page, 'Users').getByRole('button', { name: 'Add user' }), 'Add user'),
    title: 'Add user',
    primary: 'Add user',
  },
  {
    name: 'Edit user',
    page: pageNamed('security'),
    open: (page) => openDialog(page, region(page, 'Users').getByRole('button', { name: `Edit ${LONG.email}` }), 'Edit user'),
    title: 'Edit user',
    primary: 'Save changes',
  },
  {
    name: 'Add team',
    page: pageNamed('security'),
    open: (page) => openDialog(page, region(page, 'Teams').getByRole('button', { name: 'Add team' }), 'Add team'),
    title: 'Add team',
    primary: 'Add team',
  },
  {
    name: 'Add API',
    page: pageNamed('security'),
    open: (page) => openDialog(page, region(page, 'Scope catalog').getByRole('button', { name: 'Add API', exact: true }), 'Add API'),
    title: 'Add API',
    primary: 'Add API',
  },
  {
    name: 'Add scope',
    page: pageNamed('security'),
    open: (page) => openDialog(page, page.getByRole('button', { name: `Add scope to ${API_NAME}` }), 'Add scope'),
    title: 'Add scope',
    primary: 'Add scope',
  },
  {
    name: 'Add vault credential',
    page: pageNamed('vault'),
    open: (page) => openDialog(page, page.getByRole('button', { name: 'Add credential' }), 'Add vault credential'),
    title: 'Add vault credential',
    primary: 'Add credential',
  },
  {
    name: 'Add vault credential (OAuth 2.0, authorization code)',
    page: pageNamed('vault'),
    open: async (page) => {
      const dialog = await openDialog(page, page.getByRole('button', { name: 'Add credential' }), 'Add vault credential');
      await dialog.getByLabel('Type').selectOption({ label: 'OAuth 2.0 client' });
      await dialog.getByLabel('Grant').selectOption({ label: 'Authorization code' });
      await dialog.getByLabel('Authorization URL').fill(`https://identity.${LONG.email.split('@')[1]}/oauth2/v2.0/authorize`);
      return dialog;
    },
    title: 'Add vault credential',
    primary: 'Add credential',
  },
  {
    name: 'Add vault credential (custom headers)',
    page: pageNamed('vault'),
    open: async (page) => {
      const dialog = await openDialog(page, page.getByRole('button', { name: 'Add credential' }), 'Add vault credential');
      await dialog.getByLabel('Type').selectOption({ label: 'Custom headers' });
      await dialog.getByRole('button', { name: 'Add header' }).click();
      await dialog.getByLabel('Header 2 name').waitFor();
      return dialog;
    },
    title: 'Add vault credential',
    primary: 'Add credential',
  },
  {
    name: 'Edit vault credential',
    page: pageNamed('vault'),
    open: (page) => openDialog(page, page.getByRole('button', { name: `Edit ${VAULT_NAME}` }), `Edit ${VAULT_NAME}`),
    title: `Edit ${VAULT_NAME}`,
    primary: 'Save changes',
  },
  {
    name: 'Delete vault credential',
    page: pageNamed('vault'),
    open: (page) => openDialog(page, page.getByRole('button', { name: `Delete ${LONG.clientName}` }), `Delete ${LONG.clientName}`),
    title: `Delete ${LONG.clientName}`,
    primary: 'Delete',
  },
];

/** Opens a tour page in a signed-in page and waits for its data. */
export async function visit(page: Page, baseUrl: string, tour: Tour, target: TourPage): Promise<void> {
  await page.goto(`${baseUrl}${target.path(tour)}`);
  await target.ready(page);
}
