import { Migration } from '@mikro-orm/migrations';

/** A certificate made by renewing another names it (docs/concepts.md#renewing-a-credential); null for every existing one. */
export class Migration20261203010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "credential" add column "renewal_of_id" uuid null;`);
    this.addSql(`create index "credential_renewal_of_index" on "credential" ("renewal_of_id") where "renewal_of_id" is not null;`);
  }
}
