import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in budgets taken before the password is checked, and progressive lockout (docs/limits.md#sign-in-limits): `pending` counts the
 * tries being checked right now (since `pending_at`); a budget that runs out locks its key until `locked_until`, and
 * `lockouts` (the lockouts in a row, each ending less than a day before the next) picks how long.
 */
export class Migration20261202030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "login_failure" add column "pending" int not null default 0, add column "pending_at" timestamptz null, add column "locked_until" timestamptz null, add column "lockouts" int not null default 0;`,
    );
  }
}
