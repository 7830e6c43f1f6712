import { Field, InputType, Int } from 'type-graphql';
import { connectionType } from '../graphql/connection.js';
import { ApiClient } from './api-client.entity.js';

export const ApiClientConnection = connectionType('ApiClient', ApiClient);

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
}
