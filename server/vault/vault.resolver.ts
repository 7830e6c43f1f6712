import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type GraphQLContext, viewerOf } from '../graphql/context.js';
import { Actor } from '../kernel/actor.js';
import { VaultCredentialAuthorization, VaultCredentialInput, VaultCredentialSettings, VaultTestResult } from './vault.types.js';
import { VaultCredential, VaultCredentialStatus } from './vault-credential.entity.js';

@Resolver(() => VaultCredential)
export class VaultResolver {
  @Query(() => [VaultCredential], { description: 'The tenant’s vault credentials, by name (metadata only).' })
  vaultCredentials(@Ctx() ctx: GraphQLContext): Promise<VaultCredential[]> {
    return ctx.services.vault.list(viewerOf(ctx));
  }

  @Query(() => VaultCredential)
  vaultCredential(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<VaultCredential> {
    return ctx.services.vault.get(viewerOf(ctx), id);
  }

  @Mutation(() => VaultCredential, { description: 'Stores a credential for calling another service, sealed; its value is never returned.' })
  createVaultCredential(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => VaultCredentialInput) input: VaultCredentialInput,
  ): Promise<VaultCredential> {
    return ctx.services.vault.create(viewerOf(ctx), ctx.meta, input);
  }

  @Mutation(() => VaultCredential, { description: 'Changes what is given; secrets left out or blank keep their stored values.' })
  updateVaultCredential(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => VaultCredentialInput) input: VaultCredentialInput,
  ): Promise<VaultCredential> {
    return ctx.services.vault.update(viewerOf(ctx), ctx.meta, id, input);
  }

  @Mutation(() => Boolean)
  deleteVaultCredential(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return ctx.services.vault.delete(viewerOf(ctx), ctx.meta, id);
  }

  @Mutation(() => VaultTestResult, {
    description: 'Calls `url` (or the credential’s test URL) with the credential applied and says what the service answered.',
  })
  testVaultCredential(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('url', () => String, { nullable: true }) url?: string | null,
  ): Promise<VaultTestResult> {
    return ctx.services.vault.test(viewerOf(ctx), ctx.meta, id, url);
  }

  @Mutation(() => VaultTestResult, {
    description: 'Test before saving: nothing is stored. With `id` (an edit of that credential), secrets left blank are its stored ones.',
  })
  testVaultCredentialDraft(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => VaultCredentialInput) input: VaultCredentialInput,
    @Arg('url', () => String, { nullable: true }) url?: string | null,
    @Arg('id', () => ID, { nullable: true, description: 'The saved credential the input edits.' }) id?: string | null,
  ): Promise<VaultTestResult> {
    if (id) return ctx.services.vault.testEdit(viewerOf(ctx), ctx.meta, id, input, url);
    return ctx.services.vault.testDraft(viewerOf(ctx), input, url);
  }

  @Mutation(() => VaultCredential, { description: 'OAUTH2: a new access token now.' })
  renewVaultCredential(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<VaultCredential> {
    return ctx.services.vault.renew(viewerOf(ctx), ctx.meta, id);
  }

  @Query(() => VaultCredentialAuthorization, {
    description:
      'The ready-to-send headers (or query parameters) of a vault credential, with a fresh OAuth2 access token; for an API client holding keyward:vault.use or a user with VAULT_MANAGE. Each use is audited.',
  })
  vaultCredentialAuthorization(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<VaultCredentialAuthorization> {
    return ctx.services.vault.authorization(viewerOf(ctx), ctx.meta, id);
  }

  @FieldResolver(() => VaultCredentialStatus)
  status(@Root() credential: VaultCredential, @Ctx() ctx: GraphQLContext): VaultCredentialStatus {
    return ctx.services.vault.statusOf(credential);
  }

  @FieldResolver(() => VaultCredentialSettings)
  settings(@Root() credential: VaultCredential, @Ctx() ctx: GraphQLContext): VaultCredentialSettings {
    const settings = ctx.services.vault.settingsOf(credential);
    switch (settings.type) {
      case 'API_KEY':
        return { placement: settings.placement, parameterName: settings.name };
      case 'OAUTH2': {
        const { type: _type, ...rest } = settings;
        return rest;
      }
      case 'BEARER_TOKEN':
        return { tokenExpiresAt: settings.tokenExpiresAt ? new Date(settings.tokenExpiresAt) : null };
      case 'BASIC_AUTH':
        return { username: settings.username };
      case 'CUSTOM_HEADERS':
        return { headerNames: settings.names };
      default:
        return {};
    }
  }

  @FieldResolver(() => Actor)
  createdBy(@Root() credential: VaultCredential): Actor {
    return Actor.fromCreatedBy(credential);
  }
}
