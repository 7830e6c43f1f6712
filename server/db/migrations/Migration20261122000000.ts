import { Migration } from '@mikro-orm/migrations';

/** Keyward foundation: tenants, identity, scope catalog, API clients, audit trail. */
export class Migration20261122000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_chain_head" ("chain_key" varchar(64) not null, "seq" bigint not null, "hash" varchar(64) not null, constraint "audit_chain_head_pkey" primary key ("chain_key"));`,
    );
    this.addSql(
      `create table "audit_event" ("id" uuid not null, "chain_key" varchar(64) not null, "seq" bigint not null, "tenant_id" uuid null, "occurred_at" timestamptz not null, "actor_type" varchar(16) not null, "actor_id" varchar(64) null, "actor_name" varchar(300) not null, "action" varchar(64) not null, "target_type" varchar(32) null, "target_id" varchar(64) null, "target_name" varchar(300) null, "api_client_id" uuid null, "changes" jsonb not null, "ip_address" varchar(64) null, "user_agent" varchar(512) null, "request_id" varchar(64) null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "audit_event_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "audit_event_tenant_id_api_client_id_index" on "audit_event" ("tenant_id", "api_client_id");`);
    this.addSql(`create index "audit_event_tenant_id_occurred_at_index" on "audit_event" ("tenant_id", "occurred_at");`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_chain_key_seq_unique" unique ("chain_key", "seq");`);
    this.addSql(
      `create table "login_failure" ("key" varchar(300) not null, "window_started_at" timestamptz not null, "failures" int not null, constraint "login_failure_pkey" primary key ("key"));`,
    );
    this.addSql(
      `create table "tenant" ("id" uuid not null, "slug" varchar(40) not null, "name" varchar(100) not null, "max_clients" int not null default 20, "max_credentials_per_client" int not null default 5, "max_credential_lifetime_days" int not null default 365, "created_at" timestamptz not null, constraint "tenant_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "tenant" add constraint "tenant_slug_unique" unique ("slug");`);
    this.addSql(
      `create table "team" ("id" uuid not null, "tenant_id" uuid not null, "name" varchar(100) not null, "permissions" jsonb not null, "created_at" timestamptz not null, constraint "team_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "team" add constraint "team_tenant_id_name_unique" unique ("tenant_id", "name");`);
    this.addSql(
      `create table "api_resource" ("id" uuid not null, "tenant_id" uuid not null, "name" varchar(100) not null, "audience" varchar(300) not null, "description" varchar(500) null, "built_in" boolean not null default false, constraint "api_resource_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "api_resource" add constraint "api_resource_tenant_id_audience_unique" unique ("tenant_id", "audience");`);
    this.addSql(
      `create table "scope" ("id" uuid not null, "tenant_id" uuid not null, "api_resource_id" uuid not null, "name" varchar(100) not null, "description" varchar(300) null, constraint "scope_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "scope" add constraint "scope_tenant_id_name_unique" unique ("tenant_id", "name");`);
    this.addSql(
      `create table "api_client" ("id" uuid not null, "tenant_id" uuid not null, "client_id" varchar(100) not null, "identifier" varchar(40) null, "name" varchar(100) not null, "description" varchar(500) null, "contact_emails" jsonb not null, "allowed_ip_ranges" jsonb not null, "access_token_lifetime_seconds" int not null default 3600, "enabled" boolean not null default true, "created_at" timestamptz not null, "created_by_type" varchar(16) not null, "created_by_id" varchar(64) null, "created_by_name" varchar(200) not null, "updated_at" timestamptz not null, "last_used_at" timestamptz null, constraint "api_client_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "api_client" add constraint "api_client_client_id_unique" unique ("client_id");`);
    this.addSql(`create index "api_client_tenant_id_name_index" on "api_client" ("tenant_id", "name");`);
    this.addSql(`alter table "api_client" add constraint "api_client_tenant_id_identifier_unique" unique ("tenant_id", "identifier");`);
    this.addSql(
      `create table "api_client_scope" ("api_client_id" uuid not null, "scope_id" uuid not null, constraint "api_client_scope_pkey" primary key ("api_client_id", "scope_id"));`,
    );
    this.addSql(
      `create table "app_user" ("id" uuid not null, "tenant_id" uuid not null, "email" varchar(254) not null, "name" varchar(100) not null, "password_hash" varchar(255) not null, "status" text check ("status" in ('ACTIVE', 'DISABLED')) not null default 'ACTIVE', "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);
    this.addSql(
      `create table "team_member" ("team_id" uuid not null, "user_id" uuid not null, constraint "team_member_pkey" primary key ("team_id", "user_id"));`,
    );
    this.addSql(
      `create table "session" ("token_hash" varchar(64) not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "ip_address" varchar(64) null, "user_agent" varchar(512) null, constraint "session_pkey" primary key ("token_hash"));`,
    );
    this.addSql(`create index "session_expires_at_index" on "session" ("expires_at");`);
    this.addSql(
      `alter table "team" add constraint "team_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "api_resource" add constraint "api_resource_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "scope" add constraint "scope_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "scope" add constraint "scope_api_resource_id_foreign" foreign key ("api_resource_id") references "api_resource" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "api_client" add constraint "api_client_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "api_client_scope" add constraint "api_client_scope_api_client_id_foreign" foreign key ("api_client_id") references "api_client" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "api_client_scope" add constraint "api_client_scope_scope_id_foreign" foreign key ("scope_id") references "scope" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "app_user" add constraint "app_user_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "team_member" add constraint "team_member_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "team_member" add constraint "team_member_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
  }
}
