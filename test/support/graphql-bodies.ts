import { request } from 'node:http';

export interface Answer {
  status: number;
  body: Record<string, any>;
}

/** A POST of an already encoded body through node:http, which costs this process (the server's) next to nothing. */
export function postRaw(baseUrl: string, path: string, body: Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = request(
      `${baseUrl}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

/**
 * Three GraphQL bodies just under the 1 MiB body limit whose variables are invalid, each with the variable the
 * refusal must name: for the checks that such a flood is refused cheaply and with a short message.
 */
export function invalidVariableBodies(): { body: Buffer; field: string }[] {
  const SIZE = 1_000_000;
  const objectOfKeys: Record<string, number> = {};
  for (let i = 0, length = 2; length < SIZE - 200; i++) {
    objectOfKeys[`k${i}`] = i;
    length += `"k${i}":${i},`.length;
  }
  return [
    // A megabyte of text where a number is expected.
    {
      query: 'query($first: Int) { apiClients(first: $first) { totalCount } }',
      variables: { first: 'x'.repeat(SIZE - 100) },
      field: 'first',
    },
    // A megabyte of wrong-typed list items: graphql-js would build 50 errors and then give up.
    {
      query: 'mutation($emails: [String!]!) { createApiClient(input: { name: "Flood", contactEmails: $emails }) { id } }',
      variables: { emails: Array.from({ length: (SIZE - 200) / 5 }, () => true) },
      field: 'emails',
    },
    // An object of 68,000 keys where a number is expected: graphql-js takes a third of a second to print it.
    { query: 'query($first: Int) { apiClients(first: $first) { totalCount } }', variables: { first: objectOfKeys }, field: 'first' },
  ].map(({ query, variables, field }) => ({ body: Buffer.from(JSON.stringify({ query, variables })), field }));
}
