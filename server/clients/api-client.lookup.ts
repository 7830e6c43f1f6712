import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../db/ids.js';
import { NotFoundError } from '../kernel/errors.js';
import { ApiClient } from './api-client.entity.js';

export type RowLock = 'for update' | 'for no key update';

/**
 * An API client of the tenant, optionally row-locked until the transaction ends; NOT_FOUND for an id
 * that is malformed or belongs to another tenant (never revealing which).
 */
export async function findApiClient(
  em: EntityManager,
  tenantId: string,
  id: string,
  options: { lock?: RowLock; populateScopes?: boolean } = {},
): Promise<ApiClient> {
  let client: ApiClient | null = null;
  if (isUuid(id)) {
    if (options.lock) {
      // A plain statement: FOR UPDATE cannot apply to the outer join that populates scopes.
      await em
        .getConnection()
        .execute(
          `select id from api_client where id = ? and tenant_id = ? ${options.lock}`,
          [id, tenantId],
          'all',
          em.getTransactionContext(),
        );
    }
    client = await em.findOne(
      ApiClient,
      { id, tenant: tenantId },
      { populate: options.populateScopes ? ['scopes'] : [], refresh: Boolean(options.lock) },
    );
  }
  if (!client) {
    throw new NotFoundError(
      `No API client with ID "${id.slice(0, 64)}" exists in your tenant. Check the ID, or list clients with the apiClients query.`,
    );
  }
  return client;
}

/**
 * Locks these API clients' rows until the transaction ends (`for no key update`, in id order: the order every change
 * to a client's credentials takes, so jobs that change many never deadlock with one that changes one).
 */
export async function lockApiClients(em: EntityManager, ids: readonly string[]): Promise<void> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 0) return;
  await em
    .getConnection()
    .execute(
      `select id from api_client where id in (${sorted.map(() => '?').join(', ')}) order by id for no key update`,
      sorted,
      'all',
      em.getTransactionContext(),
    );
}
