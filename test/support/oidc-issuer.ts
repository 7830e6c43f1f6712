import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

/** One OIDC issuer the test runs: its discovery document and JWKS at <url>/.well-known/…, and its own signing key. */
export interface TestIssuer {
  url: string;
  privateKey: CryptoKey;
  kid: string;
  /** What its discovery document names as issuer (a lying issuer names another). */
  claimsToBe: string;
  jwk: JWK;
  /** Where its discovery document says its keys are, and what each such path serves (an issuer may move its keys). */
  jwksPath: string;
  published: Map<string, JWK[]>;
  /** How often its discovery document was read. */
  discoveryReads: number;
}

/**
 * Plain-http OIDC issuers on 127.0.0.1, each under its own path (`<base>/<name>`), as GitHub Actions or a Kubernetes
 * cluster publish theirs; Keyward reaches them with KEYWARD_OUTBOUND_ALLOW_PRIVATE=true. Any other path answers 404.
 */
export interface TestIssuers {
  base: string;
  add(name: string, claimsToBe?: string): Promise<TestIssuer>;
  close(): Promise<void>;
}

export async function startTestIssuers(): Promise<TestIssuers> {
  const issuers = new Map<string, TestIssuer>();
  const server = createServer((request, response) => {
    const [, name, ...rest] = (request.url ?? '').split('/');
    const issuer = issuers.get(name);
    const path = `/${rest.join('/')}`;
    response.setHeader('content-type', 'application/json');
    if (issuer && path === '/.well-known/openid-configuration') {
      issuer.discoveryReads++;
      return response.end(
        JSON.stringify({
          issuer: issuer.claimsToBe,
          jwks_uri: `${issuer.url}${issuer.jwksPath}`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    }
    const keys = issuer?.published.get(path);
    if (keys) return response.end(JSON.stringify({ keys }));
    response.statusCode = 404;
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    async add(name, claimsToBe) {
      const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
      const url = `${base}/${name}`;
      const issuer = {
        url,
        privateKey,
        kid: `${name}-key`,
        claimsToBe: claimsToBe ?? url,
        jwk: { ...(await exportJWK(publicKey)), kid: `${name}-key` },
        jwksPath: '/jwks',
        published: new Map<string, JWK[]>(),
        discoveryReads: 0,
      };
      issuer.published.set('/jwks', [issuer.jwk]);
      issuers.set(name, issuer);
      return issuer;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A token signed by `signer`'s key, with `claims` as given (iss, aud, sub, exp and the rest are the caller's). */
export function signedBy(signer: TestIssuer, claims: JWTPayload, header: { typ?: string } = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: signer.kid, ...header }).sign(signer.privateKey);
}
