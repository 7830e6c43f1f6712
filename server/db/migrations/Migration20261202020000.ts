import { Migration } from '@mikro-orm/migrations';

/**
 * Audit chains keyed from the master key (HMAC-SHA-256 instead of plain SHA-256). This migration only makes the
 * `audit_chain_key` table: MikroORM runs migrations without the master key, so the re-key itself runs once right
 * after the migrations (rekeyLegacyAuditChains in server/audit/chain-upgrade.ts), and its row in this table marks it
 * done. It verifies each old chain first and re-keys only up to a break it finds: the broken event and those after it
 * keep their old hashes, so a chain altered before the upgrade is never made to verify, and `audit verify` keeps
 * naming the broken event (the row records it).
 */
export class Migration20261202020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_chain_key" ("scheme" varchar(32) not null, "key_check" varchar(64) not null, "rekeyed_at" timestamptz not null, "legacy_breaks" jsonb not null, constraint "audit_chain_key_pkey" primary key ("scheme"));`,
    );
  }
}
