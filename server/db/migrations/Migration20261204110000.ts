import { Migration } from '@mikro-orm/migrations';

/** Token quotas and max active tokens per credential (docs/token-service.md#quotas): settings, counters, active tokens. */
export class Migration20261204110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "tenant" add column "tokens_per_hour" int null, add column "tokens_per_day" int null, add column "token_quota_mode" varchar(10) not null default 'enforce', add column "max_active_tokens_per_credential" int null;`,
    );
    this.addSql(
      `alter table "api_client" add column "tokens_per_hour" int null, add column "tokens_per_day" int null, add column "token_quota_mode" varchar(10) null, add column "max_active_tokens_per_credential" int null;`,
    );
    this.addSql(
      `create table "token_quota_usage" ("api_client_id" uuid not null, "hour_start" timestamptz not null, "hour_count" int not null, "day_start" timestamptz not null, "day_count" int not null, constraint "token_quota_usage_pkey" primary key ("api_client_id"));`,
    );
    this.addSql(`create index "token_quota_usage_day_start_index" on "token_quota_usage" ("day_start");`);
    this.addSql(
      `create table "active_token" ("jti" varchar(64) not null, "credential_id" uuid not null, "issued_at" timestamptz not null, "expires_at" timestamptz not null, constraint "active_token_pkey" primary key ("jti"));`,
    );
    this.addSql(`create index "active_token_credential_id_expires_at_index" on "active_token" ("credential_id", "expires_at");`);
    this.addSql(`create index "active_token_expires_at_index" on "active_token" ("expires_at");`);
  }
}
