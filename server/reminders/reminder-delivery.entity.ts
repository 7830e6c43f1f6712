import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Credential } from '../credentials/credential.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';

export enum ReminderStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}
registerEnumType(ReminderStatus, {
  name: 'ReminderStatus',
  valuesConfig: {
    PENDING: { description: 'Due and claimed; being sent, or waiting to be retried after a mail-server failure.' },
    SENT: { description: 'Accepted by the mail server.' },
    FAILED: { description: 'Given up after repeated failures, or refused by the mail server for good.' },
  },
});

/**
 * One reminder email: one credential at one stage of the cadence, to one contact. Each contact gets a message
 * of their own, so no contact learns the others' addresses and a failure for one is retried without mailing
 * the rest again. The unique (credential, stage, recipient) triple is what makes sending idempotent across
 * scans, restarts and processes: a scan claims a due triple by inserting this row, and only the process
 * holding its lease sends it.
 */
@ObjectType({
  description:
    'A reminder email about a credential’s expiry, to one contact (one per credential, stage and contact; reminders sent before per-contact delivery went to every contact in one message).',
})
@Entity({ tableName: 'reminder_delivery' })
@Unique({ name: 'reminder_delivery_credential_id_stage_recipient_unique', properties: ['credential', 'stage', 'recipient'] })
@Index({
  name: 'reminder_delivery_pending_index',
  expression: `create index "reminder_delivery_pending_index" on "reminder_delivery" ("next_attempt_at") where "status" = 'PENDING'`,
})
export class ReminderDelivery {
  [OptionalProps]?: 'status' | 'attempts' | 'claimedAt' | 'nextAttemptAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /**
   * Neither this nor the credential is a foreign key: their checks, per inserted row, were most of a first scan's time
   * over a large fleet. The tenant's credentials take these rows with them: a trigger on credential deletes them
   * (Migration20261204140000), and the sender drops one whose credential went away after the scan.
   */
  @ManyToOne(() => Tenant, { createForeignKeyConstraint: false })
  tenant!: Rel<Tenant>;

  /** Deleting the credential deletes its reminders (by trigger): nothing is sent about a credential that is gone. */
  @ManyToOne(() => Credential, { createForeignKeyConstraint: false })
  credential!: Rel<Credential>;

  @Field(() => Int, { description: 'Days before expiry this reminder is for: 30, 15, 7, 6, 5, 4, 3, 2 or 1.' })
  @Property({ type: 'smallint' })
  stage!: number;

  @Field(() => ReminderStatus)
  @Enum({ items: () => ReminderStatus, type: 'string' })
  status: ReminderStatus = ReminderStatus.PENDING;

  @Field(() => Date, { description: 'When the scan found it due.' })
  @Property({ type: 'datetime' })
  claimedAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  @Field(() => Int)
  @Property({ type: 'smallint' })
  attempts = 0;

  /** A PENDING row is sent at or after this time (retries back off exponentially). */
  @Property({ type: 'datetime' })
  nextAttemptAt: Date = new Date();

  /** The process sending it holds it until then; a crashed sender's lease runs out and another retries. */
  @Property({ type: 'datetime', nullable: true })
  leaseUntil?: Date | null;

  /**
   * The one contact this message is for. Null only on rows from before per-contact delivery: one message that went
   * to every contact at the time (listed in `recipients`); the scan treats such a row as that stage done for all.
   */
  @Property({ type: 'string', length: 320, nullable: true })
  recipient?: string | null;

  @Field(() => [String], {
    description:
      'The contact email it was sent to (one address; several only for a reminder sent before per-contact delivery, to every contact at once).',
  })
  @Property({ type: 'json' })
  recipients: string[] = [];

  @Field(() => String, { nullable: true, description: 'The Message-ID the mail server accepted.' })
  @Property({ type: 'string', length: 300, nullable: true })
  messageId?: string | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  @Property({ type: 'string', length: 500, nullable: true })
  lastError?: string | null;
}
