import { Migration } from '@mikro-orm/migrations';

/** Credentials: client secrets now (certificates extend this table), limited per client, cascade-deleted with it. */
export class Migration20261122010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "credential" ("id" uuid not null, "tenant_id" uuid not null, "api_client_id" uuid not null, "type" text check ("type" in ('CLIENT_SECRET', 'CERTIFICATE')) not null, "description" varchar(200) null, "created_at" timestamptz not null, "created_by_type" varchar(16) not null, "created_by_id" varchar(64) null, "created_by_name" varchar(200) not null, "expires_at" timestamptz not null, "last_used_at" timestamptz null, "secret_hash" varchar(100) null, "secret_hint" varchar(20) null, "replaced_by_id" uuid null, constraint "credential_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "credential" add constraint "credential_secret_hash_unique" unique ("secret_hash");`);
    this.addSql(`create index "credential_api_client_id_expires_at_index" on "credential" ("api_client_id", "expires_at");`);
    this.addSql(
      `alter table "credential" add constraint "credential_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "credential" add constraint "credential_api_client_id_foreign" foreign key ("api_client_id") references "api_client" ("id") on update cascade on delete cascade;`,
    );
  }
}
