import { randomBytes } from 'node:crypto';
import { get as httpsGet } from 'node:https';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidVariableBodies, postRaw } from './support/graphql-bodies.js';
import { startKeyward, type TestKeyward } from './support/keyward.js';

/**
 * docs/limits.md#graphql-limits and #http-limits: a cost floor for every root field, bad variables refused cheaply with short messages,
 * no field suggestions in production, request and body timeouts on every listener.
 */
let kw: TestKeyward;
let admin: string;

beforeAll(async () => {
  kw = await startKeyward();
  admin = await kw.login();
});
afterAll(async () => kw?.destroy());

const graphql = (baseUrl: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  postRaw(baseUrl, '/graphql', Buffer.from(JSON.stringify({ query, variables })), headers);

describe('bad variables', () => {
  const bodies = invalidVariableBodies();

  // The server CPU each costs (under 50 ms) is asserted in the reliability suite: test/reliability/timing-bounds.test.ts.
  it('a 1 MB body of invalid variables is answered with BAD_USER_INPUT naming the variable, with a short message', async () => {
    for (const { body } of bodies) {
      expect(body.length).toBeGreaterThan(950_000);
      expect(body.length).toBeLessThan(1024 * 1024);
    }
    // Once each to warm up, then six at once, unauthenticated, as a flood would come.
    for (const { body } of bodies) await postRaw(kw.baseUrl, '/graphql', body);
    const burst = [...bodies, ...bodies];
    const answers = await Promise.all(burst.map(({ body }) => postRaw(kw.baseUrl, '/graphql', body)));
    answers.forEach((answer, i) => {
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toHaveLength(1);
      const [error] = answer.body.errors;
      expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: burst[i].field });
      expect(error.message).toMatch(new RegExp(`^Invalid value for ${burst[i].field}`));
      // The value is described, not printed: a sentence, however large the value.
      expect(error.message.length).toBeLessThan(200);
      expect(error.message).not.toMatch(/xxxxxxxx|k1: 1/);
    });
    expect(answers[0].body.errors[0].message).toBe(
      'Invalid value for first: expected a whole number from -2147483648 to 2147483647 (Int), not (the value sent).',
    );
    expect(answers[1].body.errors[0].message).toBe('Invalid value for emails[0]: expected text (String), not true.');
    expect(answers[2].body.errors[0].message).toBe(
      'Invalid value for first: expected a whole number from -2147483648 to 2147483647 (Int), not an object.',
    );
  });

  it('a value of the right type still reaches the resolver, and a valid operation still runs', async () => {
    const tooLarge = await graphql(
      kw.baseUrl,
      'query($first: Int) { apiClients(first: $first) { totalCount } }',
      { first: 1000 },
      { cookie: admin },
    );
    expect(tooLarge.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
    expect(tooLarge.body.errors[0].message).toMatch(/"first" must be from 1 to 100/);
    const fine = await graphql(
      kw.baseUrl,
      'query($first: Int, $s: String) { apiClients(first: $first, search: $s) { totalCount } }',
      {
        first: 5,
        s: 'x',
      },
      { cookie: admin },
    );
    expect(fine.body).toEqual({ data: { apiClients: { totalCount: 0 } } });
  });
});

