import { Migration } from '@mikro-orm/migrations';

/**
 * Vault renewal and notices (docs/vault.md#renewal): when a failed OAuth2 renewal is tried again, and the emails to a vault
 * credential's contacts (a renewal that failed for good, expiry reminders), each claimed once per contact.
 */
export class Migration20261203060000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "vault_credential" add column "next_renewal_attempt_at" timestamptz null;`);
    this.addSql(
      `create table "vault_notice" ("id" uuid not null, "tenant_id" uuid not null, "credential_id" uuid not null, "kind" text check ("kind" in ('RENEWAL_FAILED', 'EXPIRY')) not null, "occasion" varchar(100) not null, "recipient" varchar(320) not null, "status" text check ("status" in ('PENDING', 'SENT', 'FAILED', 'DROPPED')) not null default 'PENDING', "claimed_at" timestamptz not null, "attempts" smallint not null default 0, "next_attempt_at" timestamptz not null, "lease_until" timestamptz null, "sent_at" timestamptz null, "message_id" varchar(300) null, "last_error" varchar(500) null, constraint "vault_notice_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "vault_notice_pending_index" on "vault_notice" ("next_attempt_at") where "status" = 'PENDING';`);
    this.addSql(
      `alter table "vault_notice" add constraint "vault_notice_credential_id_occasion_recipient_unique" unique ("credential_id", "occasion", "recipient");`,
    );
    this.addSql(
      `alter table "vault_notice" add constraint "vault_notice_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "vault_notice" add constraint "vault_notice_credential_id_foreign" foreign key ("credential_id") references "vault_credential" ("id") on update cascade on delete cascade;`,
    );
  }
}
