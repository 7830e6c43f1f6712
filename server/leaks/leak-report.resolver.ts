import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { type GraphQLContext, viewerOf } from '../graphql/context.js';

@Resolver()
export class LeakReportResolver {
  @Mutation(() => Boolean, {
    description:
      'Reports a value found where it should not be (a repository, a log, a chat). If it is a live client secret or personal API key of any tenant, it stops working at once and its contacts or owner are emailed. The answer is always true: it never says whether the value matched. Any signed-in user may report; at most 20 a minute.',
  })
  async reportLeakedCredential(@Ctx() ctx: GraphQLContext, @Arg('value', () => String) value: string): Promise<boolean> {
    await ctx.services.leakReports.fromPerson(viewerOf(ctx), ctx.meta.ipAddress ?? 'unknown', value);
    return true;
  }
}
