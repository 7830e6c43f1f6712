import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFingerprint, errorLogLines, fuzzRuns, HOSTILE_STRINGS, INTERNALS, watchForUnhandled } from '../support/fuzz.js';
import { ADMIN_PASSWORD, startKeyward, type TestKeyward } from '../support/keyward.js';

/**
 * Property-based bad input over the whole GraphQL API (issue #8). The cases are derived from `schema.graphql`:
 * every root field with arguments is called with generated variables — well-typed values with hostile contents
 * (empty, at and past the documented limits, NUL and control characters, emoji, SQL- and HTML-looking text,
 * dates far off or invalid, ids real and made up, lists empty, huge or with duplicates) and ill-typed ones
 * (wrong scalar types, null for non-null, missing or unknown fields). A new operation or input type is covered
 * without touching this file. Each case is sent by an admin holding every permission, so a refusal is about
 * the input, never about permissions. A failure prints fast-check's seed and path; FUZZ_SEED=<seed> replays it.
 */

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

/** Cases per operation: plain `id` operations have little to vary; operations taking an input object get more. */
const RUNS_SIMPLE = 80;
const RUNS_INPUT = 180;

/**
 * The codes an admin holding every permission may see for bad input (docs/concepts.md#the-graphql-api and Apollo's own request errors).
 * FORBIDDEN only for a rule of the product (the built-in Management API cannot be changed), never a missing permission.
 */
const INPUT_REFUSAL_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'LIMIT_EXCEEDED',
  'FORBIDDEN',
  'GRAPHQL_VALIDATION_FAILED',
  // The tenth error of a response that had more (server/graphql/error-cap.ts).
  'TOO_MANY_ERRORS',
]);

const DAY_MS = 86_400_000;

type IdKind = 'apiClient' | 'credential' | 'vaultCredential' | 'team' | 'user' | 'apiResource' | 'scope' | 'apiKey' | 'session';

/** Which kind of record an ID argument names, from its argument name (clientId) or its operation (deleteTeam). */
const ID_KINDS: [RegExp, IdKind][] = [
  [/ApiResource/i, 'apiResource'],
  [/Vault/i, 'vaultCredential'],
  [/ClientSecret|Certificate|Credential/i, 'credential'],
  [/ApiClient|^clientId$/i, 'apiClient'],
  [/ApiKey/i, 'apiKey'],
  [/Session/i, 'session'],
  [/Scope/i, 'scope'],
  [/Team/i, 'team'],
  [/User/i, 'user'],
];

function idKindOf(place: Place): IdKind | null {
  const byName = place.name !== 'id' ? ID_KINDS.find(([pattern]) => pattern.test(place.name)) : undefined;
  const found = byName ?? (place.name === 'id' ? ID_KINDS.find(([pattern]) => pattern.test(place.operation)) : undefined);
  return found?.[1] ?? null;
}

/** Where a generated value goes: the argument or input field, its description (for limits) and the operation. */
interface Place {
  name: string;
  description: string | null | undefined;
  operation: string;
}

/** Real records of the tenant, refreshed before each operation so mutations reach their services. */
interface Pools {
  ids: Record<IdKind, string[]>;
  scopeNames: string[];
}

/** The signed-in admin's password: changeMyPassword may change it, and the next case must know. */
const state = { password: ADMIN_PASSWORD };

const OMIT = Symbol('omit');

/** Numbers a schema description documents ("1–100 characters", "300–86400 seconds", "At most 20"). */
function documentedLimits(description: string | null | undefined): number[] {
  const numbers = [...(description ?? '').matchAll(/\d+/g)].map((match) => Number(match[0])).filter((n) => n <= 100_000);
  return [...new Set(numbers)];
}

/** Lengths at, just under and just past each documented limit, and a few past anything reasonable. */
function lengthsFor(place: Place): number[] {
  const around = documentedLimits(place.description).flatMap((n) => [n - 1, n, n + 1]);
  return [...new Set([...around, 100, 101, 200, 201, 254, 255, 300, 301, 500, 501, 1024, 1025, 10_000, 65_537, 100_000])].filter(
    (n) => n >= 0,
  );
}

