import { Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { type GraphQLContext, viewerOf } from '../graphql/context.js';
import { Actor } from '../kernel/actor.js';
import { ALL_PERMISSIONS, Permission } from '../kernel/permissions.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { User } from './user.entity.js';

@ObjectType('Viewer', { description: 'Who is calling: a user, an API key or an API client, in which tenant, with which permissions.' })
export class ViewerView {
  @Field(() => Actor)
  actor!: Actor;

  @Field(() => Tenant)
  tenant!: Tenant;

  @Field(() => User, { nullable: true, description: 'The signed-in user, or the owner of the API key; null for an API client.' })
  user!: User | null;

  @Field(() => [Permission])
  permissions!: Permission[];

  @Field(() => Boolean, {
    description: 'True while the signed-in user is on a temporary password: only viewer and changeMyPassword work until they change it.',
  })
  mustChangePassword!: boolean;
}

@Resolver()
export class ViewerResolver {
  @Query(() => ViewerView)
  async viewer(@Ctx() ctx: GraphQLContext): Promise<ViewerView> {
    const viewer = viewerOf(ctx);
    // The viewer holds plain data; the GraphQL answer shows the records themselves.
    return Object.assign(new ViewerView(), {
      actor: viewer.actor,
      tenant: await ctx.services.tenants.byId(viewer.tenantId),
      user: await ctx.services.users.self(viewer),
      permissions: ALL_PERMISSIONS.filter((p) => viewer.can(p)),
      mustChangePassword: viewer.mustChangePassword,
    });
  }
}

@Resolver(() => Tenant)
export class TenantResolver {
  @FieldResolver(() => Int, { description: 'How many API clients the tenant holds now.' })
  apiClientCount(@Root() _tenant: Tenant, @Ctx() ctx: GraphQLContext): Promise<number> {
    // A viewer only ever sees its own tenant.
    return ctx.services.clients.count(viewerOf(ctx));
  }

  @FieldResolver(() => String, {
    description:
      'The tenant’s OAuth issuer (the `iss` of its tokens): its token endpoint and discovery document (`<issuer>/.well-known/openid-configuration`) are under it.',
  })
  issuer(@Root() tenant: Tenant, @Ctx() ctx: GraphQLContext): string {
    return ctx.services.tenantDirectory.issuer(tenant);
  }
}
