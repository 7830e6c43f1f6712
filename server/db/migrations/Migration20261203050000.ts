import { Migration } from '@mikro-orm/migrations';

/**
 * The outbound credential vault (docs/vault.md): its table, the keyward:vault.use scope in every tenant's built-in
 * Management API, and the two vault permissions for each tenant's bootstrap Administrators team.
 */
export class Migration20261203050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "vault_credential" ("id" uuid not null, "tenant_id" uuid not null, "name" varchar(100) not null, "description" varchar(500) null, "type" text check ("type" in ('API_KEY', 'OAUTH2', 'BEARER_TOKEN', 'BASIC_AUTH', 'CUSTOM_HEADERS')) not null, "contact_emails" text[] not null, "test_url" varchar(2000) null, "settings" jsonb not null, "sealed_secrets" text not null, "sealed_tokens" text null, "hint" varchar(200) not null, "expires_at" timestamptz null, "enabled" boolean not null default true, "access_token_expires_at" timestamptz null, "renewal_failures" int not null default 0, "needs_reauthorization_at" timestamptz null, "last_renewal_error" varchar(500) null, "last_renewed_at" timestamptz null, "last_used_at" timestamptz null, "created_at" timestamptz not null, "created_by_type" varchar(16) not null, "created_by_id" varchar(64) null, "created_by_name" varchar(200) not null, "updated_at" timestamptz not null, constraint "vault_credential_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "vault_credential" add constraint "vault_credential_tenant_id_name_unique" unique ("tenant_id", "name");`);
    this.addSql(
      `alter table "vault_credential" add constraint "vault_credential_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `insert into "scope" ("id", "tenant_id", "api_resource_id", "name", "description") select gen_random_uuid(), r."tenant_id", r."id", 'keyward:vault.use', 'Get ready-to-send authorization headers of the vault’s credentials for calling other services' from "api_resource" r where r."built_in" and not exists (select 1 from "scope" s where s."tenant_id" = r."tenant_id" and s."name" = 'keyward:vault.use');`,
    );
    this.addSql(
      `update "team" set "permissions" = "permissions" || '["VAULT_ADMINISTRATION", "VAULT_MANAGE"]'::jsonb where "name" = 'Administrators' and "permissions" @> '["SECURITY_ADMINISTRATION"]'::jsonb and not "permissions" @> '["VAULT_MANAGE"]'::jsonb;`,
    );
  }
}
