import { expect } from 'vitest';
import type { TestKeyward } from './keyward.js';

type Database = Pick<TestKeyward, 'sql'>;

/** Every table of Keyward's schema (information_schema, schema public), so a table added later is searched too. */
export async function publicTables(kw: Database): Promise<string[]> {
  const tables = await kw.sql<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
  );
  const names = tables.map((t) => t.table_name);
  // A search over no tables would find nothing and prove nothing.
  expect(names).toEqual(expect.arrayContaining(['api_client', 'credential', 'personal_api_key', 'audit_event', 'session']));
  return names;
}

/** Tables whose rows, read as text (every column, json and bytea included), contain the value. */
export async function tablesHolding(kw: Database, value: string): Promise<string[]> {
  const hits: string[] = [];
  for (const table of await publicTables(kw)) {
    const [row] = await kw.sql<{ n: number }>(`select count(*)::int as n from "${table}" t where t::text like ?`, [`%${value}%`]);
    if (row.n > 0) hits.push(table);
  }
  return hits;
}

/** Every row of every table, read as text, by table: for searching many values at once. */
export async function databaseRows(kw: Database): Promise<Map<string, string[]>> {
  const rows = new Map<string, string[]>();
  for (const table of await publicTables(kw)) {
    rows.set(
      table,
      (await kw.sql<{ row: string }>(`select t::text as row from "${table}" t`)).map((r) => r.row),
    );
  }
  return rows;
}
