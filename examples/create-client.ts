// Creates an API client with one client secret through Keyward's GraphQL API, and prints the secret,
// which Keyward shows only this once. Plain TypeScript with no dependencies:
//   Node ≥ 22.18 runs it as is:  node examples/create-client.ts "Billing export" ops@example.com
//   Node 20:                     npx tsc --outDir /tmp/kw-example examples/create-client.ts && node /tmp/kw-example/create-client.js …
//
// Authenticate with ONE of:
//   KEYWARD_API_KEY=kwpat_…        a personal API key (My API keys in the SPA); acts as you, with your permissions
//   KEYWARD_CLIENT_ID=… KEYWARD_CLIENT_SECRET=kwcs_…
//                                  an API client granted keyward:clients.create and keyward:secrets.create
//                                  (the Keyward Management API); the script first gets an access token
// KEYWARD_URL defaults to http://localhost:4000.

interface GraphQLError {
  message: string;
  extensions?: { code?: string; field?: string };
}

const url = process.env.KEYWARD_URL ?? 'http://localhost:4000';
const [name, email, days = '90'] = process.argv.slice(2);
if (!name || !email) {
  console.error('Usage: create-client.ts <client name> <contact email> [secret lifetime in days, default 90]');
  process.exit(2);
}

async function bearerToken(): Promise<string> {
  const apiKey = process.env.KEYWARD_API_KEY;
  if (apiKey) return apiKey;
  const clientId = process.env.KEYWARD_CLIENT_ID;
  const clientSecret = process.env.KEYWARD_CLIENT_SECRET;
  if (!clientId || !clientSecret) {
    console.error('Set KEYWARD_API_KEY, or KEYWARD_CLIENT_ID and KEYWARD_CLIENT_SECRET.');
    process.exit(2);
  }
  // client_secret_basic (RFC 6749 §2.3.1): both parts form-encoded, then base64.
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
  const response = await fetch(`${url}/oauth2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'keyward:clients.create keyward:secrets.create' }),
  });
  const body = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
  if (!body.access_token) throw new Error(`Keyward refused the token request: ${body.error}: ${body.error_description}`);
  return body.access_token;
}

async function graphql<T>(bearer: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphQLError[] };
  if (body.errors?.length) {
    const messages = body.errors.map(
      (e) => `${e.message} (${e.extensions?.code ?? 'error'}${e.extensions?.field ? `, field ${e.extensions.field}` : ''})`,
    );
    throw new Error(`Keyward: ${messages.join('; ')}`);
  }
  return body.data as T;
}

async function main(): Promise<void> {
  const bearer = await bearerToken();
  const { createApiClient } = await graphql<{ createApiClient: { id: string; clientId: string } }>(
    bearer,
    'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }',
    { input: { name, contactEmails: [email] } },
  );
  const expiresAt = new Date(Date.now() + Number(days) * 86_400_000).toISOString();
  const { createClientSecret } = await graphql<{ createClientSecret: { secret: string; credential: { expiresAt: string } } }>(
    bearer,
    'mutation($id: ID!, $expiresAt: DateTimeISO!) { createClientSecret(clientId: $id, input: { expiresAt: $expiresAt }) { secret credential { expiresAt } } }',
    { id: createApiClient.id, expiresAt },
  );
  console.log(`client_id=${createApiClient.clientId}`);
  console.log(`client_secret=${createClientSecret.secret}`);
  console.log(`expires_at=${createClientSecret.credential.expiresAt}`);
  console.error('Store the secret now: Keyward shows it only this once.');
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
