import { Migration } from '@mikro-orm/migrations';

/**
 * Sessions a user can list and revoke: a public id that is not derived from the token, and when each was last
 * used (idle timeout). Existing sessions get a fresh id and count as last seen when they began.
 */
export class Migration20261122120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "session" add column "public_id" uuid null, add column "last_seen_at" timestamptz null;`);
    this.addSql(`update "session" set "public_id" = gen_random_uuid(), "last_seen_at" = "created_at";`);
    this.addSql(`alter table "session" alter column "public_id" set not null, alter column "last_seen_at" set not null;`);
    this.addSql(`alter table "session" add constraint "session_public_id_unique" unique ("public_id");`);
  }
}
