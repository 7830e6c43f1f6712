import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeyward, type TestKeyward } from './support/keyward.js';

const execFileAsync = promisify(execFile);

/**
 * Keyward's discovery documents as Python's Authlib reads them (Debian's python3-authlib). The public URL is https, as
 * in production behind a TLS terminator: Authlib refuses an http issuer and http endpoints (except http://localhost:).
 * The test reaches the server over plain HTTP at its real address; openid-client is pointed there with customFetch.
 */
const PUBLIC_URL = 'https://keyward.example.test';
const PYTHON = '/usr/bin/python3';

/**
 * Runs every one of AuthorizationServerMetadata's validate_<key> checks on each document, then validate() itself, and
 * prints what each complained about.
 */
const AUTHLIB_SCRIPT = `
import json, sys
from authlib.oauth2.rfc8414 import AuthorizationServerMetadata
results = []
for doc in json.load(sys.stdin):
    metadata = AuthorizationServerMetadata(doc)
    complaints = {}
    for key in AuthorizationServerMetadata.REGISTRY_KEYS:
        try:
            getattr(metadata, 'validate_' + key)()
        except ValueError as error:
            complaints[key] = str(error)
    try:
        metadata.validate()
        validate = None
    except ValueError as error:
        validate = str(error)
    results.append({'complaints': complaints, 'validate': validate})
print(json.dumps(results))
`;

interface AuthlibResult {
  complaints: Record<string, string>;
  validate: string | null;
}

async function authlib(documents: Record<string, unknown>[]): Promise<AuthlibResult[]> {
  // Asynchronous: the server under test runs in this process and must keep answering.
  const run = execFileAsync(PYTHON, ['-c', AUTHLIB_SCRIPT], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' }, timeout: 30_000 });
  run.child.stdin?.end(JSON.stringify(documents));
  const { stdout } = await run;
  return JSON.parse(stdout) as AuthlibResult[];
}

let kw: TestKeyward;
let acmeCookie: string;

beforeAll(async () => {
  kw = await startKeyward({ env: { KEYWARD_PUBLIC_URL: PUBLIC_URL } });
  ({ cookie: acmeCookie } = await kw.createTenant('acme'));
});
afterAll(async () => kw?.destroy());

/** Where each discovery document is served, and the issuer it must name (RFC 8414 section 3.3). */
const DOCUMENTS = [
  { path: '/.well-known/oauth-authorization-server', issuer: PUBLIC_URL },
  { path: '/.well-known/openid-configuration', issuer: PUBLIC_URL },
  { path: '/.well-known/oauth-authorization-server/tenants/acme', issuer: `${PUBLIC_URL}/tenants/acme` },
  { path: '/tenants/acme/.well-known/openid-configuration', issuer: `${PUBLIC_URL}/tenants/acme` },
  { path: '/tenants/acme/.well-known/oauth-authorization-server', issuer: `${PUBLIC_URL}/tenants/acme` },
];

async function discoveryDocument(path: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${kw.baseUrl}${path}`);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
  return (await response.json()) as Record<string, unknown>;
}

describe('Authlib (Python) reads Keyward’s discovery documents', () => {
  it('finds each document naming the issuer it was fetched for', async () => {
    for (const { path, issuer } of DOCUMENTS) {
      const document = await discoveryDocument(path);
      expect(document.issuer, path).toBe(issuer);
      expect(document.token_endpoint, path).toBe(`${issuer}/oauth2/token`);
      expect(document.grant_types_supported, path).toEqual(['client_credentials']);
    }
  });

  it('accepts every entry but response_types_supported, which Keyward leaves empty as it has no authorization endpoint', async () => {
    const documents = await Promise.all(DOCUMENTS.map(({ path }) => discoveryDocument(path)));
    const results = await authlib(documents);
    expect(results).toHaveLength(DOCUMENTS.length);
    for (const [i, result] of results.entries()) {
      // RFC 8414 calls response_types_supported REQUIRED, and Authlib insists on a non-empty list. Each of its values
      // (code, token, none) names a response of the authorization endpoint, which Keyward does not have: it issues
      // tokens for client_credentials only. The empty list is the true answer; this is the one complaint left.
      expect(result, DOCUMENTS[i].path).toEqual({
        complaints: { response_types_supported: '"response_types_supported" is required' },
        validate: '"response_types_supported" is required',
      });
      expect(documents[i].response_types_supported, DOCUMENTS[i].path).toEqual([]);
      expect(documents[i], DOCUMENTS[i].path).not.toHaveProperty('authorization_endpoint');
    }
  });
});

describe('openid-client discovers the second tenant’s issuer', () => {
  /** Requests to the public URL go to the test server's real address. */
  const toTestServer: oidc.CustomFetch = (url, options) => fetch(url.replace(PUBLIC_URL, kw.baseUrl), options as RequestInit);

  it.each([
    ['oidc', '/tenants/acme/.well-known/openid-configuration'],
    ['oauth2', '/.well-known/oauth-authorization-server/tenants/acme'],
  ] as const)('with the %s well-known rule and gets a token from that issuer', async (algorithm, _path) => {
    const client = await kw.clientWithSecret(acmeCookie, { client: { name: 'Acme interop client' } });
    const issuer = `${PUBLIC_URL}/tenants/acme`;
    const config = await oidc.discovery(new URL(issuer), client.clientId, undefined, oidc.ClientSecretBasic(client.secret), {
      algorithm,
      [oidc.customFetch]: toTestServer,
    });
    expect(config.serverMetadata().issuer).toBe(issuer);
    expect(config.serverMetadata().token_endpoint).toBe(`${issuer}/oauth2/token`);
    const tokens = await oidc.clientCredentialsGrant(config);
    expect(decodeJwt(tokens.access_token)).toMatchObject({ iss: issuer, client_id: client.clientId, tenant: 'acme' });
  });
});
