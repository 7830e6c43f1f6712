import { Migration } from '@mikro-orm/migrations';

/** Certificates: Keyward's CA (keys sealed), certificate metadata on credentials, revoked serials for the CRL. */
export class Migration20261122020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "certificate_authority" ("kind" varchar(20) not null, "certificate" text not null, "sealed_private_key" text not null, "created_at" timestamptz not null, constraint "certificate_authority_pkey" primary key ("kind"));`,
    );
    this.addSql(
      `create table "revoked_certificate" ("serial" varchar(64) not null, "tenant_id" uuid not null, "credential_id" uuid not null, "revoked_at" timestamptz not null, constraint "revoked_certificate_pkey" primary key ("serial"));`,
    );
    this.addSql(
      `alter table "credential" add column "cert_serial" varchar(64) null, add column "cert_thumbprint" varchar(64) null, add column "cert_subject" varchar(300) null, add column "cert_not_before" timestamptz null, add column "cert_not_after" timestamptz null, add column "cert_key_algorithm" varchar(20) null, add column "cert_from_csr" boolean null;`,
    );
    this.addSql(`alter table "credential" add constraint "credential_cert_serial_unique" unique ("cert_serial");`);
    this.addSql(`alter table "credential" add constraint "credential_cert_thumbprint_unique" unique ("cert_thumbprint");`);
  }
}
