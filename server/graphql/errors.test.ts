import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { describeVariableError, formatError, TOO_MANY_VARIABLE_ERRORS_MESSAGE } from './errors.js';

describe('variable coercion errors', () => {
  it('name the missing field and do not echo the value sent', () => {
    const result = describeVariableError(
      'Variable "$input" got invalid value { name: "x", password: "hunter2-secret" }; Field "contactEmails" of required type "[String!]!" was not provided.',
    );
    expect(result).toEqual({
      field: 'contactEmails',
      message: 'Invalid value for input.contactEmails: Field "contactEmails" of required type "[String!]!" was not provided.',
    });
    expect(result.message).not.toContain('hunter2');
  });

  it('name a nested field with the wrong type', () => {
    const result = describeVariableError(
      'Variable "$input" got invalid value "abc" at "input.accessTokenLifetimeSeconds"; Int cannot represent non-integer value: "abc"',
    );
    expect(result.field).toBe('accessTokenLifetimeSeconds');
    expect(result.message).toBe('Invalid value for input.accessTokenLifetimeSeconds: Int cannot represent non-integer value: "abc"');
  });

  it('do not repeat a long value through the reason either, where a scalar echoes it (a secret pasted into a date field)', () => {
    const secret = 'kwcs_AqfFMuTjVDaWa5nmH3dSauGCptRTQR1gaCsYBXWSTwh2bHMuN';
    const result = describeVariableError(
      `Variable "$input" got invalid value "${secret}" at "input.expiresAt"; DateTime cannot represent an invalid date-time-string ${secret}.`,
    );
    expect(result).toEqual({
      field: 'expiresAt',
      message: 'Invalid value for input.expiresAt: DateTime cannot represent an invalid date-time-string (the value sent).',
    });
    const nested = describeVariableError(
      `Variable "$e" got invalid value { a: "${secret}" }; DateTime cannot represent non string or Date type {"a":"${secret}"}`,
    );
    expect(nested.message).toBe('Invalid value for e: DateTime cannot represent non string or Date type {"a":(the value sent)}');
  });

  it('read a value holding "; " as one value, not as the start of the reason', () => {
    const password = 'hunter2; at "x"; my-secret';
    const result = describeVariableError(
      `Variable "$e" got invalid value ${JSON.stringify(password)}; DateTime cannot represent an invalid date-time-string ${password}.`,
    );
    expect(result).toEqual({
      field: 'e',
      message: 'Invalid value for e: DateTime cannot represent an invalid date-time-string (the value sent).',
    });
  });

  it('name a required variable that was left out or sent as null', () => {
    expect(describeVariableError('Variable "$id" of required type "ID!" was not provided.')).toEqual({
      field: 'id',
      message: 'Variable "$id" of required type "ID!" was not provided.',
    });
    expect(describeVariableError('Variable "$input" of non-null type "CreateTeamInput!" must not be null.').field).toBe('input');
  });

  it('name the variable when its printed value cannot be read (an object key holding a quote)', () => {
    expect(
      describeVariableError('Variable "$after" got invalid value { ": {} }; String cannot represent a non string value: { ": {} }'),
    ).toEqual({
      field: 'after',
      message: 'Invalid value for after: it does not have the type the operation declares.',
    });
  });

  it('fall back to the variable name', () => {
    expect(describeVariableError('Variable "$first" got invalid value "x"; Int cannot represent non-integer value: "x"').field).toBe(
      'first',
    );
  });
});

describe('formatError', () => {
  it('answers graphql-js giving up after 50 bad variable values as bad input, not as an internal error', () => {
    const error = new GraphQLError('Too many errors processing variables, error limit reached. Execution aborted.');
    expect(formatError(error.toJSON(), error)).toEqual({
      message: TOO_MANY_VARIABLE_ERRORS_MESSAGE,
      extensions: { code: 'BAD_USER_INPUT', field: 'variables' },
    });
  });
});
