import { ASSERTION_ALGORITHMS } from '../credentials/kinds/private-key-jwt.js';
import { DPOP_ALGORITHMS } from './dpop.js';

/** Client authentication methods every OAuth endpoint accepts. */
const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'tls_client_auth', 'private_key_jwt'];
/** The algorithms a private_key_jwt client assertion may be signed with. */
const ASSERTION_ALGS = [...ASSERTION_ALGORITHMS];

/**
 * RFC 8414 authorization server metadata for one tenant's issuer. It names exactly the issuer it is served for
 * (RFC 8414 §3.3), and the mTLS aliases of the same endpoints when the mTLS listener runs (RFC 8705 §5).
 */
export function authorizationServerMetadata(options: {
  issuer: string;
  /** The mTLS listener's base URL with the tenant's path prefix; null when the listener is off. */
  mtlsIssuerBase: string | null;
  /** The algorithm of the tenant's current signing key first, then any other published key's. */
  signingAlgorithms: string[];
}): Record<string, unknown> {
  const { issuer, mtlsIssuerBase: mtls } = options;
  return {
    issuer,
    token_endpoint: `${issuer}/oauth2/token`,
    jwks_uri: `${issuer}/oauth2/jwks`,
    introspection_endpoint: `${issuer}/oauth2/introspect`,
    revocation_endpoint: `${issuer}/oauth2/revoke`,
    grant_types_supported: ['client_credentials'],
    // REQUIRED by RFC 8414, but every response type (code, token, none) is an answer of an authorization endpoint, which
    // Keyward does not have: the empty list is the true answer. Authlib's validate() wants it non-empty (see the README).
    response_types_supported: [],
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    introspection_endpoint_auth_methods_supported: AUTH_METHODS,
    revocation_endpoint_auth_methods_supported: AUTH_METHODS,
    token_endpoint_auth_signing_alg_values_supported: ASSERTION_ALGS,
    introspection_endpoint_auth_signing_alg_values_supported: ASSERTION_ALGS,
    revocation_endpoint_auth_signing_alg_values_supported: ASSERTION_ALGS,
    access_token_signing_alg_values_supported: options.signingAlgorithms,
    tls_client_certificate_bound_access_tokens: true,
    dpop_signing_alg_values_supported: DPOP_ALGORITHMS,
    ...(mtls
      ? {
          mtls_endpoint_aliases: {
            token_endpoint: `${mtls}/oauth2/token`,
            introspection_endpoint: `${mtls}/oauth2/introspect`,
            revocation_endpoint: `${mtls}/oauth2/revoke`,
          },
        }
      : {}),
  };
}
