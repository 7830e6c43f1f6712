import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { type Connection, toConnection } from '../graphql/connection.js';
import { type GraphQLContext, viewerOf } from '../graphql/context.js';
import { UnusedCredential, UnusedCredentialConnection } from './unused-credentials.types.js';

@Resolver(() => UnusedCredential)
export class UnusedCredentialsResolver {
  @Query(() => UnusedCredentialConnection, {
    description:
      'Credentials of every client not used for the tenant’s unusedCredentialDays, longest unused first (needs SECRET_ADMINISTRATION).',
  })
  async unusedCredentials(
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: 'From 1 to 100; default 50.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Connection<UnusedCredential>> {
    const page = await ctx.services.unusedCredentials.list(viewerOf(ctx), first, after);
    return toConnection({ ...page, nodes: page.nodes.map(UnusedCredential.from) }, after);
  }
}
