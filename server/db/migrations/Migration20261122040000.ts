import { Migration } from '@mikro-orm/migrations';

/** Expiry reminders: one delivery record per (credential, stage), and the index the scan reads credentials by. */
export class Migration20261122040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "reminder_delivery" ("id" uuid not null, "tenant_id" uuid not null, "credential_id" uuid not null, "stage" smallint not null, "status" text check ("status" in ('PENDING', 'SENT', 'FAILED')) not null default 'PENDING', "claimed_at" timestamptz not null, "sent_at" timestamptz null, "attempts" smallint not null default 0, "next_attempt_at" timestamptz not null, "lease_until" timestamptz null, "recipients" jsonb not null, "message_id" varchar(300) null, "last_error" varchar(500) null, constraint "reminder_delivery_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "reminder_delivery_pending_index" on "reminder_delivery" ("next_attempt_at") where "status" = 'PENDING';`);
    this.addSql(
      `alter table "reminder_delivery" add constraint "reminder_delivery_credential_id_stage_unique" unique ("credential_id", "stage");`,
    );
    this.addSql(
      `alter table "reminder_delivery" add constraint "reminder_delivery_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "reminder_delivery" add constraint "reminder_delivery_credential_id_foreign" foreign key ("credential_id") references "credential" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`create index "credential_reminder_scan_index" on "credential" ("expires_at") where "replaced_by_id" is null;`);
  }
}
