import { describe, expect, it } from 'vitest';
import { describeVariableError } from './errors.js';

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

  it('fall back to the variable name', () => {
    expect(describeVariableError('Variable "$first" got invalid value "x"; Int cannot represent non-integer value: "x"').field).toBe(
      'first',
    );
  });
});
