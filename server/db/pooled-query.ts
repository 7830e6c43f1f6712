import type pg from 'pg';
import type { Orm } from './orm.js';

/**
 * One statement on a connection of the ORM's own pool, past MikroORM and knex: for a statement run on every token
 * request (an assertion's jti), where their query building, binding and logging took more CPU than the insert's round
 * trip (bench/README.md). `text` uses $1-style placeholders; the connection goes back to the pool however it ends, and
 * errors are pg's own (db/availability.ts reads them alike).
 */
export async function pooledQuery<Row extends pg.QueryResultRow>(orm: Orm, text: string, values: unknown[]): Promise<pg.QueryResult<Row>> {
  const { client } = orm.em.getConnection().getKnex();
  const connection: pg.PoolClient = await client.acquireConnection();
  try {
    return await connection.query<Row>(text, values);
  } finally {
    await client.releaseConnection(connection);
  }
}
