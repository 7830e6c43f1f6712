import { Migration } from '@mikro-orm/migrations';

/**
 * DPoP (docs/token-service.md#dpop): the proofs already used, so a replay is refused in every process; and the client
 * setting that refuses tokens bound to nothing (false for every existing client).
 */
export class Migration20261203030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "dpop_proof" ("jkt" varchar(43) not null, "jti_hash" varchar(43) not null, "expires_at" timestamptz not null, constraint "dpop_proof_pkey" primary key ("jkt", "jti_hash"));`,
    );
    this.addSql(`create index "dpop_proof_expires_at_index" on "dpop_proof" ("expires_at");`);
    this.addSql(`alter table "api_client" add column "require_sender_constrained_tokens" boolean not null default false;`);
  }
}
