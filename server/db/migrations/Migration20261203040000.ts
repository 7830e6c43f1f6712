import { Migration } from '@mikro-orm/migrations';

/** FEDERATED credentials (docs/concepts.md#credentials): a credential kind whose rule (issuer, audience, subject, claims) lives in `details`. */
export class Migration20261203040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "credential" drop constraint if exists "credential_type_check";`);
    this.addSql(
      `alter table "credential" add constraint "credential_type_check" check ("type" in ('CLIENT_SECRET', 'CERTIFICATE', 'PRIVATE_KEY_JWT', 'FEDERATED'));`,
    );
  }
}
