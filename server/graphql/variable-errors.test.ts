import { buildSchema, type GraphQLScalarType, getOperationAST, parse } from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { describe, expect, it } from 'vitest';
import { firstBadVariable } from './variable-errors.js';

const schema = buildSchema(`
  scalar DateTimeISO
  enum Permission { CLIENT_ADMINISTRATION SECRET_ADMINISTRATION AUDIT_READER }
  input ClientInput { name: String!  emails: [String!]!  lifetime: Int = 3600  expiresAt: DateTimeISO  permissions: [Permission!] }
  type Query { clients(first: Int, input: ClientInput, ids: [ID!]): Int }
`);
// Keyward's DateTimeISO (type-graphql's, from graphql-scalars), which buildSchema cannot name.
(schema.getType('DateTimeISO') as GraphQLScalarType).parseValue = GraphQLDateTimeISO.parseValue;

/** The refusal of `variables` for an operation declaring `declarations`, as the caller reads it, or null. */
function refusal(declarations: string, variables: Record<string, unknown>, hideSuggestions = false) {
  const uses = declarations
    .split(',')
    .map((d) => d.trim().split(':')[0].slice(1))
    .map((name) => `${name}: $${name}`)
    .join(', ');
  const operation = getOperationAST(parse(`query(${declarations}) { clients(${uses}) }`));
  const found = firstBadVariable(schema, operation ?? undefined, variables, hideSuggestions);
  return found && { message: found.error.message, field: found.error.field };
}

describe('bad variables', () => {
  it('are refused at the first value that does not fit, naming where it is', () => {
    expect(refusal('$first: Int', { first: 'abc' })).toEqual({
      message: 'Invalid value for first: expected a whole number from -2147483648 to 2147483647 (Int), not "abc".',
      field: 'first',
    });
    expect(refusal('$input: ClientInput', { input: { name: 'a', emails: ['a@example.com', 7, 8] } })).toEqual({
      message: 'Invalid value for input.emails[1]: expected text (String), not 7.',
      field: 'emails',
    });
    expect(refusal('$input: ClientInput', { input: { emails: [] } })).toEqual({
      message: 'Invalid value for input.name: Field "name" of required type "String!" was not provided.',
      field: 'name',
    });
    expect(refusal('$ids: [ID!]', { ids: ['a', null] })?.message).toBe(
      'Invalid value for ids[1]: Expected non-nullable type "ID!" not to be null.',
    );
    expect(refusal('$first: Int!', {})).toEqual({ message: 'Variable "$first" of required type "Int!" was not provided.', field: 'first' });
    expect(refusal('$first: Int!', { first: null })?.message).toBe('Variable "$first" of non-null type "Int!" must not be null.');
  });

  it('accept what graphql-js accepts: a single item for a list, defaults, integers as IDs, nulls where allowed', () => {
    expect(refusal('$ids: [ID!]', { ids: 5 })).toBeNull();
    expect(refusal('$input: ClientInput', { input: { name: 'a', emails: 'a@example.com', permissions: ['AUDIT_READER'] } })).toBeNull();
    expect(refusal('$input: ClientInput, $first: Int', { input: null, first: 2_147_483_647 })).toBeNull();
    expect(refusal('$input: ClientInput', { input: { name: 'a', emails: [], expiresAt: '2030-01-31T12:00:00.000Z' } })).toBeNull();
    expect(refusal('$first: Int = 5', {})).toBeNull();
  });

  it('never print a long text, an object or a list sent where something else was expected', () => {
    const secret = 'kwcs_AqfFMuTjVDaWa5nmH3dSauGCptRTQR1gaCsYBXWSTwh2bHMuN';
    expect(refusal('$first: Int', { first: secret })?.message).toBe(
      'Invalid value for first: expected a whole number from -2147483648 to 2147483647 (Int), not (the value sent).',
    );
    const huge: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) huge[`k${i}`] = i;
    expect(refusal('$first: Int', { first: huge })?.message).toBe(
      'Invalid value for first: expected a whole number from -2147483648 to 2147483647 (Int), not an object.',
    );
    expect(refusal('$input: ClientInput', { input: { name: [secret], emails: [] } })?.message).toBe(
      'Invalid value for input.name: expected text (String), not a list.',
    );
    // Keyward's own scalars decide, and their message is repeated only for a short value.
    expect(refusal('$input: ClientInput', { input: { name: 'a', emails: [], expiresAt: secret } })?.message).toBe(
      'Invalid value for input.expiresAt: expected an ISO 8601 date and time such as 2030-01-31T12:00:00.000Z (DateTimeISO), not (the value sent).',
    );
    expect(refusal('$input: ClientInput', { input: { name: 'a', emails: [], expiresAt: huge } })?.message).toMatch(/not an object\.$/);
    const list = Array.from({ length: 200_000 }, () => true);
    expect(refusal('$ids: [ID!]', { ids: list })?.message).toBe('Invalid value for ids[0]: expected an ID, as text (ID), not true.');
  });

  it('list the fields and enum values to choose from, but not in production', () => {
    expect(refusal('$input: ClientInput', { input: { name: 'a', emails: [], nmae: 'b' } })?.message).toBe(
      'Invalid value for input: Field "nmae" is not defined by type "ClientInput". Its fields are: name, emails, lifetime, expiresAt, permissions.',
    );
    expect(refusal('$input: ClientInput', { input: { name: 'a', emails: [], nmae: 'b' } }, true)?.message).toBe(
      'Invalid value for input: Field "nmae" is not defined by type "ClientInput".',
    );
    const permissions = { input: { name: 'a', emails: [], permissions: ['AUDIT_READR'] } };
    expect(refusal('$input: ClientInput', permissions)?.message).toBe(
      'Invalid value for input.permissions[0]: expected one of CLIENT_ADMINISTRATION, SECRET_ADMINISTRATION, AUDIT_READER (Permission), not (the value sent).',
    );
    expect(refusal('$input: ClientInput', permissions, true)?.message).toBe(
      'Invalid value for input.permissions[0]: expected a value of Permission, not (the value sent).',
    );
  });
});
