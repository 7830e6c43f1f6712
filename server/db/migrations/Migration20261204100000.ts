import { Migration } from '@mikro-orm/migrations';

/**
 * Webhooks (docs/webhooks.md): endpoints with their sealed signing secrets, the outbox of messages written with each
 * audit event, one delivery per message and endpoint (numbered: the order per endpoint), and the log of every attempt.
 */
export class Migration20261204100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "webhook_endpoint" ("id" uuid not null, "tenant_id" uuid not null, "url" varchar(2000) not null, "description" varchar(500) null, "event_types" text[] not null, "enabled" boolean not null default true, "sealed_secret" text not null, "vault_credential_id" uuid null, "failing_since" timestamptz null, "disabled_at" timestamptz null, "disabled_reason" varchar(500) null, "lease_until" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "webhook_endpoint_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create table "webhook_message" ("id" varchar(40) not null, "tenant_id" uuid not null, "type" varchar(64) not null, "payload" jsonb not null, "created_at" timestamptz not null, constraint "webhook_message_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "webhook_message_tenant_id_created_at_index" on "webhook_message" ("tenant_id", "created_at");`);
    this.addSql(
      `create table "webhook_delivery" ("seq" bigserial primary key, "endpoint_id" uuid not null, "message_id" varchar(40) not null, "status" varchar(16) not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz null, "last_status_code" int null, "last_latency_ms" int null, "last_error" varchar(500) null, "delivered_at" timestamptz null);`,
    );
    this.addSql(`create index "webhook_delivery_head_index" on "webhook_delivery" ("endpoint_id", "status", "seq");`);
    this.addSql(
      `create table "webhook_attempt" ("id" bigserial primary key, "delivery_seq" bigint not null, "attempt_no" int not null, "trigger" varchar(16) not null, "at" timestamptz not null, "status_code" int null, "latency_ms" int null, "error" varchar(500) null);`,
    );
    this.addSql(`create index "webhook_attempt_delivery_seq_attempt_no_index" on "webhook_attempt" ("delivery_seq", "attempt_no");`);
    this.addSql(
      `alter table "webhook_endpoint" add constraint "webhook_endpoint_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "webhook_endpoint" add constraint "webhook_endpoint_vault_credential_id_foreign" foreign key ("vault_credential_id") references "vault_credential" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "webhook_message" add constraint "webhook_message_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "webhook_delivery" add constraint "webhook_delivery_message_id_foreign" foreign key ("message_id") references "webhook_message" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "webhook_attempt" add constraint "webhook_attempt_delivery_seq_foreign" foreign key ("delivery_seq") references "webhook_delivery" ("seq") on update cascade on delete cascade;`,
    );
  }
}
