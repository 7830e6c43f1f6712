import { Migration } from '@mikro-orm/migrations';

/**
 * A credential can be disabled by itself (docs/token-service.md#disabling-a-credential): `enabled`, and when it was
 * last disabled, so the tokens it obtained until then stay inactive after it is enabled again. Every existing
 * credential stays enabled.
 */
export class Migration20261203000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "credential" add column "enabled" boolean not null default true;`);
    this.addSql(`alter table "credential" add column "tokens_not_before" timestamptz null;`);
  }
}
