import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { ApiClient } from '../clients/api-client.entity.js';
import { type GraphQLContext, viewerOf } from '../graphql/context.js';
import { Actor } from '../kernel/actor.js';
import { Credential, CredentialStatus } from './credential.entity.js';
import type { CreatedCertificate } from './credential.service.js';
import {
  CertificateDetails,
  CreateCertificateInput,
  CreateCertificatePayload,
  CreateClientSecretInput,
  CreateClientSecretPayload,
  CreateFederatedCredentialInput,
  CreatePrivateKeyJwtCredentialInput,
  FederatedCredentialDetails,
  PrivateKeyJwtDetails,
  RenewCertificateInput,
  RotateClientSecretInput,
  RotateClientSecretPayload,
} from './credential.types.js';
import { federationRule } from './kinds/federated.js';
import { privateKeyJwtDetails } from './kinds/private-key-jwt.js';

function certificatePayload({ credential, bundle, password }: CreatedCertificate): CreateCertificatePayload {
  return {
    credential,
    bundle: { filename: bundle.filename, mediaType: bundle.mediaType, contentBase64: bundle.content.toString('base64') },
    password,
  };
}

@Resolver(() => Credential)
export class CredentialResolver {
  @Mutation(() => CreateClientSecretPayload, { description: 'A new client secret; `secret` is returned only here, once.' })
  createClientSecret(
    @Ctx() ctx: GraphQLContext,
    @Arg('clientId', () => ID, { description: 'The API client’s `id` (not its client ID string).' }) clientId: string,
    @Arg('input', () => CreateClientSecretInput) input: CreateClientSecretInput,
  ): Promise<CreateClientSecretPayload> {
    return ctx.services.credentials.createClientSecret(viewerOf(ctx), ctx.meta, clientId, input);
  }

