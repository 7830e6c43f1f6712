import { randomUUID } from 'node:crypto';
import { Collection, Entity, Index, ManyToMany, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Scope } from '../catalog/scope.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { TokenQuotaMode } from '../tenants/token-quota.rules.js';

@ObjectType({ description: 'A machine identity that obtains access tokens with its credentials.' })
@Entity({ tableName: 'api_client' })
@Unique({ properties: ['tenant', 'identifier'] })
@Index({ properties: ['tenant', 'name'] })
export class ApiClient {
  [OptionalProps]?:
    | 'contactEmails'
    | 'allowedIpRanges'
    | 'accessTokenLifetimeSeconds'
    | 'enabled'
    | 'requireSenderConstrainedTokens'
    | 'createdAt'
    | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Rel<Tenant>;

  @Field(() => String, { description: 'The OAuth client_id: `<tenant-slug>-<identifier>`. Never changes.' })
  @Property({ type: 'string', length: 100, unique: true })
  clientId!: string;

  @Field(() => String, { nullable: true, description: 'The chosen part of the client ID, if one was given.' })
  @Property({ type: 'string', length: 40, nullable: true })
  identifier?: string | null;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  description?: string | null;

  @ManyToMany({ entity: () => Scope, pivotTable: 'api_client_scope', owner: true })
  scopes = new Collection<Scope>(this);

  @Field(() => [String], { description: 'Who receives expiry reminders; at least one.' })
  @Property({ type: 'json' })
  contactEmails: string[] = [];

  @Field(() => [String], { description: 'IPv4/IPv6 addresses or CIDR blocks allowed to request tokens; empty = any address.' })
  @Property({ type: 'json' })
  allowedIpRanges: string[] = [];

  @Field(() => Int)
  @Property({ type: 'integer' })
  accessTokenLifetimeSeconds: number = 3600;

  @Field(() => Boolean, {
    description: 'A disabled client cannot obtain tokens, and the tokens it got before it was disabled stay inactive after re-enabling.',
  })
  @Property({ type: 'boolean' })
  enabled: boolean = true;

  @Field(() => Boolean, {
    description:
      'Only tokens bound to a key the client holds: a DPoP proof or its client certificate (tls_client_auth). A token request with neither is refused.',
  })
  @Property({ type: 'boolean' })
  requireSenderConstrainedTokens: boolean = false;

  /** Token quotas (docs/token-service.md#quotas); each null field takes the tenant's default. */
  @Field(() => Int, { nullable: true, description: "Tokens per hour (a calendar hour, UTC); null = the tenant's default." })
  @Property({ type: 'integer', nullable: true })
  tokensPerHour?: number | null;

  @Field(() => Int, { nullable: true, description: "Tokens per day (a calendar day, UTC); null = the tenant's default." })
  @Property({ type: 'integer', nullable: true })
  tokensPerDay?: number | null;

  @Field(() => TokenQuotaMode, { nullable: true, description: "What happens past a quota; null = the tenant's default." })
  @Property({ type: 'string', length: 10, nullable: true })
  tokenQuotaMode?: TokenQuotaMode | null;

  @Field(() => Int, {
    nullable: true,
    description: "The most access tokens one of its credentials may hold unexpired at once; null = the tenant's default.",
  })
  @Property({ type: 'integer', nullable: true })
  maxActiveTokensPerCredential?: number | null;

  /** When the client was last disabled: tokens issued up to then are inactive for good (docs/permissions.md#disabling-a-client-ends-its-tokens). */
  @Property({ type: 'datetime', nullable: true })
  tokensNotBefore?: Date | null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'string', length: 16 })
  createdByType!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  createdById?: string | null;

  @Property({ type: 'string', length: 200 })
  createdByName!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;
}
