import { type EntityManager } from '@mikro-orm/postgresql';
import { type AuditSubject, audited } from '../audit/audited.js';
import { ApiClient } from '../clients/api-client.entity.js';
import { isUuid } from '../db/ids.js';
import type { Orm } from '../db/orm.js';
import { escapeLike } from '../db/pagination.js';
import type { Clock } from '../kernel/clock.js';
import { ConflictError, NotFoundError } from '../kernel/errors.js';
import { INTROSPECTION_SCOPE, MANAGEMENT_API, VAULT_USE_SCOPE } from '../kernel/management-scopes.js';
import type { RequestMeta, Viewer } from '../kernel/viewer.js';
import type { Tenant } from '../tenants/tenant.entity.js';
import { lockTenant } from '../tenants/tenant-lock.js';
import { ApiResource } from './api-resource.entity.js';
import {
  apiClientCount,
  builtInRefusal,
  CATALOG_RULES,
  CatalogInUseError,
  type ClientUsingScope,
  clientList,
  normalizeApiName,
  normalizeAudience,
  normalizeDescription,
  normalizeScopeName,
} from './catalog.rules.js';
import { Scope } from './scope.entity.js';
import { EXAMPLE_APIS } from './seed.js';

export interface ApiResourceInputShape {
  name?: string | null;
  audience?: string | null;
  description?: string | null;
}

export interface ScopeInputShape {
  name?: string | null;
  description?: string | null;
}

const API_RESOURCE: AuditSubject<ApiResource> = {
  target: (resource) => ({ type: 'API_RESOURCE', id: resource.id, name: resource.name }),
  snapshot: (resource) => ({ name: resource.name, audience: resource.audience, description: resource.description ?? null }),
};

const SCOPE: AuditSubject<Scope> = {
  target: (scope) => ({ type: 'SCOPE', id: scope.id, name: scope.name }),
  snapshot: (scope) => ({ name: scope.name, description: scope.description ?? null, apiResource: scope.apiResource.name }),
};

function audienceTaken(audience: string): ConflictError {
  return new ConflictError(
    `Another API in this tenant already has the audience ${audience}. Each API needs its own audience URI.`,
    'audience',
  );
}

function scopeNameTaken(name: string, apiName: string): ConflictError {
  return new ConflictError(
    `The scope name "${name}" is already used in this tenant (by the API "${apiName}"). Scope names are unique per tenant so a token request is never ambiguous; choose another name.`,
    'name',
  );
}

