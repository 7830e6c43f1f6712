import { Migration } from '@mikro-orm/migrations';

/**
 * Reminder throughput (docs/reminders.md#delivery-and-retries): a delivery record's tenant and credential are no longer
 * foreign keys, whose checks — one trigger call per key per inserted row — were most of the first scan's time over a
 * large fleet. Deleting a credential (itself, or with its client or tenant) still deletes its delivery records, in the
 * same statement, by the trigger below; a record whose credential went away between a scan and its send (the one case
 * the key checked) is dropped by the sender.
 */
export class Migration20261204140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "reminder_delivery" drop constraint if exists "reminder_delivery_tenant_id_foreign";`);
    this.addSql(`alter table "reminder_delivery" drop constraint if exists "reminder_delivery_credential_id_foreign";`);
    this.addSql(
      `create or replace function "reminder_delivery_forget_credential"() returns trigger language plpgsql as $$
       begin
         delete from "reminder_delivery" where "credential_id" = old."id";
         return old;
       end $$;`,
    );
    this.addSql(
      `create trigger "credential_forgets_reminders" after delete on "credential" for each row execute function "reminder_delivery_forget_credential"();`,
    );
  }
}
