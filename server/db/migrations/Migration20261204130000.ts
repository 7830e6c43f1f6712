import { Migration } from '@mikro-orm/migrations';

/**
 * Usage findings (docs/usage-findings.md): the tenant's threshold and auto-disable choice, and on each credential when
 * `credential.unused` was recorded for its current stretch without use and whether that disabled it.
 */
export class Migration20261204130000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "tenant" add column "unused_credential_days" int not null default 90, add column "auto_disable_unused_credentials" boolean not null default false;`,
    );
    this.addSql(
      `alter table "credential" add column "unused_reported_at" timestamptz null, add column "unused_disabled_at" timestamptz null;`,
    );
    // The job's "reported, and used since?" pass reads only the few credentials flagged.
    this.addSql(
      `create index "credential_unused_reported_index" on "credential" ("unused_reported_at") where "unused_reported_at" is not null;`,
    );
  }
}