function hostileString(place: Place): fc.Arbitrary<string> {
  const long = fc
    .tuple(fc.constantFrom(...lengthsFor(place)), fc.constantFrom('a', 'é', '💥', ' ', '\u0000', 'x '))
    .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 3, arbitrary: long },
    {
      weight: 1,
      arbitrary: fc.array(fc.constantFrom(...HOSTILE_STRINGS), { minLength: 2, maxLength: 4 }).map((parts) => parts.join('')),
    },
  );
}

/** RFC 4648 base64url of a JSON array: what a Keyward cursor looks like, filled with things that may not be one. */
const cursorParts = fc.oneof(
  fc
    .tuple(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), fc.uuid())
    .map(([date, id]) => [date.toISOString(), id]),
  fc.bigInt({ min: -1n, max: 2n ** 63n }).map((seq) => [String(seq)]),
  fc.array(
    fc.oneof(
      fc.constantFrom('2024-01-01T00:00:00.000Z', 'not-a-date', '99999-99-99', '00000000-0000-0000-0000-000000000000', 'x\u0000', ''),
      fc.uuid(),
      fc.string({ maxLength: 20 }),
      fc.double(),
      fc.integer(),
    ),
    { maxLength: 3 },
  ),
);
const cursorLike = cursorParts.map((parts) => Buffer.from(JSON.stringify(parts)).toString('base64url'));

function plausibleString(place: Place, pools: Pools, csrs: fc.Arbitrary<string>): fc.Arbitrary<string> | null {
  const name = place.name;
  const word = fc.stringMatching(/^[a-z][a-z0-9]{2,12}$/);
  if (/email/i.test(name))
    return fc.oneof(
      fc.emailAddress(),
      word.map((w) => `${w}@example.com`),
      fc.constant('OPS@Example.com'),
    );
  if (name === 'scopes')
    return pools.scopeNames.length > 0
      ? fc.oneof(
          fc.constantFrom(...pools.scopeNames),
          word.map((w) => `orders:${w}`),
        )
      : null;
  if (/IpRanges/.test(name))
    return fc.oneof(
      fc.constantFrom('10.0.0.0/8', '192.168.1.1', '::1', '2001:db8::/32', '0.0.0.0/0', '300.1.1.1', '10.0.0.0/33', '::/129', '1.2.3.4/-1'),
      fc.ipV4(),
      fc.ipV6(),
    );
  if (name === 'identifier') return fc.oneof(fc.stringMatching(/^[a-z0-9-]{3,40}$/), fc.constantFrom('ab', 'UPPER', 'a'.repeat(41)));
  if (name === 'audience')
    return fc.oneof(
      word.map((w) => `https://api.example.com/${w}`),
      fc.webUrl(),
      fc.constant('urn:example:api'),
    );
  if (name === 'name' && /Scope/.test(place.operation)) return word.map((w) => `orders:${w}`);
  if (name === 'csr') return csrs;
  if (name === 'after') return cursorLike;
  if (name === 'action') return fc.constantFrom('client.created', 'client.*', '*', '%', 'auth.login_failed', 'x'.repeat(65));
  if (name === 'actorId') return fc.oneof(fc.uuid(), ...(pools.ids.user.length ? [fc.constantFrom(...pools.ids.user)] : []));
  if (name === 'currentPassword')
    return fc.oneof(
      fc.constant(null).map(() => state.password),
      fc.constant('not-the-password-at-all'),
    );
  if (/password/i.test(name)) return fc.string({ minLength: 12, maxLength: 40 }).map((s) => `Fuzz-${s}`);
  if (name === 'name' || name === 'description' || name === 'search') return fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
  return null;
}

/** Instants around the documented rules (future, at most a year ahead, whole seconds), and far off. */
const validDateTimes: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .constantFrom(
        -100 * 365 * DAY_MS,
        -DAY_MS,
        -1000,
        0,
        1000,
        60_000,
        DAY_MS,
        30 * DAY_MS,
        364 * DAY_MS,
        365 * DAY_MS - 60_000,
        365 * DAY_MS,
        365 * DAY_MS + 1000,
        366 * DAY_MS,
        10 * 365 * DAY_MS,
      )
      .chain((offset) => fc.boolean().map((wholeSeconds) => ({ offset, wholeSeconds })))
      .map(({ offset, wholeSeconds }) => {
        const at = Date.now() + offset;
        return new Date(wholeSeconds ? Math.ceil(at / 1000) * 1000 : at).toISOString();
      }),
  },
  { weight: 2, arbitrary: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()) },
);