  @Mutation(() => RotateClientSecretPayload, { description: 'A new secret now; the old one keeps working for the grace period.' })
  rotateClientSecret(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'The secret to replace.' }) id: string,
    @Arg('input', () => RotateClientSecretInput) input: RotateClientSecretInput,
  ): Promise<RotateClientSecretPayload> {
    return ctx.services.credentials.rotateClientSecret(viewerOf(ctx), ctx.meta, id, input);
  }

  @Mutation(() => Credential, {
    description:
      'A private key JWT credential (RFC 7523 client assertions signed with the client’s own key): an uploaded public key, or a jwksUri fetched now and cached. Nothing secret is returned.',
  })
  createPrivateKeyJwtCredential(
    @Ctx() ctx: GraphQLContext,
    @Arg('clientId', () => ID, { description: 'The API client’s `id` (not its client ID string).' }) clientId: string,
    @Arg('input', () => CreatePrivateKeyJwtCredentialInput) input: CreatePrivateKeyJwtCredentialInput,
  ): Promise<Credential> {
    return ctx.services.credentials.createPrivateKeyJwtCredential(viewerOf(ctx), ctx.meta, clientId, input);
  }

  @Mutation(() => Credential, {
    description:
      'A federated credential (workload identity federation): the client’s workload presents a token from an external issuer — GitHub Actions, a Kubernetes service account, any OIDC issuer — as the client assertion with client_id, and no secret exists. The issuer’s discovery document and keys are read now.',
  })
  createFederatedCredential(
    @Ctx() ctx: GraphQLContext,
    @Arg('clientId', () => ID, { description: 'The API client’s `id` (not its client ID string).' }) clientId: string,
    @Arg('input', () => CreateFederatedCredentialInput) input: CreateFederatedCredentialInput,
  ): Promise<Credential> {
    return ctx.services.credentials.createFederatedCredential(viewerOf(ctx), ctx.meta, clientId, input);
  }

  @Mutation(() => CreateCertificatePayload, {
    description: 'Issues an mTLS certificate; the bundle (and password) is returned only here, once.',
  })
  async createCertificate(
    @Ctx() ctx: GraphQLContext,
    @Arg('clientId', () => ID, { description: 'The API client’s `id` (not its client ID string).' }) clientId: string,
    @Arg('input', () => CreateCertificateInput) input: CreateCertificateInput,
  ): Promise<CreateCertificatePayload> {
    return certificatePayload(await ctx.services.credentials.createCertificate(viewerOf(ctx), ctx.meta, clientId, input));
  }

  @Mutation(() => CreateCertificatePayload, {
    description:
      'A new certificate for the same client, description and key algorithm, naming the one it renews (renewalOfId); the old one keeps working until its own expiry. The bundle (and password) is returned only here, once.',
  })
  async renewCertificate(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'The certificate to renew.' }) id: string,
    @Arg('input', () => RenewCertificateInput, { nullable: true }) input: RenewCertificateInput | null,
  ): Promise<CreateCertificatePayload> {
    return certificatePayload(await ctx.services.credentials.renewCertificate(viewerOf(ctx), ctx.meta, id, input ?? {}));
  }

  @Mutation(() => ID, {
    description: 'Deletes a secret or certificate at once (a certificate is revoked and listed on the CRL). Returns its id.',
  })
  deleteCredential(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<string> {
    return ctx.services.credentials.deleteCredential(viewerOf(ctx), ctx.meta, id);
  }

  @Mutation(() => Credential, {
    description:
      'Disables or enables a secret or certificate. Disabled, it authenticates nothing, its tokens are inactive (for good) and it gets no reminders.',
  })
  setCredentialEnabled(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('enabled', () => Boolean) enabled: boolean,
  ): Promise<Credential> {
    return ctx.services.credentials.setCredentialEnabled(viewerOf(ctx), ctx.meta, id, enabled);
  }

  @FieldResolver(() => CredentialStatus)
  status(@Root() credential: Credential, @Ctx() ctx: GraphQLContext): CredentialStatus {
    return ctx.services.credentials.statusOf(credential);
  }

  @FieldResolver(() => CertificateDetails, { nullable: true, description: 'Set for certificates.' })
  certificate(@Root() credential: Credential): CertificateDetails | null {
    if (!credential.certSerial) return null;
    return {
      serialNumber: credential.certSerial,
      thumbprintSha256: credential.certThumbprint ?? '',
      subject: credential.certSubject ?? '',
      notBefore: credential.certNotBefore ?? credential.createdAt,
      notAfter: credential.certNotAfter ?? credential.expiresAt,
      keyAlgorithm: credential.certKeyAlgorithm ?? '',
      fromCsr: credential.certFromCsr ?? false,
    };
  }

  @FieldResolver(() => PrivateKeyJwtDetails, { nullable: true, description: 'Set for private key JWT credentials.' })
  privateKeyJwt(@Root() credential: Credential): PrivateKeyJwtDetails | null {
    const details = privateKeyJwtDetails(credential);
    if (!details) return null;
    return details.source === 'key'
      ? { keyId: details.keyId, thumbprintSha256: details.thumbprint, jwksUri: null }
      : { keyId: null, thumbprintSha256: null, jwksUri: details.jwksUri };
  }

  @FieldResolver(() => FederatedCredentialDetails, { nullable: true, description: 'Set for federated credentials.' })
  federated(@Root() credential: Credential): FederatedCredentialDetails | null {
    const rule = federationRule(credential);
    return rule ? { issuer: rule.issuer, audience: rule.audience, subject: rule.subject, claims: rule.claims } : null;
  }

  @FieldResolver(() => Actor)
  createdBy(@Root() credential: Credential): Actor {
    return Actor.fromCreatedBy(credential);
  }
}

@Resolver(() => ApiClient)
export class ApiClientCredentialsResolver {
  @FieldResolver(() => [Credential], { description: 'Secrets and certificates, soonest expiry first (needs SECRET_ADMINISTRATION).' })
  async credentials(@Root() client: ApiClient, @Ctx() ctx: GraphQLContext): Promise<Credential[]> {
    const credentials = await ctx.services.credentials.listForClient(client);
    for (const credential of credentials) credential.apiClient = client;
    return credentials;
  }

  @FieldResolver(() => Int, { description: 'How many secrets and certificates the client holds (needs SECRET_ADMINISTRATION).' })
  async credentialCount(@Root() client: ApiClient, @Ctx() ctx: GraphQLContext): Promise<number> {
    return (await ctx.credentialSummaries.load(client.id)).count;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description:
      'When the client’s next secret or certificate expires (the earliest, even if already past; rotated-away secrets and disabled credentials left out); null without any (needs SECRET_ADMINISTRATION).',
  })
  async nearestExpiry(@Root() client: ApiClient, @Ctx() ctx: GraphQLContext): Promise<Date | null> {
    return (await ctx.credentialSummaries.load(client.id)).nearestExpiry;
  }
}
