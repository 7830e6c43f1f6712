/**
 * `Authorization: Basic …` for client_secret_basic, as OAuth client libraries send it: the client ID and secret are
 * form-encoded before they are joined (RFC 6749 section 2.3.1).
 */
export function basicAuth(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

/** A client_credentials token request with client_secret_basic, with any further form parameters. */
export function requestToken(baseUrl: string, clientId: string, secret: string, params: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(clientId, secret) },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...params }).toString(),
  });
}
