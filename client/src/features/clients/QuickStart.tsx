import { useEffect, useId, useState } from 'react';
import { useQuery } from 'urql';
import { CopyButton } from '../../components/CopyButton';
import { useCan } from '../../components/PermissionGate';
import type { ApiClientDetailsFragment } from '../../gql/graphql';
import { ClientCredentialsQuery, credentialListContext } from '../credentials/queries';
import { ApiResourcesQuery, TenantIssuerQuery } from './queries';

/** What the user puts in place of the secret: Keyward never keeps a secret after showing it once. */
export const SECRET_PLACEHOLDER = '<paste the client secret>';

/** The part of a tenant's discovery document (docs/token-service.md#discovery-and-jwks) the quick start uses. */
interface Discovery {
  issuer: string;
  token_endpoint: string;
  mtls_endpoint_aliases?: { token_endpoint?: string };
}

interface TokenEndpoints {
  tokenEndpoint: string;
  /** The mTLS listener's token endpoint; null while the listener is off. */
  mtlsTokenEndpoint: string | null;
  /** The root issuer (the public URL): its CA issued the mTLS listener's own certificate. */
  publicUrl: string;
}

/**
 * Reads the tenant's endpoints the way an OAuth client does: from the discovery document under its issuer
 * (docs/token-service.md#discovery-and-jwks).
 */
async function fetchTokenEndpoints(issuer: string, tenantSlug: string): Promise<TokenEndpoints> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`discovery answered ${response.status}`);
  const discovery = (await response.json()) as Discovery;
  // Every tenant but the first has its issuer at <public URL>/tenants/<slug> (docs/token-service.md#issuers-per-tenant).
  const tenantPath = `/tenants/${tenantSlug}`;
  return {
    tokenEndpoint: discovery.token_endpoint,
    mtlsTokenEndpoint: discovery.mtls_endpoint_aliases?.token_endpoint ?? null,
    publicUrl: discovery.issuer.endsWith(tenantPath) ? discovery.issuer.slice(0, -tenantPath.length) : discovery.issuer,
  };
}

function useTokenEndpoints(tenantSlug: string): { endpoints?: TokenEndpoints; failed: boolean } {
  const [{ data, error }] = useQuery({ query: TenantIssuerQuery });
  const issuer = data?.viewer.tenant.issuer;
  const [state, setState] = useState<{ endpoints?: TokenEndpoints; failed: boolean }>({ failed: false });
  useEffect(() => {
    if (!issuer) return;
    let current = true;
    fetchTokenEndpoints(issuer, tenantSlug).then(
      (endpoints) => current && setState({ endpoints, failed: false }),
      () => current && setState({ failed: true }),
    );
    return () => {
      current = false;
    };
  }, [issuer, tenantSlug]);
  return error ? { failed: true } : state;
}

/** A shell word: single-quoted unless it is plainly safe. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** client_credentials with HTTP Basic (client_secret_basic); `resource` only where the client's scopes span several APIs. */
export function secretTokenRequest(clientId: string, tokenEndpoint: string, resource?: string): string {
  return [
    `CLIENT_ID=${shellWord(clientId)}`,
    `CLIENT_SECRET='${SECRET_PLACEHOLDER}'`,
    `curl -sS -u "$CLIENT_ID:$CLIENT_SECRET" \\`,
    '  -d grant_type=client_credentials \\',
    ...(resource ? [`  -d resource=${shellWord(resource)} \\`] : []),
    `  ${shellWord(tokenEndpoint)}`,
  ].join('\n');
}

/** tls_client_auth on Keyward's mTLS listener, whose server certificate comes from the first tenant's CA. */
export function certificateTokenRequest(clientId: string, endpoints: TokenEndpoints & { mtlsTokenEndpoint: string }, resource?: string) {
  return [
    `CLIENT_ID=${shellWord(clientId)}`,
    `curl -sS -o keyward-ca.pem ${shellWord(`${endpoints.publicUrl}/pki/ca-chain.pem`)}`,
    `curl -sS --cacert keyward-ca.pem --cert "$CLIENT_ID.crt" --key client.key \\`,
    '  -d grant_type=client_credentials -d client_id="$CLIENT_ID" \\',
    ...(resource ? [`  -d resource=${shellWord(resource)} \\`] : []),
    `  ${shellWord(endpoints.mtlsTokenEndpoint)}`,
  ].join('\n');
}