/** Strings and numbers that are not ISO-8601 instants, or only nearly. */
const invalidDateTimes: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '2024-02-30T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2030-06-01T25:61:61Z',
      '2030-06-01',
      '2030-06-01T12:00:00',
      '2030-06-01T12:00:00+25:00',
      '2030-06-01T12:00:00.123456789Z',
      '9999-12-31T23:59:59.999Z',
      '0000-01-01T00:00:00Z',
      '+275760-09-13T00:00:00.000Z',
      '-271821-04-20T00:00:00.000Z',
      'tomorrow',
      'now',
      '',
      'T',
      '1e308',
    ),
  },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()) },
);

/** A value of the wrong shape for wherever it is put. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 10 }),
  fc.constant({}),
  fc.constant([]),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  fc.constant({ nested: { deeper: { deepest: [1, 'x', null, { a: {} }] } } }),
);

function intFor(place: Place, gen: Generators): fc.Arbitrary<unknown> {
  const documented = documentedLimits(place.description);
  // A documented bound is itself allowed ("300–86400", "At most 20"): what a well-meaning caller sends.
  if (gen.plausible && documented.length > 0) return fc.constantFrom(...documented);
  const around = documented.flatMap((n) => [n - 1, n, n + 1]);
  const valid = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...around, 0, -1, 1, 2, 99, 100, 101, 2 ** 31 - 1, -(2 ** 31)) },
    { weight: 1, arbitrary: fc.integer() },
  );
  if (!gen.illTyped) return valid;
  return fc.oneof(
    { weight: 6, arbitrary: valid },
    { weight: 1, arbitrary: fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1.5, -0.5, 1e308, '42', '') },
  );
}

function idFor(place: Place, pools: Pools): fc.Arbitrary<unknown> {
  const kind = idKindOf(place);
  const real = kind ? pools.ids[kind] : [];
  const anyReal = Object.values(pools.ids).flat();
  const options: fc.WeightedArbitrary<unknown>[] = [
    { weight: 2, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '00000000-0000-0000-0000-000000000000',
        'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
        '{00000000-0000-0000-0000-000000000000}',
        '00000000000000000000000000000000',
        '123',
        123,
        -1,
        0,
        2 ** 31 - 1,
      ),
    },
    { weight: 2, arbitrary: hostileString(place) },
  ];
  if (real.length > 0) {
    options.push({ weight: 6, arbitrary: fc.constantFrom(...real) });
    options.push({ weight: 1, arbitrary: fc.constantFrom(...real).map((id) => id.toUpperCase()) });
    options.push({ weight: 1, arbitrary: fc.constantFrom(...real).map((id) => ` ${id}`) });
  }
  if (anyReal.length > 0) options.push({ weight: 1, arbitrary: fc.constantFrom(...anyReal) });
  return fc.oneof(...options);
}

interface Generators {
  pools: Pools;
  csrs: fc.Arbitrary<string>;
  /** Also values GraphQL's own type checks refuse (wrong types, null for non-null, missing or unknown fields). */
  illTyped: boolean;
  /** Text a well-meaning caller would send where the field has such values (emails, scope names), to reach success paths. */
  plausible?: boolean;
}

/** A value for `type` at `place`, or OMIT (the field or variable is left out). */
function valueFor(type: GraphQLInputType, place: Place, gen: Generators): fc.Arbitrary<unknown> {
  if (!gen.illTyped) {
    if (isNonNullType(type)) return presentValueFor(type.ofType, place, gen);
    // A well-meaning caller leaves most optional fields out.
    return fc.oneof(
      { weight: gen.plausible ? 2 : 20, arbitrary: presentValueFor(type, place, gen) },
      { weight: 3, arbitrary: fc.constant(OMIT) },
      { weight: 1, arbitrary: fc.constant(null) },
    );
  }
  if (isNonNullType(type)) {
    return fc.oneof(
      { weight: 40, arbitrary: presentValueFor(type.ofType, place, gen) },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constant(OMIT) },
      { weight: 1, arbitrary: wrongValue },
    );
  }
  return fc.oneof(
    { weight: 20, arbitrary: presentValueFor(type, place, gen) },
    { weight: 3, arbitrary: fc.constant(OMIT) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: wrongValue },
  );
}

