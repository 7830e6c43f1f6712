import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Scope } from '../catalog/scope.entity.js';
import { type Connection, toConnection } from '../graphql/connection.js';
import { type GraphQLContext, viewerOf } from '../graphql/context.js';
import { Actor } from '../kernel/actor.js';
import { ApiClient } from './api-client.entity.js';
import { ApiClientConnection, ApiClientOrder, CreateApiClientInput, UpdateApiClientInput } from './api-client.types.js';

@Resolver(() => ApiClient)
export class ApiClientResolver {
  @Query(() => ApiClientConnection, {
    description:
      'The tenant’s API clients, newest first unless `orderBy` says otherwise; `search` matches name, client ID and description. A cursor continues only the order it was given out for.',
  })
  async apiClients(
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('orderBy', () => ApiClientOrder, { nullable: true }) orderBy: ApiClientOrder | null,
  ): Promise<Connection<ApiClient>> {
    return toConnection(await ctx.services.clients.list(viewerOf(ctx), { first, after, search, orderBy }), after);
  }

  @Query(() => ApiClient, { nullable: true })
  apiClient(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<ApiClient> {
    return ctx.services.clients.get(viewerOf(ctx), id);
  }

  @Mutation(() => ApiClient)
  createApiClient(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateApiClientInput) input: CreateApiClientInput): Promise<ApiClient> {
    return ctx.services.clients.create(viewerOf(ctx), ctx.meta, input);
  }

  @Mutation(() => ApiClient)
  updateApiClient(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateApiClientInput) input: UpdateApiClientInput,
  ): Promise<ApiClient> {
    return ctx.services.clients.update(viewerOf(ctx), ctx.meta, id, input);
  }

  @Mutation(() => ID, { description: 'Deletes the client (and its credentials); its audit history is kept. Returns its id.' })
  deleteApiClient(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<string> {
    return ctx.services.clients.delete(viewerOf(ctx), ctx.meta, id);
  }

  @FieldResolver(() => [Scope])
  scopes(@Root() client: ApiClient): Scope[] {
    return client.scopes.getItems().sort((a, b) => a.name.localeCompare(b.name));
  }

  @FieldResolver(() => Actor)
  createdBy(@Root() client: ApiClient): Actor {
    return Actor.fromCreatedBy(client);
  }
}
