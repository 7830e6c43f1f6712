import { Migration } from '@mikro-orm/migrations';

/**
 * `credential.expired` (docs/webhooks.md#events): when it was recorded for each credential. Credentials that expired
 * before this release count as reported, so the upgrade does not announce years of old expiries at once.
 */
export class Migration20261204150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "credential" add column "expired_reported_at" timestamptz null;`);
    this.addSql(`update "credential" set "expired_reported_at" = "expires_at" where "expires_at" <= now();`);
    // The job reads only credentials not yet reported, by expiry.
    this.addSql(`create index "credential_expired_unreported_index" on "credential" ("expires_at") where "expired_reported_at" is null;`);
  }
}
