import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Tenant } from '../tenants/tenant.entity.js';
import { VaultCredential } from './vault-credential.entity.js';

/** What a notice to a vault credential's contacts is about. */
export enum VaultNoticeKind {
  /** Its OAuth2 renewal failed for good: it needs a new client secret or to be connected again. */
  RENEWAL_FAILED = 'RENEWAL_FAILED',
  /** It expires soon (one stage of the reminder cadence). */
  EXPIRY = 'EXPIRY',
}

export enum VaultNoticeStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
  /** No longer true when its turn came (renewed since, or replaced): not sent. */
  DROPPED = 'DROPPED',
}

/**
 * One email to one contact of a vault credential. The unique (credential, occasion, recipient) triple is the claim: it is
 * inserted by whoever found the notice due (the renewal that failed for good, or the expiry scan), so with several
 * processes each is claimed once, and only the process holding its lease sends it — as reminder deliveries do.
 */
@Entity({ tableName: 'vault_notice' })
@Unique({ properties: ['credential', 'occasion', 'recipient'] })
@Index({
  name: 'vault_notice_pending_index',
  expression: `create index "vault_notice_pending_index" on "vault_notice" ("next_attempt_at") where "status" = 'PENDING'`,
})
export class VaultNotice {
  [OptionalProps]?: 'status' | 'attempts';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Rel<Tenant>;

  /** Deleting the credential deletes its notices: nothing is sent about a credential that is gone. */
  @ManyToOne(() => VaultCredential, { deleteRule: 'cascade' })
  credential!: Rel<VaultCredential>;

  @Enum({ items: () => VaultNoticeKind, type: 'string' })
  kind!: VaultNoticeKind;

  /**
   * Which occurrence: `expiry:<stage>@<the expiry, epoch ms>` (days before that expiry; a new expiry is reminded of afresh), or `renewal-failed:<when it failed, ISO>` so a later failure,
   * after a recovery, is told again.
   */
  @Property({ type: 'string', length: 100 })
  occasion!: string;

  @Property({ type: 'string', length: 320 })
  recipient!: string;

  @Enum({ items: () => VaultNoticeStatus, type: 'string' })
  status: VaultNoticeStatus = VaultNoticeStatus.PENDING;

  @Property({ type: 'datetime' })
  claimedAt!: Date;

  @Property({ type: 'smallint' })
  attempts = 0;

  @Property({ type: 'datetime' })
  nextAttemptAt!: Date;

  /** The process sending it holds it until then; a crashed sender's lease runs out and another sends it. */
  @Property({ type: 'datetime', nullable: true })
  leaseUntil?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  @Property({ type: 'string', length: 300, nullable: true })
  messageId?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  lastError?: string | null;
}
