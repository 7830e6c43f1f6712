import { Migration } from '@mikro-orm/migrations';

/**
 * Personal API keys carry a chosen subset of their owner's permissions (docs/permissions.md#personal-api-key-permissions). A key made before this had no
 * choice, so it gets what a key made without choosing gets now: the owner's permissions at upgrade time except
 * SECURITY_ADMINISTRATION, which a key carries only when chosen by name. So no existing key can manage users, teams
 * or tenant settings after the upgrade; its owner makes a new key choosing SECURITY_ADMINISTRATION if a script needs
 * that. A key whose owner holds nothing else gets an empty set and, as before, can only read `viewer`.
 */
/** The Permission enum at the time of this migration, in its order (a migration never follows later code). */
const ORDER = [
  'CLIENT_ADMINISTRATION',
  'CLIENT_CREATE',
  'CLIENT_EDIT',
  'CLIENT_REMOVE',
  'SECRET_ADMINISTRATION',
  'SECRET_CREATE',
  'SECRET_REMOVE',
]
  .map((p) => `'${p}'`)
  .join(', ');

export class Migration20261202050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "personal_api_key" add column "permissions" text[] not null default '{}';`);
    // In the order of the Permission enum, as the API stores a chosen set.
    this.addSql(
      `update "personal_api_key" as "k" set "permissions" = coalesce((
        select array_agg("held"."permission" order by array_position(array[${ORDER}]::text[], "held"."permission"))
        from (
          select distinct "p"."permission"
          from "team_member" as "m"
          join "team" as "t" on "t"."id" = "m"."team_id"
          cross join lateral jsonb_array_elements_text("t"."permissions") as "p"("permission")
          where "m"."user_id" = "k"."owner_id" and "p"."permission" <> 'SECURITY_ADMINISTRATION'
        ) as "held"
      ), '{}');`,
    );
    this.addSql(`alter table "personal_api_key" alter column "permissions" drop default;`);
  }
}
