import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type GraphQLContext, viewerOf } from '../graphql/context.js';
import { ApiResource } from './api-resource.entity.js';
import { CreateApiResourceInput, CreateScopeInput, UpdateApiResourceInput, UpdateScopeInput } from './catalog.types.js';
import { Scope } from './scope.entity.js';

@Resolver(() => ApiResource)
export class CatalogResolver {
  @Query(() => [ApiResource], { description: 'The scope catalog: the tenant’s APIs and their scopes.' })
  apiResources(@Ctx() ctx: GraphQLContext): Promise<ApiResource[]> {
    return ctx.services.catalog.apiResources(viewerOf(ctx));
  }

  @Mutation(() => ApiResource, { description: 'Adds an API to the catalog; add its scopes with createScope.' })
  createApiResource(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => CreateApiResourceInput) input: CreateApiResourceInput,
  ): Promise<ApiResource> {
    return ctx.services.catalog.createApiResource(viewerOf(ctx), ctx.meta, input);
  }

  @Mutation(() => ApiResource)
  updateApiResource(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateApiResourceInput) input: UpdateApiResourceInput,
  ): Promise<ApiResource> {
    return ctx.services.catalog.updateApiResource(viewerOf(ctx), ctx.meta, id, input);
  }

  @Mutation(() => ID, {
    description: 'Deletes an API and its scopes; refused while an API client holds any of them. Returns its id.',
  })
  deleteApiResource(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<string> {
    return ctx.services.catalog.deleteApiResource(viewerOf(ctx), ctx.meta, id);
  }

  @Mutation(() => Scope, { description: 'Adds a scope to an API of the catalog (`apiResourceId` is the API’s id).' })
  createScope(
    @Ctx() ctx: GraphQLContext,
    @Arg('apiResourceId', () => ID) apiResourceId: string,
    @Arg('input', () => CreateScopeInput) input: CreateScopeInput,
  ): Promise<Scope> {
    return ctx.services.catalog.createScope(viewerOf(ctx), ctx.meta, apiResourceId, input);
  }

  @Mutation(() => Scope)
  updateScope(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateScopeInput) input: UpdateScopeInput,
  ): Promise<Scope> {
    return ctx.services.catalog.updateScope(viewerOf(ctx), ctx.meta, id, input);
  }

  @Mutation(() => ID, { description: 'Deletes a scope; refused while an API client holds it. Returns its id.' })
  deleteScope(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<string> {
    return ctx.services.catalog.deleteScope(viewerOf(ctx), ctx.meta, id);
  }

  @FieldResolver(() => [Scope])
  scopes(@Root() resource: ApiResource): Scope[] {
    return resource.scopes.getItems().sort((a, b) => a.name.localeCompare(b.name));
  }
}
