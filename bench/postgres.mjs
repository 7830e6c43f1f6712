// The PostgreSQL server the benchmarks use (BENCH_PG_URL), and statements run on its `postgres` database
// (creating and dropping the throw-away bench databases).

/** BENCH_PG_URL without a database name or trailing slash. */
export const pgBase = (process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');

/** Runs one statement on the server's `postgres` database over a connection of its own. */
export async function pgAdmin(sql) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: `${pgBase}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