describe('the cost floor of root fields', () => {
  it('50 aliased cheap root fields are refused, naming the cost and the limit; 40 run', async () => {
    const cheap = (n: number) => Array.from({ length: n }, (_, i) => `v${i}: viewer { permissions }`).join(' ');
    const refused = await graphql(kw.baseUrl, `{ ${cheap(50)} }`, {}, { cookie: admin });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      {
        message:
          'This operation has 50 top-level fields, and each counts as at least 250 fields, so it costs about 12,500; the limit is 10,000 (at most 40 top-level fields). Ask for fewer top-level fields, or split the operation into several requests.',
        locations: [{ line: 1, column: 1 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
    const forty = await graphql(kw.baseUrl, `{ ${cheap(40)} }`, {}, { cookie: admin });
    expect(forty.body.errors).toBeUndefined();
    expect(Object.keys(forty.body.data)).toHaveLength(40);
  });

  it('counts distinct root fields and mutations too', async () => {
    const distinct = await graphql(
      kw.baseUrl,
      `{ viewer { permissions } apiResources { id } myApiKeys { id } ${Array.from({ length: 38 }, (_, i) => `c${i}: apiClients(first: 1) { totalCount }`).join(' ')} }`,
      {},
      { cookie: admin },
    );
    expect(distinct.body.errors[0].message).toMatch(/^This operation has 41 top-level fields, .* the limit is 10,000/);
    const deletes = Array.from({ length: 41 }, (_, i) => `d${i}: deleteApiClient(id: "00000000-0000-0000-0000-000000000000")`).join(' ');
    const mutation = await graphql(kw.baseUrl, `mutation { ${deletes} }`, {}, { cookie: admin });
    expect(mutation.body.errors[0].message).toMatch(/^This operation has 41 top-level fields/);
  });
});

describe('field suggestions', () => {
  let prod: TestKeyward;
  beforeAll(async () => {
    prod = await startKeyward({ env: { NODE_ENV: 'production', KEYWARD_MASTER_KEY: randomBytes(32).toString('base64') } });
  });
  afterAll(async () => prod?.destroy());

  const typo = '{ viewr { permissions } }';
  const enumLiteral = 'mutation { createTeam(input: { name: "Ops", permissions: [CLIENT_ADMINSTRATION] }) { id } }';
  const enumVariable = 'mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }';
  const badPermission = { input: { name: 'Ops', permissions: ['CLIENT_ADMINSTRATION'] } };

  it('are given in development', async () => {
    expect((await graphql(kw.baseUrl, typo)).body.errors[0].message).toBe(
      'Cannot query field "viewr" on type "Query". Did you mean "viewer"?',
    );
    expect((await graphql(kw.baseUrl, enumLiteral)).body.errors[0].message).toMatch(/Did you mean the enum value "CLIENT_ADMINISTRATION"/);
    const variable = (await graphql(kw.baseUrl, enumVariable, badPermission)).body.errors[0].message;
    expect(variable).toMatch(/^Invalid value for input\.permissions\[0\]: expected one of .*CLIENT_ADMINISTRATION.* \(Permission\)/);
  });

  it('are left out in production, the refusal otherwise the same', async () => {
    expect((await graphql(prod.baseUrl, typo)).body.errors[0]).toMatchObject({
      message: 'Cannot query field "viewr" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect((await graphql(prod.baseUrl, enumLiteral)).body.errors[0].message).toBe(
      'Value "CLIENT_ADMINSTRATION" does not exist in "Permission" enum.',
    );
    expect((await graphql(prod.baseUrl, enumVariable, badPermission)).body.errors[0]).toEqual({
      message: 'Invalid value for input.permissions[0]: expected a value of Permission, not (the value sent).',
      locations: [{ line: 1, column: 10 }],
      extensions: { code: 'BAD_USER_INPUT', field: 'permissions' },
    });
    const field = await graphql(prod.baseUrl, enumVariable, { input: { name: 'Ops', nmae: 'x' } });
    expect(field.body.errors[0].message).toBe('Invalid value for input: Field "nmae" is not defined by type "CreateTeamInput".');
  });
});

describe('slow clients', () => {
  let slow: TestKeyward;
  beforeAll(async () => {
    slow = await startKeyward({ env: { KEYWARD_REQUEST_TIMEOUT_SECONDS: '1' } });
  });
  afterAll(async () => slow?.destroy());

  /** How long until the server closes `socket`, and what it said; `send` runs once connected. */
  function closedAfter(socket: Socket, send: (socket: Socket) => void): Promise<{ ms: number; said: string }> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      let said = '';
      socket.on('data', (chunk) => {
        said += chunk;
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(giveUp);
        resolve({ ms: performance.now() - started, said });
      });
      const giveUp = setTimeout(() => {
        socket.destroy();
        reject(new Error('the server kept the connection open for 8 s'));
      }, 8000);
      socket.once('encrypted' in socket ? 'secureConnect' : 'connect', () => send(socket));
    });
  }

  /** Writes `text` one byte every 100 ms until the socket closes. */
  const dribble = (text: string) => (socket: Socket) => {
    let i = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || i >= text.length) return clearInterval(timer);
      socket.write(text[i++]);
    }, 100);
  };

  const port = (url: string) => Number(new URL(url).port);
  const tlsTo = (url: string) => connectTls({ host: '127.0.0.1', port: port(url), servername: 'localhost', rejectUnauthorized: false });
  const partialBody =
    'POST /oauth2/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\ngrant_type=';
  const slowHeaders = `POST /oauth2/token HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(200)}\r\n\r\n`;

  it('are answered 408 and cut off after the configured timeout on the public listener', async () => {
    const unfinished = await closedAfter(connectTcp(port(slow.baseUrl), '127.0.0.1'), (s) => s.write(partialBody));
    const byteByByte = await closedAfter(connectTcp(port(slow.baseUrl), '127.0.0.1'), dribble(slowHeaders));
    const silent = await closedAfter(connectTcp(port(slow.baseUrl), '127.0.0.1'), () => undefined);
    for (const { ms, said } of [unfinished, byteByByte, silent]) {
      expect(ms).toBeGreaterThan(800);
      expect(ms).toBeLessThan(5000);
      expect(said).toMatch(/^HTTP\/1\.1 408 /);
    }
    // A client that sends its request in time is served as always.
    expect((await fetch(`${slow.baseUrl}/healthz`)).status).toBe(200);
  });

  it('are cut off after the same timeout on the mTLS listener, a TLS handshake never finished included', async () => {
    const unfinished = await closedAfter(tlsTo(slow.mtlsUrl), (s) => s.write(partialBody));
    const byteByByte = await closedAfter(tlsTo(slow.mtlsUrl), dribble(slowHeaders));
    for (const { ms, said } of [unfinished, byteByByte]) {
      expect(ms).toBeGreaterThan(800);
      expect(ms).toBeLessThan(5000);
      expect(said).toMatch(/^HTTP\/1\.1 408 /);
    }
    const noHandshake = await closedAfter(connectTcp(port(slow.mtlsUrl), '127.0.0.1'), () => undefined);
    expect(noHandshake.ms).toBeGreaterThan(800);
    expect(noHandshake.ms).toBeLessThan(5000);
    // A client that sends its request in time is served as always.
    const served = await new Promise<number>((resolve, reject) => {
      httpsGet(`${slow.mtlsUrl}/oauth2/jwks`, { rejectUnauthorized: false }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(served).toBe(200);
  }, 20_000);
});
