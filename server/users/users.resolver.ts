import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type GraphQLContext, viewerOf } from '../graphql/context.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { Team } from './team.entity.js';
import { User } from './user.entity.js';
import {
  CreateTeamInput,
  CreateUserInput,
  CreateUserPayload,
  TokenSigningAlgorithm,
  UpdateTeamInput,
  UpdateTenantSettingsInput,
  UpdateUserInput,
} from './users.types.js';

const byName = <T extends { name: string }>(items: T[]) => [...items].sort((a, b) => a.name.localeCompare(b.name));

@Resolver(() => User)
export class UserResolver {
  @Query(() => [User], { description: 'The tenant’s users, by name.' })
  users(@Ctx() ctx: GraphQLContext): Promise<User[]> {
    return ctx.services.users.list(viewerOf(ctx));
  }

  @Mutation(() => CreateUserPayload, {
    description: 'Creates a user with a temporary password, returned once; they must change it when they first sign in.',
  })
  createUser(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateUserInput) input: CreateUserInput): Promise<CreateUserPayload> {
    return ctx.services.users.create(viewerOf(ctx), ctx.meta, input);
  }

  @Mutation(() => User)
  updateUser(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateUserInput) input: UpdateUserInput,
  ): Promise<User> {
    return ctx.services.users.update(viewerOf(ctx), ctx.meta, id, input);
  }

  @Mutation(() => User, { description: 'Ends the user’s sessions at once; they cannot sign in and their personal API keys are suspended.' })
  disableUser(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<User> {
    return ctx.services.users.disable(viewerOf(ctx), ctx.meta, id);
  }

  @Mutation(() => User)
  enableUser(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<User> {
    return ctx.services.users.enable(viewerOf(ctx), ctx.meta, id);
  }

  @Mutation(() => Boolean, {
    description: 'The signed-in user replaces their password (also a temporary one). Their other sessions end; this one stays.',
  })
  changeMyPassword(
    @Ctx() ctx: GraphQLContext,
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
  ): Promise<boolean> {
    return ctx.services.users.changeOwnPassword(viewerOf(ctx), ctx.meta, currentPassword, newPassword);
  }

  @FieldResolver(() => [Team], { description: 'The teams the user belongs to, by name.' })
  async teams(@Root() user: User): Promise<Team[]> {
    return byName(user.teams.isInitialized() ? user.teams.getItems() : await user.teams.loadItems());
  }
}

@Resolver(() => Team)
export class TeamResolver {
  @Query(() => [Team], { description: 'The tenant’s teams, by name.' })
  teams(@Ctx() ctx: GraphQLContext): Promise<Team[]> {
    return ctx.services.teams.list(viewerOf(ctx));
  }

  @Mutation(() => Team)
  createTeam(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateTeamInput) input: CreateTeamInput): Promise<Team> {
    return ctx.services.teams.create(viewerOf(ctx), ctx.meta, input);
  }

  @Mutation(() => Team, { description: 'Members hold the new permissions from their next request.' })
  updateTeam(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateTeamInput) input: UpdateTeamInput,
  ): Promise<Team> {
    return ctx.services.teams.update(viewerOf(ctx), ctx.meta, id, input);
  }

  @Mutation(() => ID, { description: 'Deletes the team; its members keep their accounts. Returns its id.' })
  deleteTeam(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<string> {
    return ctx.services.teams.delete(viewerOf(ctx), ctx.meta, id);
  }

  @FieldResolver(() => [User], { description: 'Who belongs to the team, by name. Needs SECURITY_ADMINISTRATION.' })
  async members(@Root() team: Team): Promise<User[]> {
    return byName(team.members.isInitialized() ? team.members.getItems() : await team.members.loadItems());
  }
}

@Resolver(() => Tenant)
export class TenantSettingsResolver {
  @Mutation(() => Tenant, {
    description:
      'Changes the tenant’s limits, within the system maximums and not below what it already holds, and its token signing algorithm: a new algorithm signs new tokens from `tokenSigningAlgorithmEffectiveAt` on.',
  })
  updateTenantSettings(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => UpdateTenantSettingsInput) input: UpdateTenantSettingsInput,
  ): Promise<Tenant> {
    return ctx.services.tenantSettings.update(viewerOf(ctx), ctx.meta, input);
  }

  @FieldResolver(() => TokenSigningAlgorithm, {
    description: 'The JWS algorithm of the tenant’s access tokens (ES256 unless changed); see tokenSigningAlgorithmEffectiveAt.',
  })
  tokenSigningAlgorithm(@Root() tenant: Tenant): string {
    return tenant.tokenSigningAlgorithm;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description:
      'From when new tokens are signed with tokenSigningAlgorithm (the activation of the tenant’s newest signing key). After a change it lies in the future: the new key is published in the JWKS at once and signs only once every copy cached before the change has expired (the JWKS max-age plus a margin); until then tokens keep the previous algorithm. Null while no key of the algorithm exists yet; saving the setting again makes one.',
  })
  tokenSigningAlgorithmEffectiveAt(@Root() tenant: Tenant, @Ctx() ctx: GraphQLContext): Promise<Date | null> {
    return ctx.services.tenantSettings.tokenSigningAlgorithmEffectiveAt(tenant);
  }
}
