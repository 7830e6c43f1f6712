import { Migration } from '@mikro-orm/migrations';

/** Personal API keys (docs/concepts.md#personal-api-keys): one row per key, found by the keyed hash of its value, listed per owner. */
export class Migration20261122100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "personal_api_key" ("id" uuid not null, "tenant_id" uuid not null, "owner_id" uuid not null, "name" varchar(100) not null, "hint" varchar(20) not null, "token_hash" varchar(100) not null, "created_at" timestamptz not null, "regenerated_at" timestamptz null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, "last_used_ip" varchar(64) null, constraint "personal_api_key_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "personal_api_key" add constraint "personal_api_key_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "personal_api_key_owner_id_created_at_index" on "personal_api_key" ("owner_id", "created_at");`);
    this.addSql(
      `alter table "personal_api_key" add constraint "personal_api_key_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "personal_api_key" add constraint "personal_api_key_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
  }
}
