import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { ApiClient } from '../clients/api-client.entity.js';
import { Credential } from '../credentials/credential.entity.js';
import { type GraphQLContext, viewerOf } from '../graphql/context.js';
import { ReminderDelivery } from './reminder-delivery.entity.js';

@Resolver(() => Credential)
export class ReminderResolver {
  @Query(() => [Credential], {
    description:
      'Secrets and certificates of every client that expire within `withinDays` days, soonest first (needs SECRET_ADMINISTRATION).',
  })
  expiringCredentials(
    @Ctx() ctx: GraphQLContext,
    @Arg('withinDays', () => Int, { defaultValue: 30, description: 'From 1 to 365.' }) withinDays: number,
  ): Promise<Credential[]> {
    return ctx.services.reminderQueries.expiring(viewerOf(ctx), withinDays);
  }

  @FieldResolver(() => ApiClient, { description: 'The API client this credential belongs to.' })
  async apiClient(@Root() credential: Credential, @Ctx() ctx: GraphQLContext): Promise<ApiClient> {
    return ctx.services.reminderQueries.clientOf(credential);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Whole days until it expires, rounded up; null once it has expired.' })
  daysLeft(@Root() credential: Credential, @Ctx() ctx: GraphQLContext): number | null {
    return ctx.services.reminderQueries.daysLeftOf(credential);
  }

  @FieldResolver(() => [ReminderDelivery], { description: 'Expiry reminders about this credential, newest first.' })
  reminders(@Root() credential: Credential, @Ctx() ctx: GraphQLContext): Promise<ReminderDelivery[]> {
    return ctx.services.reminderQueries.history(credential.id);
  }
}
