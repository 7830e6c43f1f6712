/**
 * OAuth 2.0 error responses (RFC 6749 §5.2). Handlers throw these; `oauth.routes.ts` turns them into the
 * JSON body, status and headers in one place.
 */
export abstract class OAuthError extends Error {
  abstract readonly error: string;
  abstract readonly status: number;
  readonly headers: Record<string, string> = {};
}

export class InvalidRequest extends OAuthError {
  readonly error = 'invalid_request';
  readonly status = 400;
}

/** 401 with WWW-Authenticate, so a client using HTTP Basic knows to retry with credentials. */
export class InvalidClient extends OAuthError {
  readonly error = 'invalid_client';
  readonly status = 401;
  override readonly headers = { 'www-authenticate': 'Basic realm="keyward", charset="UTF-8"' };
}

export class UnauthorizedClient extends OAuthError {
  readonly error = 'unauthorized_client';
  readonly status = 400;
}

export class UnsupportedGrantType extends OAuthError {
  readonly error = 'unsupported_grant_type';
  readonly status = 400;
}

export class InvalidScope extends OAuthError {
  readonly error = 'invalid_scope';
  readonly status = 400;
}

export class TooManyFailures extends OAuthError {
  readonly error = 'temporarily_unavailable';
  readonly status = 429;
  constructor(retryAfterSeconds: number) {
    super(`Too many failed requests. Wait ${retryAfterSeconds} seconds and check the client credentials before trying again.`);
    this.headers['retry-after'] = String(retryAfterSeconds);
  }
}

export class ServerUnavailable extends OAuthError {
  readonly error = 'temporarily_unavailable';
  readonly status = 503;
}
