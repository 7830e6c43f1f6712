import type { Orm } from '../db/orm.js';
import { type IssuerTenant, tenantIssuer } from './issuer.js';
import { Tenant } from './tenant.entity.js';

export interface TenantRoute extends IssuerTenant {
  id: string;
}

/** An unknown slug is looked up again after this long (a tenant made meanwhile, by another process or the CLI). */
const UNKNOWN_TTL_MS = 5_000;

/**
 * Which tenant a `/tenants/<slug>/…` URL names, kept in memory: the OAuth, discovery and PKI routes of every tenant
 * resolve it per request. A tenant's slug and issuer never change, so a found tenant is kept for good.
 */
export class TenantDirectory {
  private readonly bySlug = new Map<string, TenantRoute>();
  private readonly unknown = new Map<string, number>();
  private root: TenantRoute | null = null;

  constructor(
    private readonly orm: Orm,
    /** The public URL: the root tenant's issuer, and the base of every other tenant's. */
    private readonly publicUrl: string,
  ) {}

  /** The tenant's issuer identifier, under which its endpoints and discovery document live. */
  issuer(tenant: IssuerTenant): string {
    return tenantIssuer(this.publicUrl, tenant);
  }

  /** The tenant served under `/tenants/<slug>`: null for an unknown slug, and for the root tenant (served at the root). */
  async bySlugPrefix(slug: string): Promise<TenantRoute | null> {
    const tenant = await this.find(slug);
    return tenant && !tenant.rootIssuer ? tenant : null;
  }

  /** The tenant whose issuer is the public URL itself. */
  async rootTenant(): Promise<TenantRoute> {
    if (this.root) return this.root;
    const tenant = await this.orm.em.fork().findOne(Tenant, { rootIssuer: true });
    if (!tenant) throw new Error('No tenant holds the root issuer: start Keyward once to create the first tenant.');
    this.root = this.remember(tenant);
    return this.root;
  }

  private async find(slug: string): Promise<TenantRoute | null> {
    const known = this.bySlug.get(slug);
    if (known) return known;
    const missedAt = this.unknown.get(slug);
    if (missedAt !== undefined && Date.now() - missedAt < UNKNOWN_TTL_MS) return null;
    // Slugs are short lowercase words; anything else names no tenant and is not worth a query.
    if (!/^[a-z0-9-]{1,40}$/.test(slug)) return null;
    const tenant = await this.orm.em.fork().findOne(Tenant, { slug });
    if (!tenant) {
      if (this.unknown.size > 10_000) this.unknown.clear();
      this.unknown.set(slug, Date.now());
      return null;
    }
    return this.remember(tenant);
  }

  private remember(tenant: Tenant): TenantRoute {
    const route = { id: tenant.id, slug: tenant.slug, rootIssuer: tenant.rootIssuer };
    this.bySlug.set(tenant.slug, route);
    return route;
  }
}