function presentValueFor(type: GraphQLInputType, place: Place, gen: Generators): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return presentValueFor(type.ofType, place, gen);
  if (isListType(type)) {
    const item = valueFor(type.ofType, place, gen).map((value) => (value === OMIT ? null : value));
    return fc.oneof(
      { weight: 8, arbitrary: fc.array(item, { minLength: 1, maxLength: 4 }) },
      { weight: 2, arbitrary: fc.constant([]) },
      { weight: 2, arbitrary: fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => [...items, ...items]) },
      {
        weight: 1,
        arbitrary: fc.tuple(item, fc.integer({ min: 11, max: 3000 })).map(([value, count]) => Array.from({ length: count }, () => value)),
      },
      { weight: 1, arbitrary: item },
    );
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const record = fc.record(
      Object.fromEntries(
        fields.map((field) => [
          field.name,
          valueFor(field.type, { name: field.name, description: field.description, operation: place.operation }, gen),
        ]),
      ),
    );
    const extraField = gen.illTyped
      ? fc.oneof(
          { weight: 5, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.constantFrom('unknownField', '__proto__', 'tenantId', 'id', 'createdBy') },
        )
      : fc.constant(null);
    return fc.tuple(record, extraField, wrongValue).map(([value, extra, extraValue]) => {
      const object = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== OMIT));
      if (extra !== null) Object.defineProperty(object, extra, { value: extraValue, enumerable: true });
      return object;
    });
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((value) => value.name);
    if (!gen.illTyped) return fc.constantFrom(...values);
    return fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...values) },
      { weight: 1, arbitrary: fc.constantFrom('NOT_A_VALUE', values[0].toLowerCase(), ` ${values[0]}`, '') },
    );
  }
  switch (type.name) {
    case 'ID':
      return idFor(place, gen.pools);
    case 'Int':
      return intFor(place, gen);
    case 'Float':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), intFor(place, gen));
    case 'Boolean':
      if (!gen.illTyped) return fc.boolean();
      return fc.oneof({ weight: 8, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom('true', 0, 1) });
    case 'DateTimeISO':
      return gen.illTyped ? fc.oneof({ weight: 5, arbitrary: validDateTimes }, { weight: 3, arbitrary: invalidDateTimes }) : validDateTimes;
    case 'JSON':
      return fc.jsonValue({ maxDepth: 3 });
    default: {
      const plausible = plausibleString(place, gen.pools, gen.csrs);
      const hostile = hostileString(place);
      if (plausible && gen.plausible) return plausible;
      return plausible ? fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 2, arbitrary: hostile }) : hostile;
    }
  }
}

/** `{ id }` where the type has one, else `{ __typename }`: enough to make the field resolve. */
function selectionFor(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  return 'id' in named.getFields() ? ' { id }' : ' { __typename }';
}

interface Operation {
  kind: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
  document: string;
}

const operations: Operation[] = (['query', 'mutation'] as const).flatMap((kind) => {
  const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
  return Object.values(root?.getFields() ?? {})
    .filter((field) => field.args.length > 0)
    .map((field) => {
      const variables = field.args.map((arg) => `$${arg.name}: ${arg.type}`).join(', ');
      const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
      return { kind, field, document: `${kind} Fuzz(${variables}) { ${field.name}(${args})${selectionFor(field.type)} }` };
    });
});

const runsFor = (operation: Operation) => (operation.field.args.some((arg) => arg.name !== 'id') ? RUNS_INPUT : RUNS_SIMPLE);

function variablesFor(operation: Operation, gen: Generators): fc.Arbitrary<Record<string, unknown>> {
  const entries = operation.field.args.map((arg: GraphQLArgument) => [
    arg.name,
    valueFor(arg.type, { name: arg.name, description: arg.description, operation: operation.field.name }, gen),
  ]);
  return (
    fc
      .tuple(
        fc.record(Object.fromEntries(entries)),
        fc.oneof({ weight: 14, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: wrongValue }),
      )
      .map(([value, undeclared]) => ({
        ...Object.fromEntries(Object.entries(value).filter(([, v]) => v !== OMIT)),
        ...(undeclared === null ? {} : { undeclaredVariable: undeclared }),
      }))
      // Bodies over the 1 MiB limit are refused before GraphQL reads them: fuzz-http.test.ts sends those. A draw too
      // large for JSON.stringify at all (past the engine's longest string) is one of them.
      .filter((variables) => {
        try {
          return Buffer.byteLength(JSON.stringify(variables)) < 900_000;
        } catch {
          return false;
        }
      })
  );
}

