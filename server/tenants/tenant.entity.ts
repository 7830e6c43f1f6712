import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TokenQuotaMode } from './token-quota.rules.js';

/** JWS algorithms a tenant can sign its access tokens with (ES256 default; RS256 as RFC 9068 asks servers to offer). */
export const TOKEN_SIGNING_ALGORITHMS = ['ES256', 'RS256', 'EdDSA'] as const;
export type TokenSigningAlgorithm = (typeof TOKEN_SIGNING_ALGORITHMS)[number];

/** System-wide ceilings; a tenant's own limits may only be lower. */
export const SYSTEM_LIMITS = {
  maxClients: 1000,
  maxCredentialsPerClient: 20,
  maxCredentialLifetimeDays: 365,
} as const;

@ObjectType({ description: 'An organisation. Every other record belongs to exactly one tenant.' })
@Entity({ tableName: 'tenant' })
export class Tenant {
  [OptionalProps]?:
    | 'maxClients'
    | 'maxCredentialsPerClient'
    | 'maxCredentialLifetimeDays'
    | 'createdAt'
    | 'rootIssuer'
    | 'tokenSigningAlgorithm'
    | 'credentialPolicy'
    | 'unusedCredentialDays'
    | 'autoDisableUnusedCredentials'
    | 'tokenQuotaMode';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Lowercase letters, digits and hyphens; the prefix of every client ID.' })
  @Property({ type: 'string', length: 40, unique: true })
  slug!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => Int, { description: 'How many API clients this tenant may hold.' })
  @Property({ type: 'integer' })
  maxClients: number = 20;

  @Field(() => Int, { description: 'How many secrets and certificates one API client may hold.' })
  @Property({ type: 'integer' })
  maxCredentialsPerClient: number = 5;

  @Field(() => Int, { description: 'The furthest ahead, in days, a credential may expire.' })
  @Property({ type: 'integer' })
  maxCredentialLifetimeDays: number = 365;

  /** The tenant made at first start: its issuer is the public URL itself (server/tenants/issuer.ts). */
  @Property({ type: 'boolean' })
  rootIssuer: boolean = false;

  /** The JWS algorithm of the tenant's access tokens; changing it rotates the tenant's signing key. */
  @Property({ type: 'string', length: 10 })
  tokenSigningAlgorithm: TokenSigningAlgorithm = 'ES256';

  /** The tenant's credential policy as stored; read it through credentials/credential-policy.ts readCredentialPolicy. */
  @Property({ type: 'json', default: "'{}'" })
  credentialPolicy: Record<string, unknown> = {};
  @Field(() => Int, {
    description:
      'A credential not used for this many days (counted from its creation if it was never used) is an unused-credential finding.',
  })
  @Property({ type: 'integer', default: 90 })
  unusedCredentialDays: number = 90;

  @Field(() => Boolean, { description: 'Whether a credential is disabled when it becomes an unused-credential finding.' })
  @Property({ type: 'boolean', default: false })
  autoDisableUnusedCredentials: boolean = false;

  /** Token quotas (docs/token-service.md#quotas): the defaults of every client that sets none of its own. */
  @Field(() => Int, {
    nullable: true,
    description: 'Default tokens per hour for each API client (a calendar hour, UTC); null = no hourly quota.',
  })
  @Property({ type: 'integer', nullable: true })
  tokensPerHour?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Default tokens per day for each API client (a calendar day, UTC); null = no daily quota.',
  })
  @Property({ type: 'integer', nullable: true })
  tokensPerDay?: number | null;

  @Field(() => TokenQuotaMode, {
    description: 'Default for clients that choose none: refuse requests past a quota (ENFORCE) or only record them (MONITOR).',
  })
  @Property({ type: 'string', length: 10 })
  tokenQuotaMode: TokenQuotaMode = TokenQuotaMode.ENFORCE;

  @Field(() => Int, {
    nullable: true,
    description: 'Default most access tokens one credential may hold unexpired at once; null = no limit. Always enforced.',
  })
  @Property({ type: 'integer', nullable: true })
  maxActiveTokensPerCredential?: number | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
