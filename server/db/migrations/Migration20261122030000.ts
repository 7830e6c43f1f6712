import { Migration } from '@mikro-orm/migrations';

/** Token service: signing keys (sealed), revoked tokens, and the introspection scope for existing tenants. */
export class Migration20261122030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "revoked_token" ("jti" varchar(64) not null, "api_client_id" uuid not null, "expires_at" timestamptz not null, "revoked_at" timestamptz not null, constraint "revoked_token_pkey" primary key ("jti"));`,
    );
    this.addSql(`create index "revoked_token_expires_at_index" on "revoked_token" ("expires_at");`);
    this.addSql(
      `create table "signing_key" ("kid" varchar(64) not null, "public_jwk" jsonb not null, "sealed_private_key" text not null, "created_at" timestamptz not null, "retired_at" timestamptz null, "expires_at" timestamptz null, constraint "signing_key_pkey" primary key ("kid"));`,
    );
    this.addSql(
      `insert into "scope" ("id", "tenant_id", "api_resource_id", "name", "description") select gen_random_uuid(), r."tenant_id", r."id", 'keyward:tokens.introspect', 'Introspect access tokens issued to this tenant’s clients (RFC 7662)' from "api_resource" r where r."built_in" and not exists (select 1 from "scope" s where s."tenant_id" = r."tenant_id" and s."name" = 'keyward:tokens.introspect');`,
    );
  }
}
