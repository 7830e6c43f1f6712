import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/**
 * One append-only record of a change. `hash` covers the event's canonical form and the previous
 * event's hash in the same chain (one chain per tenant; sign-in failures for unknown accounts go to
 * the `system` chain), so editing or deleting a stored event breaks the chain.
 */
@Entity({ tableName: 'audit_event' })
@Unique({ properties: ['chainKey', 'seq'] })
@Index({ properties: ['tenantId', 'occurredAt'] })
@Index({ properties: ['tenantId', 'apiClientId'] })
export class AuditEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 64 })
  chainKey!: string;

  @Property({ type: 'bigint' })
  seq!: string;

  @Property({ type: 'uuid', nullable: true })
  tenantId?: string | null;

  @Property({ type: 'datetime' })
  occurredAt!: Date;

  @Property({ type: 'string', length: 16 })
  actorType!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  actorId?: string | null;

  @Property({ type: 'string', length: 300 })
  actorName!: string;

  @Property({ type: 'string', length: 64 })
  action!: string;

  @Property({ type: 'string', length: 32, nullable: true })
  targetType?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  targetId?: string | null;

  @Property({ type: 'string', length: 300, nullable: true })
  targetName?: string | null;

  /** The API client an event concerns (the client itself or one of its credentials), for filtering. */
  @Property({ type: 'uuid', nullable: true })
  apiClientId?: string | null;

  @Property({ type: 'json' })
  changes: FieldChanges = {};

  @Property({ type: 'string', length: 64, nullable: true })
  ipAddress?: string | null;

  @Property({ type: 'string', length: 512, nullable: true })
  userAgent?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  requestId?: string | null;

  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  @Property({ type: 'string', length: 64 })
  hash!: string;
}

/** The newest link of each chain, locked while an event is appended so links never fork. */
@Entity({ tableName: 'audit_chain_head' })
export class AuditChainHead {
  @PrimaryKey({ type: 'string', length: 64 })
  chainKey!: string;

  @Property({ type: 'bigint' })
  seq!: string;

  @Property({ type: 'string', length: 64 })
  hash!: string;
}
