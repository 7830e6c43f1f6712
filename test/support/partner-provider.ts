import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet } from 'jose';
import Provider, { type ClientMetadata, type Configuration } from 'oidc-provider';

/** The audience of the partner's API: what its access tokens are for. */
export const PARTNER_AUDIENCE = 'https://partner.example/api';

/** A partner's OAuth server, as its users run it: node-oidc-provider on loopback, ES256 JWT access tokens for PARTNER_AUDIENCE. */
export interface PartnerProvider {
  server: Server;
  url: string;
  /** Its published keys, for a partner API that verifies the access tokens. */
  jwks: ReturnType<typeof createRemoteJWKSet>;
  oidc: Provider;
  close(): Promise<void>;
}

export async function startPartnerProvider(options: {
  clients: ClientMetadata[];
  /** Lifetime of its access tokens. */
  accessTokenTtlSeconds: number;
  host?: string;
  scopes?: string[];
  /** More configuration (PKCE, refresh tokens, interactions), over the defaults. */
  configuration?: Partial<Configuration>;
}): Promise<PartnerProvider> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve));
  const url = `http://${options.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  const { features, ...configuration } = options.configuration ?? {};
  const oidc = new Provider(url, {
    clients: options.clients,
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), alg: 'ES256', use: 'sig', kid: 'partner-es256' }] },
    // The only signing key is ES256, so client metadata must default to it (the library default is RS256).
    clientDefaults: { id_token_signed_response_alg: 'ES256' },
    scopes: options.scopes ?? ['partner:read'],
    ...configuration,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => PARTNER_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'partner:read',
          audience: PARTNER_AUDIENCE,
          accessTokenFormat: 'jwt',
          accessTokenTTL: options.accessTokenTtlSeconds,
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
      ...features,
    },
  });
  server.on('request', oidc.callback());
  return {
    server,
    url,
    jwks: createRemoteJWKSet(new URL(`${url}/jwks`)),
    oidc,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
