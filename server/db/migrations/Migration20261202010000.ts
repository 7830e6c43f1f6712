import { Migration } from '@mikro-orm/migrations';

/**
 * A certificate authority per tenant: the installation's CA becomes the root tenant's (the tenant holding the root
 * issuer), so every certificate issued before the upgrade still chains to the CA its tenant serves. Each CA row
 * keeps its last CRL and its number. The old CRL numbers were Unix seconds, so the counter starts at the migration's
 * Unix time: a relying party holding an old CRL only ever sees larger numbers.
 */
export class Migration20261202010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "certificate_authority" add column "tenant_id" uuid null, add column "crl_number" bigint not null default 0, add column "crl" text null, add column "crl_issued_at" timestamptz null;`,
    );
    this.addSql(
      `update "certificate_authority" set "tenant_id" = (select "id" from "tenant" where "root_issuer" limit 1), "crl_number" = floor(extract(epoch from now()))::bigint;`,
    );
    // A CA made before any tenant existed (a first start that stopped before its bootstrap) issued nothing that lasts.
    this.addSql(`delete from "certificate_authority" where "tenant_id" is null;`);
    this.addSql(`alter table "certificate_authority" alter column "tenant_id" set not null, alter column "crl_number" drop default;`);
    this.addSql(`alter table "certificate_authority" drop constraint "certificate_authority_pkey";`);
    this.addSql(`alter table "certificate_authority" add constraint "certificate_authority_pkey" primary key ("tenant_id", "kind");`);
    this.addSql(
      `alter table "certificate_authority" add constraint "certificate_authority_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
  }
}
