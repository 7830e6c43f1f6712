import { Migration } from '@mikro-orm/migrations';

/**
 * Tenants as separate issuers: the oldest tenant (the one made at first start) keeps the root issuer, and the
 * existing token-signing keys become its keys, so tokens issued before the upgrade stay valid until they expire.
 * Each key records its algorithm and when it starts signing (a rotated-in key is published before it signs).
 */
export class Migration20261202000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "tenant" add column "root_issuer" boolean not null default false, add column "token_signing_algorithm" varchar(10) not null default 'ES256';`,
    );
    this.addSql(
      `update "tenant" set "root_issuer" = true where "id" = (select "id" from "tenant" order by "created_at" asc, "id" asc limit 1);`,
    );
    this.addSql(
      `alter table "signing_key" add column "tenant_id" uuid null, add column "alg" varchar(10) not null default 'ES256', add column "activates_at" timestamptz null;`,
    );
    this.addSql(
      `update "signing_key" set "tenant_id" = (select "id" from "tenant" where "root_issuer" limit 1), "activates_at" = "created_at";`,
    );
    // A key made before any tenant existed (a first start that stopped before its bootstrap) belongs to nobody.
    this.addSql(`delete from "signing_key" where "tenant_id" is null;`);
    this.addSql(`alter table "signing_key" alter column "tenant_id" set not null, alter column "activates_at" set not null;`);
    this.addSql(
      `alter table "signing_key" add constraint "signing_key_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`create index "signing_key_tenant_id_index" on "signing_key" ("tenant_id");`);
  }
}
