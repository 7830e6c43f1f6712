import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeyward, type TestKeyward } from './support/keyward.js';

let kw: TestKeyward;
beforeAll(async () => {
  kw = await startKeyward();
});
afterAll(async () => kw?.destroy());

describe('database migrations', () => {
  it('are applied on start and describe exactly the entities (no pending schema change)', async () => {
    const applied = await kw.sql<{ name: string }>('select name from mikro_orm_migrations order by id');
    expect(applied.map((m) => m.name)).toEqual([
      'Migration20261122000000',
      'Migration20261122010000',
      'Migration20261122020000',
      'Migration20261122030000',
      'Migration20261122040000',
      'Migration20261122100000',
      'Migration20261122110000',
      'Migration20261122120000',
      'Migration20261202000000',
      'Migration20261202010000',
      'Migration20261202020000',
      'Migration20261202030000',
      'Migration20261202040000',
      'Migration20261202050000',
      'Migration20261202060000',
      'Migration20261203000000',
      'Migration20261203010000',
      'Migration20261203020000',
      'Migration20261203030000',
      'Migration20261203040000',
      'Migration20261203050000',
      'Migration20261203060000',
      'Migration20261203070000',
      'Migration20261204100000',
      'Migration20261204110000',
      'Migration20261204120000',
      'Migration20261204130000',
      'Migration20261204140000',
      'Migration20261204150000',
    ]);
    const pending = await kw.keyward.database.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(pending.trim(), 'entities changed without a migration: add one under server/db/migrations').toBe('');
  });
});
