import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { connectionType } from '../graphql/connection.js';
import { TokenQuotaMode } from '../tenants/token-quota.rules.js';
import { ApiClient } from './api-client.entity.js';

export const ApiClientConnection = connectionType('ApiClient', ApiClient);

export enum ApiClientOrderField {
  CREATED_AT = 'CREATED_AT',
  NAME = 'NAME',
  LAST_USED_AT = 'LAST_USED_AT',
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(ApiClientOrderField, {
  name: 'ApiClientOrderField',
  valuesConfig: {
    CREATED_AT: { description: 'When the client was created.' },
    NAME: { description: 'The name, ignoring case.' },
    LAST_USED_AT: { description: 'When it last got a token; a client never used counts as used before every other.' },
  },
});
registerEnumType(OrderDirection, { name: 'OrderDirection' });

@InputType({ description: 'The order of the client list; the client id breaks ties.' })
export class ApiClientOrder {
  @Field(() => ApiClientOrderField)
  field!: ApiClientOrderField;

  @Field(() => OrderDirection)
  direction!: OrderDirection;
}

@InputType()
export class CreateApiClientInput {
  @Field(() => String, { description: '1–100 characters.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: '3–40 of a-z 0-9 -; the client ID becomes <tenant-slug>-<identifier>. Empty → 16 random characters.',
  })
  identifier?: string | null;

  @Field(() => String, { nullable: true, description: 'At most 500 characters.' })
  description?: string | null;

  @Field(() => [String], { nullable: true, defaultValue: [], description: 'Scope names from the tenant catalog.' })
  scopes?: string[] | null;

  @Field(() => [String], { description: '1–10 addresses that receive expiry reminders.' })
  contactEmails!: string[];

  @Field(() => [String], { nullable: true, defaultValue: [], description: 'IPv4/IPv6 addresses or CIDR blocks; empty = any address.' })
  allowedIpRanges?: string[] | null;

  @Field(() => Int, { nullable: true, defaultValue: 3600, description: '300–86400 seconds.' })
  accessTokenLifetimeSeconds?: number | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  enabled?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Refuse tokens not bound to a key the client holds (DPoP proof or client certificate).',
  })
  requireSenderConstrainedTokens?: boolean | null;

  @Field(() => Int, { nullable: true, description: "Tokens per hour, 1–1,000,000; null = the tenant's default." })
  tokensPerHour?: number | null;

  @Field(() => Int, { nullable: true, description: "Tokens per day, 1–10,000,000; null = the tenant's default." })
  tokensPerDay?: number | null;

  @Field(() => TokenQuotaMode, { nullable: true, description: "What happens past a quota; null = the tenant's default." })
  tokenQuotaMode?: TokenQuotaMode | null;

  @Field(() => Int, {
    nullable: true,
    description: "The most unexpired access tokens per credential, 1–100,000; null = the tenant's default.",
  })
  maxActiveTokensPerCredential?: number | null;
}

@InputType({ description: 'Only the fields given change. The identifier (and so the client ID) never changes.' })
export class UpdateApiClientInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true })
  scopes?: string[] | null;

  @Field(() => [String], { nullable: true })
  contactEmails?: string[] | null;

  @Field(() => [String], { nullable: true })
  allowedIpRanges?: string[] | null;

  @Field(() => Int, { nullable: true })
  accessTokenLifetimeSeconds?: number | null;

  @Field(() => Boolean, { nullable: true })
  enabled?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  requireSenderConstrainedTokens?: boolean | null;

  @Field(() => Int, { nullable: true, description: "Tokens per hour, 1–1,000,000; null = the tenant's default." })
  tokensPerHour?: number | null;

  @Field(() => Int, { nullable: true, description: "Tokens per day, 1–10,000,000; null = the tenant's default." })
  tokensPerDay?: number | null;

  @Field(() => TokenQuotaMode, { nullable: true, description: "What happens past a quota; null = the tenant's default." })
  tokenQuotaMode?: TokenQuotaMode | null;

  @Field(() => Int, {
    nullable: true,
    description: "The most unexpired access tokens per credential, 1–100,000; null = the tenant's default.",
  })
  maxActiveTokensPerCredential?: number | null;
}
