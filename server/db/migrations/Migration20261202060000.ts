import { Migration } from '@mikro-orm/migrations';

/**
 * When each API client was last disabled: access tokens issued up to that moment stay inactive after the client is
 * enabled again (docs/permissions.md#disabling-a-client-ends-its-tokens). Clients disabled before the upgrade count as disabled now, so their old tokens end too.
 */
export class Migration20261202060000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "api_client" add column "tokens_not_before" timestamptz null;`);
    this.addSql(`update "api_client" set "tokens_not_before" = now() where not "enabled";`);
  }
}
