import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { type GraphQLContext, viewerOf } from '../graphql/context.js';
import type { SessionSummary } from './auth.service.js';

@ObjectType('UserSession', { description: 'A browser signed in as you. Ending it signs that browser out at once.' })
export class UserSessionView implements SessionSummary {
  @Field(() => ID, { description: 'Names the session for revokeSession; unrelated to its cookie.' })
  id!: string;

  @Field(() => Date, { description: 'When it signed in.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When it ends even if used (KEYWARD_SESSION_TTL_SECONDS after sign-in).' })
  expiresAt!: Date;

  @Field(() => Date, { description: 'Its last request, to within a minute; unused for KEYWARD_SESSION_IDLE_SECONDS, it ends.' })
  lastSeenAt!: Date;

  @Field(() => String, { nullable: true, description: 'The address it signed in from.' })
  ipAddress!: string | null;

  @Field(() => String, { nullable: true, description: 'The browser it signed in with.' })
  userAgent!: string | null;

  @Field(() => Boolean, { description: 'True for the session making this request.' })
  current!: boolean;
}

@Resolver()
export class SessionResolver {
  @Query(() => [UserSessionView], { description: 'Your signed-in browsers, this one first (sign-in with a session only).' })
  mySessions(@Ctx() ctx: GraphQLContext): Promise<SessionSummary[]> {
    return ctx.services.auth.listSessions(viewerOf(ctx));
  }

  @Mutation(() => ID, { description: 'Signs one of your sessions out at once (this one too, if you name it). Returns its id.' })
  revokeSession(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<string> {
    return ctx.services.auth.revokeSession(viewerOf(ctx), id, ctx.meta);
  }

  @Mutation(() => Int, { description: 'Signs out every session of yours except this one. Returns how many ended.' })
  revokeOtherSessions(@Ctx() ctx: GraphQLContext): Promise<number> {
    return ctx.services.auth.revokeOtherSessions(viewerOf(ctx), ctx.meta);
  }
}
