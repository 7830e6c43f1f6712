import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type GraphQLContext, viewerOf } from '../graphql/context.js';
import { PersonalApiKey, PersonalApiKeyStatus } from './personal-api-key.entity.js';
import { CreatePersonalApiKeyInput, CreatePersonalApiKeyPayload } from './personal-api-key.types.js';

@Resolver(() => PersonalApiKey)
export class PersonalApiKeyResolver {
  @Query(() => [PersonalApiKey], { description: 'The signed-in user’s own personal API keys, newest first.' })
  myApiKeys(@Ctx() ctx: GraphQLContext): Promise<PersonalApiKey[]> {
    return ctx.services.personalApiKeys.list(viewerOf(ctx));
  }

  @Mutation(() => CreatePersonalApiKeyPayload, {
    description:
      'A new personal API key for the signed-in user, with the permissions chosen (at most 20 keys that are not revoked or expired per user); `token` is returned only here, once.',
  })
  createPersonalApiKey(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => CreatePersonalApiKeyInput) input: CreatePersonalApiKeyInput,
  ): Promise<CreatePersonalApiKeyPayload> {
    return ctx.services.personalApiKeys.create(viewerOf(ctx), ctx.meta, input);
  }

  @Mutation(() => PersonalApiKey, { description: 'Stops one of your personal API keys at once, for good.' })
  revokePersonalApiKey(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<PersonalApiKey> {
    return ctx.services.personalApiKeys.revoke(viewerOf(ctx), ctx.meta, id);
  }

  @Mutation(() => CreatePersonalApiKeyPayload, {
    description:
      'A new value for one of your personal API keys, keeping its name and permissions; the old value stops working at once. The new value lasts as long as the old one was given (at most 365 days, or the tenant’s shorter maximum). `token` is returned only here, once.',
  })
  regeneratePersonalApiKey(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<CreatePersonalApiKeyPayload> {
    return ctx.services.personalApiKeys.regenerate(viewerOf(ctx), ctx.meta, id);
  }

  @FieldResolver(() => PersonalApiKeyStatus, { description: 'Whether the key works now.' })
  status(@Root() apiKey: PersonalApiKey, @Ctx() ctx: GraphQLContext): PersonalApiKeyStatus {
    return ctx.services.personalApiKeys.statusOf(apiKey);
  }
}
