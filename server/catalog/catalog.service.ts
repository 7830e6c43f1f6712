import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import type { Orm } from '../db/orm.js';
import type { Tenant } from '../tenants/tenant.entity.js';
import { ApiResource } from './api-resource.entity.js';
import { Scope } from './scope.entity.js';
import { EXAMPLE_APIS, INTROSPECTION_SCOPE, MANAGEMENT_API } from './seed.js';

export class CatalogService {
  constructor(private readonly orm: Orm) {}

  /** The tenant's APIs with their scopes, built-in first, then by name. */
  async apiResources(viewer: Viewer): Promise<ApiResource[]> {
    return this.orm.em
      .fork()
      .find(
        ApiResource,
        { tenant: viewer.tenantId },
        { populate: ['scopes'], orderBy: { builtIn: 'desc', name: 'asc', scopes: { name: 'asc' } } },
      );
  }
}

/** Seeds a new tenant's catalog: the example APIs and the built-in Keyward Management API. */
export function seedCatalog(em: EntityManager, tenant: Tenant): void {
  const management = { ...MANAGEMENT_API, scopes: [...MANAGEMENT_API.scopes, INTROSPECTION_SCOPE], builtIn: true };
  const apis = [management, ...EXAMPLE_APIS.map((api) => ({ ...api, builtIn: false }))];
  for (const api of apis) {
    const resource = em.create(ApiResource, {
      tenant,
      name: api.name,
      audience: api.audience,
      description: api.description,
      builtIn: api.builtIn,
    });
    for (const scope of api.scopes) {
      em.create(Scope, { tenant, apiResource: resource, name: scope.name, description: scope.description });
    }
  }
}
