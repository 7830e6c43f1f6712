import { describe, expect, it } from 'vitest';
import { COMMIT_IN_DOUBT_MESSAGE, isDatabaseUnavailable, unavailableError } from './availability.js';

// The errors as pg, knex and MikroORM raise them when PostgreSQL goes away (seen in test/reliability/database-outage.test.ts).
const driverError = (message: string, previous?: unknown) => Object.assign(new Error(message), { name: 'DriverException', previous });

describe('database availability', () => {
  it('a refused or dropped connection is "unavailable", and the answer says nothing was changed', () => {
    for (const error of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      driverError('select 1 - Connection terminated unexpectedly'),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      driverError('select "t0".* from "session" as "t0" - Client has encountered a connection error and is not queryable'),
      // A COMMIT pg would not even send (its connection had already died) saved nothing either.
      new Error('COMMIT; - Client has encountered a connection error and is not queryable'),
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(unavailableError(error)?.message).toMatch(/Nothing was changed/);
    }
  });

  it('a connection lost during COMMIT is "unavailable", and the answer says the change may have been saved', () => {
    for (const error of [
      Object.assign(new Error('COMMIT; - terminating connection due to administrator command'), { code: '57P01' }),
      // MikroORM rolls back after the failed COMMIT; knex refuses, and that error is the one that comes out.
      new Error('Transaction query already complete, run with DEBUG=knex:tx for more info'),
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(unavailableError(error)?.message).toBe(COMMIT_IN_DOUBT_MESSAGE);
    }
  });

  it('other errors, a failed COMMIT included, are not', () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error('COMMIT; - duplicate key value violates unique constraint "x"'), { code: '23505' })),
    ).toBe(false);
    expect(isDatabaseUnavailable(driverError('deadlock detected', Object.assign(new Error('deadlock detected'), { code: '40P01' })))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
  });
});
