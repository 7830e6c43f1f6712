import { Migration } from '@mikro-orm/migrations';

/**
 * PRIVATE_KEY_JWT credentials (docs/concepts.md#credentials): a credential kind whose facts live in `details` (the public JWK or the
 * jwksUri), and the `jti` of every client assertion used, kept until it expires so it is refused a second time.
 */
export class Migration20261203020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "credential" drop constraint if exists "credential_type_check";`);
    this.addSql(
      `alter table "credential" add constraint "credential_type_check" check ("type" in ('CLIENT_SECRET', 'CERTIFICATE', 'PRIVATE_KEY_JWT'));`,
    );
    this.addSql(`alter table "credential" add column "details" jsonb null;`);
    this.addSql(
      `create table "client_assertion" ("api_client_id" uuid not null, "jti" varchar(255) not null, "expires_at" timestamptz not null, constraint "client_assertion_pkey" primary key ("api_client_id", "jti"));`,
    );
    this.addSql(`create index "client_assertion_expires_at_index" on "client_assertion" ("expires_at");`);
    this.addSql(
      `alter table "client_assertion" add constraint "client_assertion_api_client_id_foreign" foreign key ("api_client_id") references "api_client" ("id") on update cascade on delete cascade;`,
    );
  }
}
