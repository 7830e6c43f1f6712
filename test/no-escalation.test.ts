import { request as httpsRequest } from 'node:https';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTROSPECTION_SCOPE, MANAGEMENT_API } from '../server/kernel/management-scopes.js';
import { Permission } from '../server/kernel/permissions.js';
import { startKeyward, type TestKeyward } from './support/keyward.js';

// docs/permissions.md#no-escalation: nobody — person, API key or management token — gives an API client more power than they hold.
let kw: TestKeyward;
let admin: string;

beforeAll(async () => {
  kw = await startKeyward();
  admin = await kw.login();
});
afterAll(async () => {
  await kw?.destroy();
});

const KEYWARD_SCOPES = [
  ...MANAGEMENT_API.scopes.map((s) => ({ name: s.name, permission: s.permission })),
  {
    name: INTROSPECTION_SCOPE.name,
    permission: 'CLIENT_ADMINISTRATION',
  },
];

async function tokenFor(clientId: string, secret: string, scope: string): Promise<string> {
  const response = await fetch(`${kw.baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
  });
  const body = (await response.json()) as { access_token: string };
  if (response.status !== 200) throw new Error(`token request failed: ${JSON.stringify(body)}`);
  return body.access_token;
}

async function gqlWithToken(token: string, query: string, variables?: Record<string, unknown>, baseUrl = kw.baseUrl): Promise<any> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

const CREATE = 'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateApiClientInput!) { updateApiClient(id: $id, input: $input) { id } }';

describe('granting keyward:* scopes', () => {
  it('is refused to a user holding only CLIENT_CREATE and SECRET_CREATE for every keyward:* scope beyond those two, naming scope and permission', async () => {
    const creator = await kw.userWith([Permission.CLIENT_CREATE, Permission.SECRET_CREATE]);
    const held = ['CLIENT_CREATE', 'SECRET_CREATE'];
    for (const scope of KEYWARD_SCOPES.filter((s) => !held.includes(s.permission))) {
      const result = await kw.gql(
        CREATE,
        { input: { name: `Wants ${scope.name}`, contactEmails: ['ops@example.com'], scopes: ['orders:read', scope.name] } },
        creator,
      );
      expect(result.errors?.[0].extensions?.code, scope.name).toBe('FORBIDDEN');
      expect(result.errors?.[0].message).toContain(scope.name);
      expect(result.errors?.[0].message).toContain(scope.permission);
    }
    expect(await kw.sql("select id from api_client where name like 'Wants %'")).toEqual([]);
    // docs/permissions.md#no-escalation: the scopes of permissions the user holds, and scopes of other APIs, may be granted.
    const plain = await kw.gql(
      CREATE,
      {
        input: {
          name: 'Peer',
          contactEmails: ['ops@example.com'],
          scopes: ['orders:read', 'keyward:clients.create', 'keyward:secrets.create'],
        },
      },
      creator,
    );
    expect(plain.errors).toBeUndefined();
  });

  it('is refused on update to an editor without the permission, who may still keep or remove the scopes already there', async () => {
    const client = await kw.gql(
      CREATE,
      { input: { name: 'Has remove', contactEmails: ['ops@example.com'], scopes: ['keyward:clients.remove', 'orders:read'] } },
      admin,
    );
    const id = client.data?.createApiClient.id;
    const editor = await kw.userWith([Permission.CLIENT_EDIT]);
    const escalate = await kw.gql(UPDATE, { id, input: { scopes: ['keyward:clients.remove', 'keyward:secrets.create'] } }, editor);
    expect(escalate.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      scope: 'keyward:secrets.create',
      permission: 'SECRET_CREATE',
    });
    const keep = await kw.gql(
      UPDATE,
      { id, input: { name: 'Has remove, renamed', scopes: ['keyward:clients.remove', 'orders:write'] } },
      editor,
    );
    expect(keep.errors).toBeUndefined();
    const remove = await kw.gql(UPDATE, { id, input: { scopes: [] } }, editor);
    expect(remove.errors).toBeUndefined();
    const [row] = await kw.sql<{ n: number }>(
      'select count(*)::int as n from api_client_scope s join api_client c on c.id = s.api_client_id where c.id = ?',
      [id],
    );
    expect(row.n).toBe(0);
  });

  it('is refused to a management token with keyward:clients.create keyward:secrets.create asking for keyward:clients.remove', async () => {
    const robot = await kw.clientWithSecret(admin, {
      client: { name: 'Provisioning robot', scopes: ['keyward:clients.create', 'keyward:secrets.create'] },
    });
    const token = await tokenFor(robot.clientId, robot.secret, 'keyward:clients.create keyward:secrets.create');
    const minted = await gqlWithToken(token, CREATE, {
      input: { name: 'All-powerful', contactEmails: ['ops@example.com'], scopes: ['keyward:clients.remove'] },
    });
    expect(minted.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      scope: 'keyward:clients.remove',
      permission: 'CLIENT_REMOVE',
    });
    expect(await kw.sql("select id from api_client where name = 'All-powerful'")).toEqual([]);
    const allowed = await gqlWithToken(token, CREATE, {
      input: { name: 'Also a creator', contactEmails: ['ops@example.com'], scopes: ['keyward:clients.create'] },
    });
    expect(allowed.errors).toBeUndefined();
  });
});

describe('management tokens', () => {
  it('lose a scope taken from their client at once: the existing token can no longer delete', async () => {
    const remover = await kw.clientWithSecret(admin, {
      client: { name: 'Remover', scopes: ['keyward:clients.remove', 'keyward:clients.read'] },
    });
    const token = await tokenFor(remover.clientId, remover.secret, 'keyward:clients.remove keyward:clients.read');
    const victims = await Promise.all(
      ['Victim 1', 'Victim 2'].map((name) => kw.gql(CREATE, { input: { name, contactEmails: ['ops@example.com'] } }, admin)),
    );
    const [first, second] = victims.map((v) => v.data?.createApiClient.id);
    expect((await gqlWithToken(token, 'mutation($id: ID!) { deleteApiClient(id: $id) }', { id: first })).data?.deleteApiClient).toBe(first);

    await kw.gql(UPDATE, { id: remover.id, input: { scopes: ['keyward:clients.read'] } }, admin);
    const refused = await gqlWithToken(token, 'mutation($id: ID!) { deleteApiClient(id: $id) }', { id: second });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await kw.sql('select id from api_client where id = ?', [second])).toHaveLength(1);
    // The scope it kept still works.
    expect((await gqlWithToken(token, '{ apiClients { totalCount } }')).data?.apiClients.totalCount).toBeGreaterThan(0);
  });

  it('stay inactive after their client is disabled and enabled again; a new token works', async () => {
    const reader = await kw.clientWithSecret(admin, { client: { name: 'Reader', scopes: ['keyward:clients.read'] } });
    const gateway = await kw.clientWithSecret(admin, { client: { name: 'Gateway', scopes: [INTROSPECTION_SCOPE.name] } });
    const old = await tokenFor(reader.clientId, reader.secret, 'keyward:clients.read');
    const introspect = async (token: string) => {
      const response = await fetch(`${kw.baseUrl}/oauth2/introspect`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${gateway.clientId}:${gateway.secret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ token }),
      });
      return ((await response.json()) as { active: boolean }).active;
    };
    expect(await introspect(old)).toBe(true);

    await kw.gql(UPDATE, { id: reader.id, input: { enabled: false } }, admin);
    await kw.gql(UPDATE, { id: reader.id, input: { enabled: true } }, admin);
    // A token issued in the same second as the disable counts as issued before it.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    expect(await introspect(old)).toBe(false);
    const refused = await gqlWithToken(old, '{ apiClients { totalCount } }');
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const fresh = await tokenFor(reader.clientId, reader.secret, 'keyward:clients.read');
    expect(await introspect(fresh)).toBe(true);
    expect((await gqlWithToken(fresh, '{ apiClients { totalCount } }')).data?.apiClients.totalCount).toBeGreaterThan(0);
  });
});

describe('certificate-bound tokens on /graphql', () => {
  let certificate: { pfx: Buffer; passphrase: string; ca: Buffer; clientId: string };

  /** POST over the mTLS listener with (or without) the client certificate. */
  function mtlsPost(
    path: string,
    body: string,
    headers: Record<string, string>,
    withCertificate = true,
  ): Promise<{ status: number; body: any }> {
    return new Promise((resolve, reject) => {
      const request = httpsRequest(
        `${kw.mtlsUrl}${path}`,
        {
          method: 'POST',
          headers,
          ca: certificate.ca,
          ...(withCertificate ? { pfx: certificate.pfx, passphrase: certificate.passphrase } : {}),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  beforeAll(async () => {
    const created = await kw.gql(
      CREATE,
      {
        input: { name: 'Bound robot', contactEmails: ['ops@example.com'], scopes: ['keyward:clients.read'] },
      },
      admin,
    );
    const { id, clientId } = created.data!.createApiClient;
    const issued = await kw.gql(
      'mutation($id: ID!, $e: DateTimeISO!) { createCertificate(clientId: $id, input: { expiresAt: $e, keyAlgorithm: EC_P256 }) { password bundle { contentBase64 } } }',
      { id, e: new Date(Date.now() + 30 * 86_400_000).toISOString() },
      admin,
    );
    const { password, bundle } = issued.data!.createCertificate;
    const zip = await JSZip.loadAsync(Buffer.from(bundle.contentBase64, 'base64'));
    certificate = {
      pfx: await zip.files[`${clientId}.pfx`].async('nodebuffer'),
      passphrase: password,
      ca: await zip.files['ca-chain.cert.pem'].async('nodebuffer'),
      clientId,
    };
  });

  async function boundToken(): Promise<string> {
    const response = await mtlsPost(
      '/oauth2/token',
      new URLSearchParams({ grant_type: 'client_credentials', client_id: certificate.clientId, scope: 'keyward:clients.read' }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(response.status).toBe(200);
    return response.body.access_token;
  }

  it('is refused without its certificate (UNAUTHENTICATED) and works on the mTLS listener with it', async () => {
    const token = await boundToken();
    const query = JSON.stringify({ query: '{ apiClients { totalCount } }' });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

    const plain = await gqlWithToken(token, '{ apiClients { totalCount } }');
    expect(plain.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(plain.errors?.[0].message).toMatch(/bound to a client certificate/);
    const noCertificate = await mtlsPost('/graphql', query, headers, false);
    expect(noCertificate.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // No session is read there: a request without a Bearer token is simply not signed in.
    const anonymous = await mtlsPost('/graphql', query, { 'content-type': 'application/json' });
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const withCertificate = await mtlsPost('/graphql', query, headers);
    expect(withCertificate.body.errors).toBeUndefined();
    expect(withCertificate.body.data.apiClients.totalCount).toBeGreaterThan(0);
  });
});

describe('reading API clients through other answers', () => {
  it('needs what the apiClient query needs: Credential.apiClient shows a secret creator only the ids, and says the secret was made', async () => {
    const { id } = (await kw.gql(CREATE, { input: { name: 'Hidden details', contactEmails: ['private@example.com'] } }, admin)).data!
      .createApiClient;
    const secretCreator = await kw.userWith([Permission.SECRET_CREATE]);
    const result = await kw.gql(
      'mutation($id: ID!, $e: DateTimeISO!) { createClientSecret(clientId: $id, input: { expiresAt: $e }) { secret credential { id apiClient { id clientId contactEmails } } } }',
      { id, e: new Date(Date.now() + 86_400_000).toISOString() },
      secretCreator,
    );
    expect(JSON.stringify(result)).not.toContain('private@example.com');
    const [error] = result.errors ?? [];
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', changeSaved: true });
    expect(error.message).toMatch(/^Your change was saved \(createClientSecret\)/);
    expect(error.message).toContain('CLIENT_ADMINISTRATION');
    expect(await kw.sql('select id from credential where api_client_id = ?', [id])).toHaveLength(1);
  });

  it('a client creator without CLIENT_ADMINISTRATION gets the new id and client ID; other fields are withheld, never "nothing was changed"', async () => {
    const creator = await kw.userWith([Permission.CLIENT_CREATE]);
    const ids = await kw.gql(CREATE, { input: { name: 'Made by a creator', contactEmails: ['ops@example.com'] } }, creator);
    expect(ids.errors).toBeUndefined();
    expect(ids.data?.createApiClient.clientId).toMatch(/^default-/);

    const more = await kw.gql(
      'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id name contactEmails } }',
      { input: { name: 'Made again', contactEmails: ['ops@example.com'] } },
      creator,
    );
    expect(more.errors?.length).toBeGreaterThan(0);
    for (const error of more.errors ?? []) {
      expect(error.message).not.toMatch(/nothing was changed/i);
      expect(error.message).toMatch(/^Your change was saved \(createApiClient\)/);
    }
    expect(await kw.sql("select id from api_client where name = 'Made again'")).toHaveLength(1);
  });
});
