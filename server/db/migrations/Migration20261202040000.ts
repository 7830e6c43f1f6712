import { Migration } from '@mikro-orm/migrations';

/**
 * Expiry reminders go to each contact in a message of their own: a delivery record per (credential, stage,
 * recipient). Rows from before keep `recipient` null, meaning "one message to every contact at the time": the
 * scan counts such a stage as done for everyone, so an upgrade sends no stage again. A reminder still waiting
 * (PENDING) becomes one record per current contact, with its attempts and retry time, so it too goes out one
 * message per contact.
 */
export class Migration20261202040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "reminder_delivery" add column "recipient" varchar(320) null;`);
    this.addSql(`alter table "reminder_delivery" drop constraint "reminder_delivery_credential_id_stage_unique";`);
    this.addSql(
      `alter table "reminder_delivery" add constraint "reminder_delivery_credential_id_stage_recipient_unique" unique ("credential_id", "stage", "recipient");`,
    );
    this.addSql(
      `insert into "reminder_delivery" ("id", "tenant_id", "credential_id", "stage", "recipient", "status", "claimed_at", "attempts", "next_attempt_at", "recipients", "last_error")
       select gen_random_uuid(), d."tenant_id", d."credential_id", d."stage", e."email", 'PENDING', d."claimed_at", d."attempts", d."next_attempt_at", jsonb_build_array(e."email"), d."last_error"
       from "reminder_delivery" d
       join "credential" c on c."id" = d."credential_id"
       join "api_client" a on a."id" = c."api_client_id"
       cross join lateral (select distinct jsonb_array_elements_text(a."contact_emails") as "email") e
       where d."status" = 'PENDING' and d."recipient" is null;`,
    );
    this.addSql(`delete from "reminder_delivery" where "status" = 'PENDING' and "recipient" is null;`);
  }
}
