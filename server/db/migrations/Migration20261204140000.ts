import { Migration } from '@mikro-orm/migrations';

/**
 * Reminder throughput (docs/reminders.md#delivery-and-retries): a delivery record's tenant is no longer a foreign key. Its credential's
 * key already removes it with the tenant (tenant → credential → delivery), and checking both keys on each of the
 * first scan's tens of thousands of inserts was a third of that scan's time.
 */
export class Migration20261204140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "reminder_delivery" drop constraint if exists "reminder_delivery_tenant_id_foreign";`);
  }
}
