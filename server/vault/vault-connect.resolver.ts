import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { type GraphQLContext, viewerOf } from '../graphql/context.js';

@Resolver()
export class VaultConnectResolver {
  @Mutation(() => String, {
    description:
      'OAUTH2 with the authorization code grant: the provider’s authorize URL (with state and a PKCE S256 challenge) to open in the browser signed in to Keyward; the provider sends you back to /vault/oauth2/callback within 10 minutes, and the credential keeps the tokens.',
  })
  connectVaultCredential(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<string> {
    return ctx.services.vaultConnect.start(viewerOf(ctx), id);
  }
}