/** PEM CSRs made by openssl, and pieces of them: the CSR field's plausible values. */
function csrArbitrary(valid: string[]): fc.Arbitrary<string> {
  const validCsr = fc.constantFrom(...valid);
  return fc.oneof(
    { weight: 2, arbitrary: validCsr },
    {
      weight: 2,
      arbitrary: fc.tuple(validCsr, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([pem, at, mask]) => {
        const body = pem.split('\n').slice(1, -2).join('');
        const der = Buffer.from(body, 'base64');
        der[at % der.length] ^= mask;
        return `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
      }),
    },
    { weight: 1, arbitrary: fc.tuple(validCsr, fc.nat()).map(([pem, at]) => pem.slice(0, at % pem.length)) },
    { weight: 1, arbitrary: validCsr.map((pem) => pem.replaceAll('CERTIFICATE REQUEST', 'PRIVATE KEY')) },
    { weight: 1, arbitrary: validCsr.map((pem) => pem.repeat(2)) },
  );
}

let kw: TestKeyward;
let admin: string;
let csrDir: string;
let validCsrs: string[];
let watch: ReturnType<typeof watchForUnhandled>;
let fingerprint: () => Promise<string>;

async function gqlRaw(query: string, variables: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(`${kw.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, text: await response.text() };
}

async function gqlOk<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await kw.gql<T>(query, variables, admin);
  if (!result.data || result.errors) throw new Error(`${query}: ${JSON.stringify(result.errors)}`);
  return result.data;
}

const counter = { value: 0 };
const unique = () => `${Date.now().toString(36)}${(counter.value++).toString(36)}`;

/** Makes sure the tenant holds enough records of each kind, and returns their ids (never the admin's own). */
async function replenish(): Promise<Pools> {
  const inFuture = new Date(Date.now() + 30 * DAY_MS).toISOString();
  await gqlOk(
    'mutation { updateTenantSettings(input: { maxClients: 1000, maxCredentialsPerClient: 20, maxCredentialLifetimeDays: 365 }) { id } }',
  );
  const [counts] = await kw.sql<Record<string, string>>(
    `select (select count(*) from api_client) as clients, (select count(*) from credential) as credentials,
            (select count(*) from team where name <> 'Administrators') as teams,
            (select count(*) from app_user where email <> 'admin@example.com') as users,
            (select count(*) from api_resource where not built_in) as resources, (select count(*) from personal_api_key where revoked_at is null) as keys,
            (select count(*) from vault_credential) as vault`,
  );
  for (let i = Number(counts.clients); i < 6; i++) await kw.clientWithSecret(admin, { client: { name: `Fuzz client ${unique()}` } });
  if (Number(counts.credentials) < 6) {
    const [client] = await kw.sql<{ id: string }>('select id from api_client limit 1');
    for (let i = Number(counts.credentials); i < 6; i++)
      await gqlOk('mutation($id: ID!, $e: DateTimeISO!) { createClientSecret(clientId: $id, input: { expiresAt: $e }) { secret } }', {
        id: client.id,
        e: inFuture,
      });
  }
  for (let i = Number(counts.teams); i < 4; i++) await gqlOk(`mutation { createTeam(input: { name: "Fuzz team ${unique()}" }) { id } }`);
  for (let i = Number(counts.users); i < 4; i++)
    await gqlOk(`mutation { createUser(input: { email: "fuzz-${unique()}@example.com", name: "Fuzz user" }) { user { id } } }`);
  for (let i = Number(counts.resources); i < 3; i++) {
    const name = unique();
    const { createApiResource } = await gqlOk(
      `mutation { createApiResource(input: { name: "Fuzz API ${name}", audience: "https://fuzz.example.com/${name}" }) { id } }`,
    );
    await gqlOk('mutation($id: ID!, $n: String!) { createScope(apiResourceId: $id, input: { name: $n }) { id } }', {
      id: createApiResource.id,
      n: `fuzz:${name}`,
    });
  }
  // Test URLs on an address no outbound call may reach, so a Test or an OAuth2 token request is refused at once.
  for (let i = Number(counts.vault); i < 3; i++)
    await gqlOk(
      `mutation { createVaultCredential(input: { name: "Fuzz vault ${unique()}", type: API_KEY, contactEmails: ["ops@example.com"], testUrl: "https://fuzz.invalid/me", apiKey: { key: "fuzz-key-0123456789abcdef" } }) { id } }`,
    );
  for (let i = Number(counts.keys); i < 3; i++)
    await gqlOk(`mutation { createPersonalApiKey(input: { name: "Fuzz key ${unique()}" }) { token } }`);
  const { mySessions } = await gqlOk<{ mySessions: { id: string; current: boolean }[] }>('{ mySessions { id current } }');
  for (let i = mySessions.length - 1; i < 3; i++) await kw.login(undefined, state.password);

  const ids = async (sql: string) => (await kw.sql<{ id: string }>(sql)).map((row) => String(row.id));
  const sessions = await gqlOk<{ mySessions: { id: string; current: boolean }[] }>('{ mySessions { id current } }');
  return {
    ids: {
      apiClient: await ids('select id from api_client'),
      credential: await ids('select id from credential'),
      vaultCredential: await ids('select id from vault_credential'),
      team: await ids("select id from team where name <> 'Administrators'"),
      user: await ids("select id from app_user where email <> 'admin@example.com'"),
      apiResource: await ids('select id from api_resource'),
      scope: await ids('select id from scope'),
      apiKey: await ids('select id from personal_api_key'),
      session: sessions.mySessions.filter((s) => !s.current).map((s) => s.id),
    },
    scopeNames: (await kw.sql<{ name: string }>('select name from scope')).map((row) => row.name),
  };
}

const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(async () => {
  watch = watchForUnhandled();
  // A wrong current password in changeMyPassword is a failed sign-in (docs/limits.md#sign-in-limits): the admin must not be locked out here.
  // The vault's calls to other hosts give up after a second: generated URLs must not hold a case up for ten.
  kw = await startKeyward({
    env: { LOG_LEVEL: 'warn', KEYWARD_LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000', KEYWARD_VAULT_TIMEOUT_SECONDS: '1' },
  });
  admin = await kw.login();
  fingerprint = await databaseFingerprint(kw);
  csrDir = mkdtempSync(join(tmpdir(), 'keyward-fuzz-csr-'));
  validCsrs = [
    ['rsa', 'rsa:2048'],
    ['p256', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'],
    ['rsa1024', 'rsa:1024'],
    ['ed25519', 'ed25519'],
  ].map(([name, newkey, ...options]) => {
    const out = join(csrDir, `${name}.csr`);
    openssl(
      'req',
      '-new',
      '-newkey',
      newkey,
      ...options,
      '-nodes',
      '-keyout',
      join(csrDir, `${name}.key`),
      '-subj',
      '/CN=fuzz',
      '-out',
      out,
    );
    return readFileSync(out, 'utf8');
  });
});

afterAll(async () => {
  watch?.stop();
  await kw?.destroy();
  if (csrDir) rmSync(csrDir, { recursive: true, force: true });
});

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/** Per operation: cases sent, how many were accepted, refused before any resolver ran, or refused by a service; and the time taken. */
interface Tally {
  cases: number;
  accepted: number;
  refusedRequest: number;
  refusedByService: number;
  seconds: number;
}
const tallies: Record<string, Tally> = {};
const codes: Record<string, number> = {};

/** The assertions every case must pass, whatever was sent. */
function checkAnswer(operation: Operation, sent: unknown, answer: { status: number; text: string }): GraphQLBody {
  const where = `${operation.field.name} with ${JSON.stringify(sent).slice(0, 300)}`;
  expect(answer.status, `${where} → ${answer.text.slice(0, 500)}`).toBeLessThan(500);
  let body: GraphQLBody & { error?: string; message?: string };
  try {
    body = JSON.parse(answer.text);
  } catch {
    throw new Error(`${where}: the answer is not JSON: ${answer.text.slice(0, 300)}`);
  }
  if (!('data' in body) && !('errors' in body)) {
    // Refused before GraphQL: only a body holding a "__proto__" or "constructor" key, which the JSON parser refuses.
    expect(JSON.stringify(sent), `${where} → ${answer.text}`).toMatch(/"(__proto__|constructor)":/);
    expect(answer.status).toBe(400);
    expect(body).toEqual({ error: 'invalid_request', message: expect.stringContaining('__proto__') });
    return { errors: [{ message: body.message ?? '', extensions: { code: 'BAD_REQUEST' } }] };
  }
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code ?? '(none)';
    codes[code] = (codes[code] ?? 0) + 1;
    // A leak report is limited per person (docs/leaked-credentials.md): past 20 a minute, RATE_LIMITED is its documented answer.
    const allowed =
      operation.field.name === 'reportLeakedCredential' ? new Set([...INPUT_REFUSAL_CODES, 'RATE_LIMITED']) : INPUT_REFUSAL_CODES;
    expect(allowed, `${where}: ${code}: ${error.message}`).toContain(code);
    expect(error.message, where).not.toMatch(INTERNALS);
    // A refusal names what was wrong; it does not repeat a long value back.
    expect(error.message.length, `${where}: ${error.message.slice(0, 300)}`).toBeLessThan(1000);
    if (code === 'FORBIDDEN') expect(error.message, where).not.toMatch(/do not have permission/);
    if (code === 'BAD_USER_INPUT') expect(error.extensions?.field, `${where}: ${error.message}`).toEqual(expect.any(String));
  }
  return body;
}

describe('refusals the generated input found answered with INTERNAL_SERVER_ERROR or without a field', () => {
  it('a page cursor of the right form but holding something else is refused naming "after", for clients and the audit trail', async () => {
    const cursor = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    for (const [query, after] of [
      ['query($a: String) { apiClients(after: $a) { totalCount } }', cursor([0, '2024-01-01T00:00:00.000Z'])],
      [
        'query($a: String) { apiClients(after: $a) { totalCount } }',
        cursor(['0000-12-31T23:59:59.999Z', '00000000-0000-1000-8000-000000000000']),
      ],
      ['query($a: String) { auditEvents(after: $a) { totalCount } }', cursor(['not-a-number'])],
    ]) {
      const result = await kw.gql(query, { a: after }, admin);
      expect(result.errors?.[0]).toMatchObject({
        message:
          'The "after" cursor is not one Keyward gave out for this list and order. Use the endCursor of the previous page, in the same order, or leave it out to start at the top.',
        extensions: { code: 'BAD_USER_INPUT', field: 'after' },
      });
    }
  });

  it('half of a UTF-16 surrogate pair in any text is refused naming the field, and nothing is stored', async () => {
    const before = await fingerprint();
    const result = await kw.gql(
      'mutation($input: CreateApiResourceInput!) { createApiResource(input: $input) { id } }',
      { input: { name: 'Billing', audience: 'https://billing.example.com', description: 'lone \udfff surrogate' } },
      admin,
    );
    expect(result.errors?.[0]).toMatchObject({
      message: expect.stringContaining('Description contains half of a UTF-16 surrogate pair'),
      extensions: { code: 'BAD_USER_INPUT', field: 'description' },
    });
    expect(await fingerprint()).toBe(before);
  });

  it('a required variable left out or null, and more than 50 bad values at once, are refused as bad input naming what to fix', async () => {
    const missing = await kw.gql('mutation($id: ID!) { deleteTeam(id: $id) }', {}, admin);
    expect(missing.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'id' } })]);
    const nulled = await kw.gql('mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }', { input: null }, admin);
    expect(nulled.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'input' } })]);
    const many = await kw.gql(
      'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id } }',
      { input: { name: 'Many', contactEmails: Array(60).fill(null) } },
      admin,
    );
    // Variables are checked up to the first bad value (docs/limits.md#graphql-limits: cheap variable errors): one refusal, naming it.
    expect(many.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: expect.stringMatching(/^contactEmails/) } }),
    ]);
    expect(many.errors?.[0].message).toMatch(/contactEmails\[0\]/);
  });
});

