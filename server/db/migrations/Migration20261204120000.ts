import { Migration } from '@mikro-orm/migrations';

/** The tenant's credential policy (docs/credential-policy.md): empty means the defaults, which allow everything allowed before. */
export class Migration20261204120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "tenant" add column "credential_policy" jsonb not null default '{}';`);
  }
}
