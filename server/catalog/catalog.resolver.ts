import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { type GraphQLContext, viewerOf } from '../graphql/context.js';
import { ApiResource } from './api-resource.entity.js';
import { Scope } from './scope.entity.js';

@Resolver(() => ApiResource)
export class CatalogResolver {
  @Query(() => [ApiResource], { description: 'The scope catalog: the tenant’s APIs and their scopes.' })
  apiResources(@Ctx() ctx: GraphQLContext): Promise<ApiResource[]> {
    return ctx.services.catalog.apiResources(viewerOf(ctx));
  }

  @FieldResolver(() => [Scope])
  scopes(@Root() resource: ApiResource): Scope[] {
    return resource.scopes.getItems();
  }
}
