import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../graphql/connection.js';
import { WebhookAttempt, WebhookDeliveryStatus, WebhookEndpoint } from './webhook.entities.js';

@InputType({ description: 'A webhook endpoint. On an update, fields left out keep their values.' })
export class WebhookEndpointInput {
  @Field(() => String, { nullable: true, description: 'https URL that receives the events (POST, JSON).' })
  url?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: 'At least one of webhookEventTypes.' })
  eventTypes?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true. Enabling a disabled endpoint tries what waits at once.' })
  enabled?: boolean | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A vault credential applied to every delivery (e.g. the receiver’s OAuth2 client); "" removes it.',
  })
  vaultCredentialId?: string | null;
}

@ObjectType({ description: 'A new endpoint and its signing secret, shown this once.' })
export class CreatedWebhookEndpoint {
  @Field(() => WebhookEndpoint)
  endpoint!: WebhookEndpoint;

  @Field(() => String, {
    description: 'The `whsec_…` secret that signs every delivery (Standard Webhooks). Shown only now: Keyward cannot show it again.',
  })
  signingSecret!: string;
}

@ObjectType({ description: 'One event to one endpoint, with every call made for it.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Also the order: per endpoint, deliveries go out in this order.' })
  id!: string;

  @Field(() => String, { description: 'The `webhook-id` header: the same at every attempt and redelivery.' })
  messageId!: string;

  @Field(() => String)
  eventType!: string;

  @Field(() => GraphQLJSON, { description: 'The body sent: { type, timestamp, data }.' })
  payload!: unknown;

  @Field(() => WebhookDeliveryStatus)
  status!: WebhookDeliveryStatus;

  @Field(() => Int)
  attemptCount!: number;

  @Field(() => Date, { nullable: true, description: 'When it is tried next (PENDING).' })
  nextAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => [WebhookAttempt], { description: 'Oldest first.' })
  attempts!: WebhookAttempt[];
}

export const WebhookDeliveryConnection = connectionType('WebhookDelivery', WebhookDelivery);

@ObjectType({ description: 'What the endpoint answered to a test or a redelivery.' })
export class WebhookCallResult {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => Int, { nullable: true })
  statusCode!: number | null;

  @Field(() => Int, { nullable: true })
  latencyMs!: number | null;

  @Field(() => String, { description: 'In words: delivered, or why not.' })
  message!: string;

  @Field(() => ID, { description: 'The delivery in the log.' })
  deliveryId!: string;
}