export class CatalogService {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
  ) {}

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

  async createApiResource(viewer: Viewer, meta: RequestMeta, input: ApiResourceInputShape): Promise<ApiResource> {
    const name = normalizeApiName(input.name);
    const audience = normalizeAudience(input.audience);
    const description = normalizeDescription(input.description, CATALOG_RULES.apiDescriptionMax);
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      const tenant = await lockTenant(em, viewer.tenantId);
      await this.refuseTakenApi(em, tenant.id, { name, audience });
      const resource = em.create(ApiResource, { tenant, name, audience, description });
      audit.created('api_resource.created', resource, API_RESOURCE);
      audit.refuseDuplicatesWith(() => audienceTaken(audience));
      return resource;
    });
  }

  async updateApiResource(viewer: Viewer, meta: RequestMeta, id: string, input: ApiResourceInputShape): Promise<ApiResource> {
    const name = input.name == null ? undefined : normalizeApiName(input.name);
    const audience = input.audience == null ? undefined : normalizeAudience(input.audience);
    const description =
      input.description === undefined ? undefined : normalizeDescription(input.description, CATALOG_RULES.apiDescriptionMax);
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      await lockTenant(em, viewer.tenantId);
      const resource = await this.findApiResource(em, viewer.tenantId, id);
      if (resource.builtIn) throw builtInRefusal(`"${resource.name}" cannot be edited`);
      audit.changed('api_resource.updated', resource, API_RESOURCE);
      if (name !== undefined && name !== resource.name) {
        await this.refuseTakenApi(em, viewer.tenantId, { name, exceptId: resource.id });
        resource.name = name;
      }
      if (audience !== undefined && audience !== resource.audience) {
        await this.refuseTakenApi(em, viewer.tenantId, { audience, exceptId: resource.id });
        // Tokens of clients holding these scopes carry the audience and the API checks it: changing it under them breaks them.
        const users = await this.clientsUsing(em, viewer.tenantId, await this.lockScopes(em, resource));
        if (users.length > 0) {
          throw new CatalogInUseError(
            `The audience of "${resource.name}" cannot change while its scopes are granted to ${apiClientCount(users.length)}: ${clientList(users)}. Their tokens and the API itself rely on it. Remove the scopes from them first, or add a new API with the new audience.`,
            users,
          );
        }
        resource.audience = audience;
      }
      if (description !== undefined) resource.description = description;
      audit.refuseDuplicatesWith(() => audienceTaken(resource.audience));
      return resource;
    });
  }

  /** Deletes an API and its scopes; refused while any API client holds one of them. Returns its id. */
  async deleteApiResource(viewer: Viewer, meta: RequestMeta, id: string): Promise<string> {
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      await lockTenant(em, viewer.tenantId);
      const resource = await this.findApiResource(em, viewer.tenantId, id);
      if (resource.builtIn) throw builtInRefusal(`"${resource.name}" cannot be deleted`);
      const users = await this.clientsUsing(em, viewer.tenantId, await this.lockScopes(em, resource));
      if (users.length > 0) {
        const granted = users.map((c) => `${c.name} (${c.clientId}): ${c.scopes.join(', ')}`);
        throw new CatalogInUseError(
          `The API "${resource.name}" cannot be deleted: its scopes are granted to ${apiClientCount(users.length)} — ${granted.slice(0, 10).join('; ')}${users.length > 10 ? `; and ${users.length - 10} more` : ''}. Remove them from those clients first.`,
          users,
        );
      }
      const scopes = resource.scopes
        .getItems()
        .map((scope) => scope.name)
        .sort();
      audit.deleted('api_resource.deleted', resource, API_RESOURCE, { scopes });
      for (const scope of resource.scopes.getItems()) em.remove(scope);
      em.remove(resource);
      return resource.id;
    });
  }

  async createScope(viewer: Viewer, meta: RequestMeta, apiResourceId: string, input: ScopeInputShape): Promise<Scope> {
    const name = normalizeScopeName(input.name);
    const description = normalizeDescription(input.description, CATALOG_RULES.scopeDescriptionMax);
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      const tenant = await lockTenant(em, viewer.tenantId);
      const resource = await this.findApiResource(em, tenant.id, apiResourceId);
      if (resource.builtIn) throw builtInRefusal(`No scope can be added to "${resource.name}"`);
      const existing = await em.findOne(Scope, { tenant: tenant.id, name }, { populate: ['apiResource'] });
      if (existing) throw scopeNameTaken(name, existing.apiResource.name);
      const scope = em.create(Scope, { tenant, apiResource: resource, name, description });
      audit.created('scope.created', scope, SCOPE);
      audit.refuseDuplicatesWith(() => scopeNameTaken(name, resource.name));
      return scope;
    });
  }

  async updateScope(viewer: Viewer, meta: RequestMeta, id: string, input: ScopeInputShape): Promise<Scope> {
    const description =
      input.description === undefined ? undefined : normalizeDescription(input.description, CATALOG_RULES.scopeDescriptionMax);
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      const scope = await this.findScope(em, viewer.tenantId, id);
      if (scope.apiResource.builtIn) throw builtInRefusal(`The scope "${scope.name}" cannot be edited`);
      audit.changed('scope.updated', scope, SCOPE);
      if (description !== undefined) scope.description = description;
      return scope;
    });
  }

  /** Deletes a scope; refused while any API client holds it (deleting it would silently take it from them). Returns its id. */
  async deleteScope(viewer: Viewer, meta: RequestMeta, id: string): Promise<string> {
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      const scope = await this.findScope(em, viewer.tenantId, id);
      if (scope.apiResource.builtIn) throw builtInRefusal(`The scope "${scope.name}" cannot be deleted`);
      await em.getConnection().execute('select id from scope where id = ? for update', [scope.id], 'all', em.getTransactionContext());
      const users = await this.clientsUsing(em, viewer.tenantId, [scope.id]);
      if (users.length > 0) {
        throw new CatalogInUseError(
          `The scope "${scope.name}" is granted to ${apiClientCount(users.length)}: ${clientList(users)}. Remove it from them first.`,
          users,
        );
      }
      audit.deleted('scope.deleted', scope, SCOPE);
      em.remove(scope);
      return scope.id;
    });
  }

  private async findApiResource(em: EntityManager, tenantId: string, id: string): Promise<ApiResource> {
    const resource = isUuid(id) ? await em.findOne(ApiResource, { id, tenant: tenantId }, { populate: ['scopes'] }) : null;
    if (!resource) {
      throw new NotFoundError(
        `No API with ID "${id.slice(0, 64)}" exists in your tenant's catalog. Check the ID, or list APIs with the apiResources query.`,
      );
    }
    return resource;
  }

  private async findScope(em: EntityManager, tenantId: string, id: string): Promise<Scope> {
    const scope = isUuid(id) ? await em.findOne(Scope, { id, tenant: tenantId }, { populate: ['apiResource'] }) : null;
    if (!scope) {
      throw new NotFoundError(
        `No scope with ID "${id.slice(0, 64)}" exists in your tenant's catalog. Check the ID, or list scopes with the apiResources query.`,
      );
    }
    return scope;
  }

  /**
   * Locks the API's scope rows until commit: granting a scope to a client takes a key-share lock on it, so no
   * client can pick one up between the check that none holds it and the change.
   */
  private async lockScopes(em: EntityManager, resource: ApiResource): Promise<string[]> {
    await em
      .getConnection()
      .execute('select id from scope where api_resource_id = ? for update', [resource.id], 'all', em.getTransactionContext());
    return resource.scopes.getItems().map((scope) => scope.id);
  }

  /** The tenant's API clients holding any of the scopes, by name, each with which of them it holds. */
  private async clientsUsing(em: EntityManager, tenantId: string, scopeIds: string[]): Promise<ClientUsingScope[]> {
    if (scopeIds.length === 0) return [];
    const clients = await em.find(
      ApiClient,
      { tenant: tenantId, scopes: { id: { $in: scopeIds } } },
      { populate: ['scopes'], orderBy: { name: 'asc', clientId: 'asc' } },
    );
    return clients.map((client) => ({
      id: client.id,
      clientId: client.clientId,
      name: client.name,
      scopes: client.scopes
        .getItems()
        .filter((scope) => scopeIds.includes(scope.id))
        .map((scope) => scope.name)
        .sort(),
    }));
  }

  /** API names compare case-insensitively; audiences exactly (they are URIs). */
  private async refuseTakenApi(
    em: EntityManager,
    tenantId: string,
    { name, audience, exceptId }: { name?: string; audience?: string; exceptId?: string },
  ): Promise<void> {
    const others = exceptId ? { id: { $ne: exceptId } } : {};
    if (name !== undefined && (await em.count(ApiResource, { tenant: tenantId, name: { $ilike: escapeLike(name) }, ...others })) > 0) {
      throw new ConflictError(`The catalog already has an API named "${name}". Choose a different name.`, 'name');
    }
    if (audience !== undefined && (await em.count(ApiResource, { tenant: tenantId, audience, ...others })) > 0) {
      throw audienceTaken(audience);
    }
  }
}

/** Seeds a new tenant's catalog: the example APIs and the built-in Keyward Management API. */
export function seedCatalog(em: EntityManager, tenant: Tenant): void {
  const management = { ...MANAGEMENT_API, scopes: [...MANAGEMENT_API.scopes, INTROSPECTION_SCOPE, VAULT_USE_SCOPE], builtIn: true };
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
