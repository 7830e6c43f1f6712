import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { type Connection, toConnection } from '../graphql/connection.js';
import { type GraphQLContext, viewerOf } from '../graphql/context.js';
import { AuditEventConnection, AuditEventFilter, AuditEventView } from './audit.types.js';

@Resolver()
export class AuditResolver {
  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first.' })
  async auditEvents(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<Connection<AuditEventView>> {
    const page = await ctx.services.audit.list(viewerOf(ctx), filter, first, after);
    return toConnection({ ...page, nodes: page.nodes.map(AuditEventView.from) }, after);
  }
}
