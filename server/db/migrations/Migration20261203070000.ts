import { Migration } from '@mikro-orm/migrations';

/** OAUTH2 Connect (docs/vault.md#connect): the states waiting for a provider to send the person back. */
export class Migration20261203070000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "vault_connect_state" ("id" uuid not null, "state_hash" varchar(64) not null, "tenant_id" uuid not null, "credential_id" uuid not null, "user_id" uuid not null, "session_token_hash" varchar(64) not null, "sealed_verifier" text not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "vault_connect_state_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "vault_connect_state" add constraint "vault_connect_state_state_hash_unique" unique ("state_hash");`);
    this.addSql(`create index "vault_connect_state_expires_at_index" on "vault_connect_state" ("expires_at");`);
    this.addSql(
      `alter table "vault_connect_state" add constraint "vault_connect_state_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "vault_connect_state" add constraint "vault_connect_state_credential_id_foreign" foreign key ("credential_id") references "vault_credential" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "vault_connect_state" add constraint "vault_connect_state_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "vault_connect_state" add constraint "vault_connect_state_session_token_hash_foreign" foreign key ("session_token_hash") references "session" ("token_hash") on update cascade on delete cascade;`,
    );
  }
}
