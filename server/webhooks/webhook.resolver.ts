import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toConnection } from '../graphql/connection.js';
import { type GraphQLContext, viewerOf } from '../graphql/context.js';
import { WebhookEndpoint } from './webhook.entities.js';
import {
  CreatedWebhookEndpoint,
  WebhookCallResult,
  type WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookEndpointInput,
} from './webhook.types.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-events.js';

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Query(() => [WebhookEndpoint], { description: 'The tenant’s webhook endpoints, oldest first.' })
  webhookEndpoints(@Ctx() ctx: GraphQLContext): Promise<WebhookEndpoint[]> {
    return ctx.services.webhooks.list(viewerOf(ctx));
  }

  @Query(() => [String], { description: 'The event types an endpoint can subscribe to.' })
  webhookEventTypes(): string[] {
    return [...WEBHOOK_EVENT_TYPES];
  }

  @Query(() => WebhookDeliveryConnection, { description: 'An endpoint’s delivery log, newest first, with every attempt.' })
  async webhookDeliveries(
    @Ctx() ctx: GraphQLContext,
    @Arg('endpointId', () => ID) endpointId: string,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    const page = await ctx.services.webhooks.deliveries(viewerOf(ctx), endpointId, first, after);
    const nodes: WebhookDelivery[] = page.nodes.map(({ delivery, message, attempts }) => ({
      id: String(delivery.seq),
      messageId: message.id,
      eventType: message.type,
      payload: message.payload,
      status: delivery.status,
      attemptCount: delivery.attempts,
      nextAttemptAt: delivery.status === 'PENDING' ? (delivery.nextAttemptAt ?? null) : null,
      lastStatusCode: delivery.lastStatusCode ?? null,
      lastError: delivery.lastError ?? null,
      deliveredAt: delivery.deliveredAt ?? null,
      createdAt: message.createdAt,
      attempts,
    }));
    return toConnection({ ...page, nodes }, after);
  }

  @Mutation(() => CreatedWebhookEndpoint, { description: 'A new endpoint; its signing secret is in the answer, and only there.' })
  createWebhookEndpoint(@Ctx() ctx: GraphQLContext, @Arg('input', () => WebhookEndpointInput) input: WebhookEndpointInput) {
    return ctx.services.webhooks.create(viewerOf(ctx), ctx.meta, input);
  }

  @Mutation(() => WebhookEndpoint)
  updateWebhookEndpoint(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => WebhookEndpointInput) input: WebhookEndpointInput,
  ): Promise<WebhookEndpoint> {
    return ctx.services.webhooks.update(viewerOf(ctx), ctx.meta, id, input);
  }

  @Mutation(() => Boolean, { description: 'Deletes the endpoint and its delivery log; undelivered events are dropped.' })
  deleteWebhookEndpoint(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return ctx.services.webhooks.delete(viewerOf(ctx), ctx.meta, id);
  }

  @Mutation(() => WebhookCallResult, { description: 'Sends the delivery’s event again now, with the same webhook-id.' })
  redeliverWebhook(@Ctx() ctx: GraphQLContext, @Arg('deliveryId', () => ID) deliveryId: string): Promise<WebhookCallResult> {
    return ctx.services.webhooks.redeliver(viewerOf(ctx), deliveryId);
  }

  @Mutation(() => WebhookCallResult, { description: 'Sends a `webhook.test` event now and says what the endpoint answered.' })
  sendTestWebhook(@Ctx() ctx: GraphQLContext, @Arg('endpointId', () => ID) endpointId: string): Promise<WebhookCallResult> {
    return ctx.services.webhooks.sendTest(viewerOf(ctx), endpointId);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The vault credential applied to every delivery, if any.' })
  vaultCredentialId(@Root() endpoint: WebhookEndpoint): string | null {
    return endpoint.vaultCredential?.id ?? null;
  }
}
