import { randomUUID } from 'node:crypto';
import { type CryptoKey, decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../server/kernel/clock.js';
import { startKeyward, type TestKeyward } from './support/keyward.js';
import { signedBy, startTestIssuers, type TestIssuer, type TestIssuers } from './support/oidc-issuer.js';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const CREATE = `mutation($clientId: ID!, $input: CreateFederatedCredentialInput!) {
  createFederatedCredential(clientId: $clientId, input: $input) { id type status federated { issuer audience subject claims { name value } } }
}`;

let kw: TestKeyward;
let admin: string;
let issuers: TestIssuers;
let base: string;
let github: TestIssuer;
let kubernetes: TestIssuer;
let other: TestIssuer;

beforeAll(async () => {
  issuers = await startTestIssuers();
  base = issuers.base;
  github = await issuers.add('github');
  kubernetes = await issuers.add('kubernetes');
  other = await issuers.add('other');
  kw = await startKeyward({
    env: {
      KEYWARD_OUTBOUND_ALLOW_PRIVATE: 'true',
      KEYWARD_TOKEN_MAX_FAILURES_PER_CLIENT: '1000',
      KEYWARD_TOKEN_MAX_FAILURES_PER_IP: '1000',
    },
  });
  admin = await kw.login();
});
afterAll(async () => {
  await kw?.destroy();
  await issuers?.close();
});

const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
const now = () => Math.floor(Date.now() / 1000);

const newClient = (name: string) => kw.apiClient(admin, { name, scopes: ['orders:read'] });

async function createCredential(clientId: string, input: Record<string, unknown>) {
  return kw.gql(CREATE, { clientId, input: { expiresAt: inDays(30), ...input } }, admin);
}

/** A token as GitHub Actions mints one for a job of acme/api on main, with `claims` overriding. */
function githubToken(claims: Record<string, unknown> = {}, signer: TestIssuer = github): Promise<string> {
  const iat = now();
  return signedBy(
    signer,
    {
      iss: github.url,
      aud: 'keyward-ci',
      sub: 'repo:acme/api:ref:refs/heads/main',
      repository: 'acme/api',
      repository_owner: 'acme',
      ref: 'refs/heads/main',
      job_workflow_ref: 'acme/api/.github/workflows/deploy.yml@refs/heads/main',
      jti: randomUUID(),
      iat,
      nbf: iat - 5,
      exp: iat + 300,
      ...claims,
    },
    { typ: 'JWT' },
  );
}

/** A projected service-account token as a Kubernetes cluster mints one (no jti here, as before Kubernetes 1.30; later ones have one). */
function kubernetesToken(claims: Record<string, unknown> = {}): Promise<string> {
  const iat = now();
  return signedBy(kubernetes, {
    iss: kubernetes.url,
    aud: ['keyward'],
    sub: 'system:serviceaccount:payments:worker',
    'kubernetes.io': {
      namespace: 'payments',
      pod: { name: 'worker-7d9f', uid: randomUUID() },
      serviceaccount: { name: 'worker', uid: randomUUID() },
    },
    iat,
    nbf: iat,
    exp: iat + 3600,
    ...claims,
  });
}

async function tokenWith(clientId: string, assertion: string) {
  const response = await fetch(`${kw.baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: assertion,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function credentialsOf(id: string): Promise<{ id: string; type: string; lastUsedAt: string | null }[]> {
  await kw.keyward.services.usage.flush();
  const read = await kw.gql('query($id: ID!) { apiClient(id: $id) { credentials { id type lastUsedAt } } }', { id }, admin);
  return read.data?.apiClient.credentials;
}

describe('federated credentials (workload identity federation)', () => {
  it('a GitHub Actions job of a matching repository and branch gets a token; other repositories, branches, audiences, issuers, expired tokens and failed claim conditions are refused', async () => {
    const client = await newClient('Deploy from CI');
    const created = await createCredential(client.id, {
      description: 'acme deploy workflow',
      issuer: github.url,
      audience: 'keyward-ci',
      subject: 'repo:acme/*:ref:refs/heads/main',
      claims: [{ name: 'job_workflow_ref', value: 'acme/*/.github/workflows/deploy.yml@refs/heads/main' }],
    });
    expect(created.errors).toBeUndefined();
    const credential = created.data?.createFederatedCredential;
    expect(credential).toMatchObject({
      type: 'FEDERATED',
      status: 'ACTIVE',
      federated: { issuer: github.url, audience: 'keyward-ci', subject: 'repo:acme/*:ref:refs/heads/main' },
    });
    expect((await credentialsOf(client.id))[0].lastUsedAt).toBeNull();

    const granted = await tokenWith(client.clientId, await githubToken());
    expect(granted.status).toBe(200);
    expect(decodeJwt(granted.body.access_token)).toMatchObject({ client_id: client.clientId, kw_cid: credential.id });
    expect((await credentialsOf(client.id))[0].lastUsedAt).not.toBeNull();

    const refusals: [string, Promise<string>, RegExp][] = [
      [
        'another repository',
        githubToken({ sub: 'repo:evil/api:ref:refs/heads/main', repository: 'evil/api' }),
        /subject \(sub 'repo:evil\/api/,
      ],
      [
        'another branch',
        githubToken({ sub: 'repo:acme/api:ref:refs/heads/dev', ref: 'refs/heads/dev' }),
        /subject \(sub 'repo:acme\/api:ref:refs\/heads\/dev'\)/,
      ],
      ['another audience', githubToken({ aud: 'someone-else' }), /audience \(aud 'someone-else'\)/],
      ['another issuer', githubToken({ iss: other.url }, other), /issuer \(iss '.*\/other'\) is not the credential's issuer/],
      ['a signature by another issuer’s key', githubToken({}, other), /signature does not verify/],
      ['an expired token', githubToken({ iat: now() - 900, nbf: now() - 900, exp: now() - 60 }), /expired/],
      ['a token not valid yet', githubToken({ nbf: now() + 600 }), /not valid yet/],
      [
        'another workflow',
        githubToken({ job_workflow_ref: 'acme/api/.github/workflows/anything.yml@refs/heads/main' }),
        /job_workflow_ref claim \('acme\/api\/.github\/workflows\/anything.yml@refs\/heads\/main'\) does not match/,
      ],
      ['no workflow claim', githubToken({ job_workflow_ref: undefined }), /no job_workflow_ref claim/],
    ];
    for (const [what, token, reason] of refusals) {
      const refused = await tokenWith(client.clientId, await token);
      expect({ what, status: refused.status, error: refused.body.error }).toEqual({ what, status: 401, error: 'invalid_client' });
      expect(refused.body.error_description, what).toMatch(reason);
    }

    // A token's jti is spent: the same token again is refused.
    const once = await githubToken();
    expect((await tokenWith(client.clientId, once)).status).toBe(200);
    const replayed = await tokenWith(client.clientId, once);
    expect(replayed.status).toBe(401);
    expect(replayed.body.error_description).toMatch(/already used/);
  });

  it('a Kubernetes service account gets a token with its projected token (no jti: usable again until it expires); a condition on a nested claim is checked', async () => {
    const client = await newClient('Payments worker');
    const created = await createCredential(client.id, {
      issuer: kubernetes.url,
      audience: 'keyward',
      subject: 'system:serviceaccount:payments:worker',
      claims: [{ name: 'kubernetes.io.namespace', value: 'payments' }],
    });
    expect(created.errors).toBeUndefined();
    const token = await kubernetesToken();
    expect((await tokenWith(client.clientId, token)).status).toBe(200);
    expect((await tokenWith(client.clientId, token)).status).toBe(200);

    const otherNamespace = await tokenWith(
      client.clientId,
      await kubernetesToken({ 'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'worker' } } }),
    );
    expect(otherNamespace.status).toBe(401);
    expect(otherNamespace.body.error_description).toMatch(/kubernetes\.io\.namespace claim \('default'\) does not match/);
    const otherAccount = await tokenWith(client.clientId, await kubernetesToken({ sub: 'system:serviceaccount:payments:admin' }));
    expect(otherAccount.status).toBe(401);
  });

  it('of several matching federated credentials the first created is used, and only it shows lastUsedAt; disabled, it authenticates nothing', async () => {
    const client = await newClient('Two rules');
    const first = await createCredential(client.id, {
      issuer: github.url,
      audience: 'keyward-ci',
      subject: 'repo:acme/api:ref:refs/heads/main',
    });
    const second = await createCredential(client.id, { issuer: github.url, audience: 'keyward-ci', subject: 'repo:acme/?pi:*' });
    const firstId = first.data?.createFederatedCredential.id;
    const secondId = second.data?.createFederatedCredential.id;
    const granted = await tokenWith(client.clientId, await githubToken());
    expect(decodeJwt(granted.body.access_token).kw_cid).toBe(firstId);
    const used = await credentialsOf(client.id);
    expect(used.find((c) => c.id === firstId)?.lastUsedAt).not.toBeNull();
    expect(used.find((c) => c.id === secondId)?.lastUsedAt).toBeNull();

    await kw.gql('mutation($id: ID!) { setCredentialEnabled(id: $id, enabled: false) { status } }', { id: firstId }, admin);
    const next = await tokenWith(client.clientId, await githubToken());
    expect(decodeJwt(next.body.access_token).kw_cid).toBe(secondId);
    // The glob's `?` is one character and nothing more: "repo:acme/api" matches, "repo:acme/xapi" does not.
    const longer = await tokenWith(client.clientId, await githubToken({ sub: 'repo:acme/xapi:ref:refs/heads/main' }));
    expect(longer.status).toBe(401);
  });

  it('refuses at creation, naming the field: a non-https issuer, an unreachable one, one whose discovery names another issuer, a subject of only wildcards, reserved claims', async () => {
    const client = await newClient('Bad rules');
    const liar = await issuers.add('liar', 'https://token.actions.githubusercontent.com');
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ issuer: 'ftp://example.com' }, 'issuer', /must be an https:\/\/ URL/],
      [{ issuer: `${base}/nobody` }, 'issuer', /discovery document/],
      [{ issuer: liar.url }, 'issuer', /names the issuer https:\/\/token\.actions\.githubusercontent\.com; give exactly that/],
      [{ subject: '*' }, 'subject', /every workload of the issuer/],
      [{ subject: ' ' }, 'subject', /subject is required/],
      [{ claims: [{ name: 'aud', value: 'x' }] }, 'claims', /names aud, which cannot be a condition/],
    ];
    for (const [input, field, message] of cases) {
      const refused = await createCredential(client.id, {
        issuer: github.url,
        audience: 'keyward-ci',
        subject: 'repo:acme/api:*',
        ...input,
      });
      expect(refused.errors?.[0].extensions?.field, JSON.stringify(input)).toBe(field);
      expect(refused.errors?.[0].message).toMatch(message);
    }
    expect(await credentialsOf(client.id)).toEqual([]);
  });

  it('follows an issuer that moves its keys to another jwks_uri: its discovery document is read again, at most once a minute', async () => {
    const moving = await issuers.add('moving');
    const client = await newClient('Moving issuer');
    const created = await createCredential(client.id, { issuer: moving.url, audience: 'keyward', subject: 'workload:*' });
    expect(created.errors).toBeUndefined();
    const tokenBy = async (key: CryptoKey, kid: string) =>
      new SignJWT({ sub: 'workload:billing', aud: 'keyward', jti: randomUUID() })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer(moving.url)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key);
    expect((await tokenWith(client.clientId, await tokenBy(moving.privateKey, moving.kid))).status).toBe(200);
    const readsAtCreation = moving.discoveryReads;

    // The issuer rotates to a new key published at a new address; the old address still serves only the old key.
    const next = await generateKeyPair('RS256', { extractable: true });
    moving.published.set('/keys/v2', [{ ...(await exportJWK(next.publicKey)), kid: 'moving-key-2' }]);
    moving.jwksPath = '/keys/v2';
    const rotated = await tokenWith(client.clientId, await tokenBy(next.privateKey, 'moving-key-2'));
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    expect(moving.discoveryReads).toBe(readsAtCreation + 1);

    // A key nobody published is refused, and within the minute it does not make Keyward read the discovery document again.
    const stranger = await generateKeyPair('RS256');
    const refused = await tokenWith(client.clientId, await tokenBy(stranger.privateKey, 'moving-key-3'));
    expect(refused.status).toBe(401);
    expect(refused.body.error_description).toMatch(/signature does not verify with the issuer's published keys/);
    expect(moving.discoveryReads).toBe(readsAtCreation + 1);
  });

  it('counts towards the limit of 5 credentials', async () => {
    const client = await newClient('Limit');
    for (let n = 0; n < 4; n++) {
      const secret = await kw.gql(
        'mutation($id: ID!, $input: CreateClientSecretInput!) { createClientSecret(clientId: $id, input: $input) { secret } }',
        { id: client.id, input: { expiresAt: inDays(30) } },
        admin,
      );
      expect(secret.errors).toBeUndefined();
    }
    const fifth = await createCredential(client.id, { issuer: github.url, audience: 'keyward-ci', subject: 'repo:acme/api:*' });
    expect(fifth.errors).toBeUndefined();
    const sixth = await createCredential(client.id, { issuer: github.url, audience: 'keyward-ci', subject: 'repo:acme/web:*' });
    expect(sixth.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
  });
});