/** One token request per API the client holds scopes of: a token is for one API (docs/token-service.md#choosing-the-audience). */
interface Audience {
  /** The API's name; null when one request serves (no scopes, or scopes of one API), so no `resource` is sent. */
  name: string | null;
  resource?: string;
}

function useAudiences(client: ApiClientDetailsFragment): Audience[] | null {
  const apiIds = [...new Set(client.scopes.map((scope) => scope.apiResourceId))];
  const several = apiIds.length > 1;
  const [{ data }] = useQuery({ query: ApiResourcesQuery, pause: !several });
  if (!several) return [{ name: null }];
  if (!data) return null;
  return data.apiResources.filter((api) => apiIds.includes(api.id)).map((api) => ({ name: api.name, resource: api.audience }));
}

/** The client's certificates are listed to secret administrators only, so only they get the certificate request. */
function useHasCertificate(apiClientId: string): boolean {
  const canSeeCredentials = useCan('SECRET_ADMINISTRATION');
  const [{ data }] = useQuery({
    query: ClientCredentialsQuery,
    variables: { id: apiClientId },
    context: credentialListContext,
    pause: !canSeeCredentials,
  });
  return data?.apiClient?.credentials.some((credential) => credential.type === 'CERTIFICATE') ?? false;
}

function CommandBlock({ command, label }: { command: string; label: string }) {
  return (
    <figure className="command-block">
      <figcaption>{label}</figcaption>
      <div className="command-row">
        <pre className="command">
          <code>{command}</code>
        </pre>
        <CopyButton value={command} label={`Copy ${label.charAt(0).toLowerCase()}${label.slice(1)}`} />
      </div>
    </figure>
  );
}

/** "Quick start" on the client page: the tenant's token endpoint and ready token requests for this client. */
export function QuickStart({ client, tenantSlug }: { client: ApiClientDetailsFragment; tenantSlug: string }) {
  const headingId = useId();
  const { endpoints, failed } = useTokenEndpoints(tenantSlug);
  const audiences = useAudiences(client);
  const hasCertificate = useHasCertificate(client.id);

  return (
    <section className="page-section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>Quick start</h2>
      </div>
      {failed && (
        <p className="error-message">The token endpoint could not be read from the discovery document. Reload the page to try again.</p>
      )}
      {!failed && (!endpoints || !audiences) && <p className="muted">Loading…</p>}
      {endpoints && audiences && (
        <>
          <dl className="facts">
            <div>
              <dt>Token endpoint</dt>
              <dd className="copyable">
                <code>{endpoints.tokenEndpoint}</code>
                <CopyButton value={endpoints.tokenEndpoint} label="Copy token endpoint" />
              </dd>
            </div>
          </dl>
          <p>
            Get an access token with a client secret. Replace <code>{SECRET_PLACEHOLDER}</code> with the secret, which is shown only once,
            when it is created: Keyward does not keep it.
          </p>
          {audiences.map((audience) => (
            <CommandBlock
              key={audience.resource ?? ''}
              command={secretTokenRequest(client.clientId, endpoints.tokenEndpoint, audience.resource)}
              label={audience.name ? `Token request for ${audience.name}` : 'Token request'}
            />
          ))}
          {hasCertificate && endpoints.mtlsTokenEndpoint && (
            <>
              <p>
                With a certificate, on the mTLS endpoint: <code>{client.clientId}.crt</code> comes in the certificate’s zip; its private key
                is yours with a CSR, or taken from the <code>.pfx</code> with{' '}
                <code>openssl pkcs12 -in {client.clientId}.pfx -nocerts -nodes -out client.key</code>.
              </p>
              {audiences.map((audience) => (
                <CommandBlock
                  key={audience.resource ?? ''}
                  command={certificateTokenRequest(
                    client.clientId,
                    { ...endpoints, mtlsTokenEndpoint: endpoints.mtlsTokenEndpoint as string },
                    audience.resource,
                  )}
                  label={audience.name ? `Certificate token request for ${audience.name}` : 'Certificate token request'}
                />
              ))}
            </>
          )}
        </>
      )}
    </section>
  );
}