describe('every GraphQL operation with arguments, fed generated input', () => {
  it('covers every argument of every query and mutation in schema.graphql', () => {
    const mutations = operations.filter((o) => o.kind === 'mutation').map((o) => o.field.name);
    // The contract's mutations (docs/concepts.md#the-graphql-api) are all among the generated targets.
    expect(mutations).toEqual(
      expect.arrayContaining([
        'createApiClient',
        'updateApiClient',
        'deleteApiClient',
        'createClientSecret',
        'rotateClientSecret',
        'createCertificate',
        'deleteCredential',
        'createPersonalApiKey',
        'revokePersonalApiKey',
        'regeneratePersonalApiKey',
      ]),
    );
    expect(operations.filter((o) => o.kind === 'query').map((o) => o.field.name)).toEqual(
      expect.arrayContaining(['apiClient', 'apiClients', 'auditEvents', 'expiringCredentials']),
    );
  });

  it('never answers with a 5xx, internals or an undocumented code, and a refused request changes nothing', async () => {
    const started = Date.now();
    let changes = 0;
    for (const operation of operations) {
      const pools = await replenish();
      const gen: Generators = { pools, csrs: csrArbitrary(validCsrs), illTyped: false };
      const name = operation.field.name;
      const tally: Tally = { cases: 0, accepted: 0, refusedRequest: 0, refusedByService: 0, seconds: 0 };
      tallies[name] = tally;
      const operationStarted = Date.now();
      let before = await fingerprint();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            { weight: 1, arbitrary: variablesFor(operation, { ...gen, plausible: true }) },
            { weight: 2, arbitrary: variablesFor(operation, gen) },
            { weight: 2, arbitrary: variablesFor(operation, { ...gen, illTyped: true }) },
          ),
          async (variables) => {
            tally.cases++;
            const answer = await gqlRaw(operation.document, variables);
            const body = checkAnswer(operation, variables, answer);
            const after = await fingerprint();
            const errors = body.errors ?? [];
            const refused = errors.length > 0 && (body.data === null || body.data === undefined || body.data[name] === null);
            // A wrong current password is counted and audited as a failed sign-in (docs/limits.md#sign-in-limits): that is its change.
            const failedSignIn = name === 'changeMyPassword' && variables.currentPassword !== state.password;
            if (refused) {
              if (!failedSignIn) expect(after, `${name} was refused but changed the database: ${answer.text.slice(0, 300)}`).toBe(before);
              if (errors.some((error) => 'path' in error)) tally.refusedByService++;
              else tally.refusedRequest++;
            } else {
              tally.accepted++;
            }
            if (after !== before) changes++;
            if (name === 'changeMyPassword' && body.data?.changeMyPassword === true) state.password = String(variables.newPassword);
            before = after;
          },
        ),
        fuzzRuns(runsFor(operation)),
      );
      tally.seconds = (Date.now() - operationStarted) / 1000;
    }
    if (state.password !== ADMIN_PASSWORD) {
      await gqlOk('mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) }', {
        c: state.password,
        n: ADMIN_PASSWORD,
      });
      state.password = ADMIN_PASSWORD;
    }
    const total = Object.values(tallies).reduce((sum, tally) => sum + tally.cases, 0);
    console.log(
      `GraphQL fuzzing: ${total} cases over ${operations.length} operations in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
        '(cases: accepted / refused before any resolver / refused by a service, time)\n' +
        Object.entries(tallies)
          .map(
            ([operation, t]) =>
              `  ${operation}: ${t.cases}: ${t.accepted} / ${t.refusedRequest} / ${t.refusedByService}, ${t.seconds.toFixed(1)} s`,
          )
          .join('\n') +
        `\nerror codes seen: ${JSON.stringify(codes)}; cases that changed the database: ${changes}`,
    );
    // The fingerprint does see changes (accepted mutations), so an unchanged one after a refusal means something.
    expect(changes).toBeGreaterThan(100);
    // Most operations were reached by some well-formed input, not only refused by GraphQL's own type checks.
    for (const [operation, tally] of Object.entries(tallies)) expect(tally.accepted + tally.refusedByService, operation).toBeGreaterThan(0);
    expect(total).toBe(operations.reduce((sum, operation) => sum + runsFor(operation), 0));
    // The admin still holds every permission and the same session: refusals were about input, not access.
    expect((await gqlOk<{ viewer: { permissions: string[] } }>('{ viewer { permissions } }')).viewer.permissions).toHaveLength(10);
  }, 360_000);

  it('raised no unhandled rejection or exception and logged no error while fuzzing', () => {
    expect(watch.events).toEqual([]);
    expect(errorLogLines(kw)).toEqual([]);
  });
});
