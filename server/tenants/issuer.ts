/**
 * Each tenant is its own OAuth issuer (trust domain). The tenant made at first start keeps the root issuer, the
 * public URL itself, so a single-tenant install and its integrations change nothing; every other tenant's issuer,
 * and the OAuth, discovery and PKI endpoints under it, live at `<public URL>/tenants/<slug>`.
 */
export interface IssuerTenant {
  slug: string;
  rootIssuer: boolean;
}

/** The path under the public URL where the tenant's endpoints live: '' for the root tenant. */
export function tenantPathPrefix(tenant: IssuerTenant): string {
  return tenant.rootIssuer ? '' : `/tenants/${tenant.slug}`;
}

/** The tenant's issuer identifier (RFC 8414 `issuer`, the `iss` of its tokens). */
export function tenantIssuer(publicUrl: string, tenant: IssuerTenant): string {
  return `${publicUrl}${tenantPathPrefix(tenant)}`;
}
