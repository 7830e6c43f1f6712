import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/**
 * One append-only record of a change. `hash` is an HMAC, keyed from the master key, over the event's canonical
 * form and the previous event's hash in the same chain (one chain per tenant; sign-in failures for unknown
 * accounts go to the `system` chain), so editing or deleting a stored event breaks the chain, and without the key
 * nobody can compute the hashes that would mend it.
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

/** A break the one-time re-key found in a chain from before keyed hashes: the event it names and all after it kept their old hashes. */
export interface LegacyChainBreak {
  chainKey: string;
  eventId: string;
  seq: string;
  reason: string;
}

/**
 * Written once, by the one-time re-key of the chains from before keyed hashes (see chain-upgrade.ts): its presence
 * means every chain is keyed; `keyCheck` tells `audit verify` whether it holds the same key.
 */
@Entity({ tableName: 'audit_chain_key' })
export class AuditChainKey {
  /** The hashing scheme, `hmac-sha256`. */
  @PrimaryKey({ type: 'string', length: 32 })
  scheme!: string;

  @Property({ type: 'string', length: 64 })
  keyCheck!: string;

  @Property({ type: 'datetime' })
  rekeyedAt!: Date;

  @Property({ type: 'json' })
  legacyBreaks: LegacyChainBreak[] = [];
}
