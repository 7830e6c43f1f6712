import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryLimits } from './limits.js';

// A cycle like Keyward's (Client.credentials → Credential.client → …), a connection and an unpaged list.
const schema = buildSchema(`
  type Query { clients(first: Int): ClientConnection!  client(id: ID!): Client }
  type ClientConnection { edges: [ClientEdge!]!  totalCount: Int! }
  type ClientEdge { node: Client! }
  type Client { id: ID!  name: String!  credentials: [Credential!]! }
  type Credential { id: ID!  client: Client! }
`);

function refusals(query: string, maxCost = 1000, maxDepth = 6, rootFieldCost = 0): string[] {
  return validate(schema, parse(query), [
    ...specifiedRules,
    queryLimits({ maxDepth, maxCost, ignoreIntrospection: true, rootFieldCost }),
  ]).map((e) => e.message);
}

describe('query limits', () => {
  it('follows fragments when measuring depth', () => {
    const query = `
      { client(id: "1") { ...A } }
      fragment A on Client { credentials { client { ...B } } }
      fragment B on Client { credentials { client { credentials { id } } } }`;
    expect(refusals(query)).toEqual([
      'This query is nested 7 levels deep; the limit is 6. Ask for fewer nested fields, or make several requests.',
    ]);
  });

  it('counts a page by its literal first, its variable default, 50 when absent, and 100 for a bare variable', () => {
    const cost = (query: string) => {
      const [message] = refusals(query, 1);
      return Number(/about ([\d,]+) fields/.exec(message)?.[1].replaceAll(',', ''));
    };
    // clients + edges, then node and id per item.
    expect(cost('{ clients(first: 7) { edges { node { id } } } }')).toBe(2 + 7 * 2);
    expect(cost('query($n: Int = 3) { clients(first: $n) { edges { node { id } } } }')).toBe(2 + 3 * 2);
    expect(cost('{ clients { edges { node { id } } } }')).toBe(2 + 50 * 2);
    expect(cost('query($n: Int) { clients(first: $n) { edges { node { id } } } }')).toBe(2 + 100 * 2);
    expect(cost('query($n: Int) { clients(first: $n) { totalCount } }')).toBe(2);
    // An unpaged list counts as 10 items; a literal @include(if: false) counts nothing.
    expect(cost('{ client(id: "1") { credentials { id } name @include(if: false) } }')).toBe(2 + 10);
  });

  it('names the lists that made a query large and the fix', () => {
    expect(refusals('{ clients(first: 100) { edges { node { credentials { client { credentials { id } } } } } } }', 1000, 10)).toEqual([
      'This query could return about 12,202 fields (clients first: 100 × credentials ~10 each × credentials ~10 each); the limit is 1,000. Ask for smaller pages, fewer fields or fewer nested lists, and follow pageInfo.endCursor for the rest.',
    ]);
  });

  it('checks a document of fragments spreading fragments quickly, and survives a fragment cycle', () => {
    // Each fragment spreads the next twice: walked naively, 2^30 spreads.
    const fragments = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Client { id ${i < 29 ? `...F${i + 1} ...F${i + 1}` : ''} }`);
    const started = performance.now();
    expect(refusals(`{ client(id: "1") { ...F0 } }\n${fragments.join('\n')}`, 10_000)).toEqual([
      'This query could return about 1,073,741,824 fields; the limit is 10,000. Ask for fewer fields or fewer nested lists, or make several requests.',
    ]);
    expect(performance.now() - started).toBeLessThan(1000);

    const cycle = refusals('{ client(id: "1") { ...A } } fragment A on Client { ...B } fragment B on Client { ...A }');
    expect(cycle.some((m) => m.includes('Cannot spread fragment "A" within itself'))).toBe(true);
  });

  it('counts every top-level field at least the floor, so many cheap ones are refused, naming the cost and the limit', () => {
    const cheap = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `c${i}: client(id: "${i}") { id }`).join(' ')} }`;
    expect(refusals(cheap(4), 1000, 6, 250)).toEqual([]);
    expect(refusals(cheap(5), 1000, 6, 250)).toEqual([
      'This operation has 5 top-level fields, and each counts as at least 250 fields, so it costs about 1,250; the limit is 1,000 (at most 4 top-level fields). Ask for fewer top-level fields, or split the operation into several requests.',
    ]);
    // Through fragments and inline fragments too; __typename runs no resolver and has no floor.
    const spread =
      '{ __typename ...Q ... on Query { b: client(id: "2") { id } } } fragment Q on Query { a: client(id: "1") { id } c: client(id: "3") { id } }';
    expect(refusals(spread, 700, 6, 250)).toEqual([
      expect.stringMatching(/^This operation has 3 top-level fields, .* costs about 751; the limit is 700/),
    ]);
    // A top-level field that costs more than the floor counts what it costs, and a large one keeps naming its lists.
    expect(refusals('{ clients(first: 100) { edges { node { id name } } } }', 300, 6, 250)).toEqual([
      expect.stringMatching(/^This query could return about 302 fields \(clients first: 100\); the limit is 300\. Ask for smaller pages/),
    ]);
  });
});
