import { Migration } from '@mikro-orm/migrations';

/** Security administration: a user created with a temporary password must change it first; when each user last signed in. */
export class Migration20261122110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "app_user" add column "must_change_password" boolean not null default false, add column "last_sign_in_at" timestamptz null;`,
    );
  }
}
