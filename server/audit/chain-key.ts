/**
 * The audit-chain key of each open database, so `recordAudit(em, …)` finds it from the EntityManager it is given
 * (no parameter to thread through every service, no database round trip). Keyed by the ORM's configuration, which
 * the ORM, its forks and their transactions share; two databases opened in one process keep their own keys.
 */
const keys = new WeakMap<object, Buffer>();

export function bindAuditChainKey(orm: { config: object }, key: Buffer): void {
  keys.set(orm.config, key);
}

/** The key `bindAuditChainKey` gave this ORM (or the ORM an EntityManager belongs to). */
export function auditChainKey(owner: { config: object }): Buffer {
  const key = keys.get(owner.config);
  if (!key) throw new Error('This database was opened without the audit-chain key: open it with openKeywardDatabase.');
  return key;
}
