import { randomUUID } from 'node:crypto';
import { ArrayType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Tenant } from '../tenants/tenant.entity.js';
import { VaultCredential } from '../vault/vault-credential.entity.js';

/**
 * A URL of the tenant's that receives lifecycle events, signed per Standard Webhooks (docs/webhooks.md). The signing
 * secret is sealed (AES-256-GCM, bound to the tenant and this row) and shown once, when the endpoint is created.
 */
@ObjectType({ description: 'A URL that receives the tenant’s lifecycle events, signed per Standard Webhooks.' })
@Entity({ tableName: 'webhook_endpoint' })
export class WebhookEndpoint {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'enabled';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Rel<Tenant>;

  @Field(() => String, { description: 'https (plain http only to an address the operator allows for outbound calls).' })
  @Property({ type: 'string', length: 2000 })
  url!: string;

  @Field(() => String, { nullable: true, description: 'At most 500 characters.' })
  @Property({ type: 'string', length: 500, nullable: true })
  description?: string | null;

  @Field(() => [String], { description: 'The event types it receives (webhookEventTypes lists them).' })
  @Property({ type: ArrayType })
  eventTypes: string[] = [];

  @Field(() => Boolean, { description: 'A disabled endpoint receives nothing; events of the meantime are not kept for it.' })
  @Property({ type: 'boolean' })
  enabled: boolean = true;

  /** The `whsec_…` signing secret, sealed; never returned after creation. */
  @Property({ type: 'text' })
  sealedSecret!: string;

  /** Applied to every delivery (e.g. an OAuth2 client of the receiving service); deleting it leaves the endpoint without. */
  @ManyToOne(() => VaultCredential, { nullable: true, deleteRule: 'set null' })
  vaultCredential?: Rel<VaultCredential> | null;

  @Field(() => Date, { nullable: true, description: 'Since when the oldest undelivered event has failed; cleared by a success.' })
  @Property({ type: 'datetime', nullable: true })
  failingSince?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  disabledAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why Keyward disabled it (it failed for 24 hours), or null.' })
  @Property({ type: 'string', length: 500, nullable: true })
  disabledReason?: string | null;

  /** Held by the process delivering to it, so two processes never deliver to one endpoint at once. */
  @Property({ type: 'datetime', nullable: true })
  leaseUntil?: Date | null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}

/** One event, as it is sent: its id is the `webhook-id` header, the same at every attempt and redelivery. */
@Entity({ tableName: 'webhook_message' })
@Index({ properties: ['tenant', 'createdAt'] })
export class WebhookMessage {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Rel<Tenant>;

  @Property({ type: 'string', length: 64 })
  type!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  valuesConfig: {
    PENDING: { description: 'Not delivered yet: waiting for its turn or for its next retry.' },
    DELIVERED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Given up after the last retry (or a test event that was not accepted).' },
  },
});

/** One message to one endpoint. `seq` is the order: per endpoint, only the oldest pending one is tried. */
@Entity({ tableName: 'webhook_delivery' })
@Index({ name: 'webhook_delivery_head_index', properties: ['endpoint', 'status', 'seq'] })
export class WebhookDelivery {
  [OptionalProps]?: 'attempts' | 'status';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  seq!: string;

  @ManyToOne(() => WebhookEndpoint, { deleteRule: 'cascade' })
  endpoint!: Rel<WebhookEndpoint>;

  @ManyToOne(() => WebhookMessage, { deleteRule: 'cascade' })
  message!: Rel<WebhookMessage>;

  @Property({ type: 'string', length: 16 })
  status: WebhookDeliveryStatus = WebhookDeliveryStatus.PENDING;

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  lastStatusCode?: number | null;

  @Property({ type: 'integer', nullable: true })
  lastLatencyMs?: number | null;

  @Property({ type: 'string', length: 500, nullable: true })
  lastError?: string | null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;
}

/** The delivery log: one row per HTTP call. The error is in Keyward's words (the outbound client keeps secrets out). */
@ObjectType({ description: 'One call of the endpoint: when, why, and what it answered.' })
@Entity({ tableName: 'webhook_attempt' })
@Index({ properties: ['delivery', 'attemptNo'] })
export class WebhookAttempt {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => WebhookDelivery, { deleteRule: 'cascade' })
  delivery!: Rel<WebhookDelivery>;

  @Field(() => Int, { description: 'The attempt’s number within its delivery, from 1.' })
  @Property({ type: 'integer' })
  attemptNo!: number;

  @Field(() => String, { description: '`scheduled` (the outbox), `redelivery` (asked for) or `test`.' })
  @Property({ type: 'string', length: 16 })
  trigger!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  at!: Date;

  @Field(() => Int, { nullable: true, description: 'The HTTP status answered, or null when no answer came.' })
  @Property({ type: 'integer', nullable: true })
  statusCode?: number | null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  latencyMs?: number | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  error?: string | null;
}
