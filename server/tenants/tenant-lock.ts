import type { EntityManager } from '@mikro-orm/postgresql';
import { Tenant } from './tenant.entity.js';

/**
 * Locks the tenant row until the transaction ends, so limit checks ("at most N clients") hold across
 * concurrent requests and processes. FOR NO KEY UPDATE still lets other transactions insert rows
 * that reference the tenant.
 */
export async function lockTenant(em: EntityManager, tenantId: string): Promise<Tenant> {
  await em.getConnection().execute('select id from tenant where id = ? for no key update', [tenantId], 'all', em.getTransactionContext());
  return em.findOneOrFail(Tenant, tenantId, { refresh: true });
}
