/**
 * The change feed topic of a tenant's settings that caches derive from (its token quota defaults); the key is the
 * tenant's id (`tenant:<id>` on the wire). Published by the tenant settings service in the transaction that changes them.
 */
export const TENANT_CHANGES = 'tenant';
