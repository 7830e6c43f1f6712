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

/**
 * A token quota or the active-token limit is reached (docs/token-service.md#quotas): 429 (RFC 6585) with Retry-After
 * and the RateLimit fields, and the code Auth0 answers for its machine-to-machine token quotas.
 */
export class TooManyTokens extends OAuthError {
  readonly error = 'too_many_requests';
  readonly status = 429;
  constructor(message: string, retryAfterSeconds: number, rateLimit: Record<string, string>) {
    super(message);
    Object.assign(this.headers, rateLimit, { 'retry-after': String(retryAfterSeconds) });
  }
}

export class ServerUnavailable extends OAuthError {
  readonly error = 'temporarily_unavailable';
  readonly status = 503;
}

/** RFC 8707 §2: the requested resource (API) is not one the client may get a token for, or is ambiguous. */
export class InvalidTarget extends OAuthError {
  readonly error = 'invalid_target';
  readonly status = 400;
}

/** RFC 9449 §5: the DPoP proof sent with a token request is missing something or does not verify. */
export class InvalidDpopProof extends OAuthError {
  readonly error = 'invalid_dpop_proof';
  readonly status = 400;
}

/** Characters RFC 6749 §5.2 allows in error_description: printable ASCII except `"` and `\`. */
const DESCRIPTION_CHARACTER = /^[\x20\x21\x23-\x5B\x5D-\x7E]$/;

/** Typographic characters a message may hold, spelled in the characters error_description allows. */
const ASCII_SPELLING: [RegExp, string][] = [
  [/[\u2018\u2019\u201A\u201B\u2032"\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, "'"],
  [/\u00A7\s*/g, 'section '],
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/\u2192/g, '->'],
  [/\\/g, '/'],
  [/[\s\p{Cc}]+/gu, ' '],
];

/**
 * A message as an error_description: every character in the set RFC 6749 §5.2 allows, so strict client libraries
 * accept the answer. Quotes become `'`, `§` becomes "section", accented letters lose their accent, line breaks and
 * control characters become a space, and any other character (an echo of a client's own input, say) becomes `?`.
 */
export function errorDescription(message: string): string {
  // Compatibility decomposition turns "é" into "e" plus a combining accent (which goes), "ﬁ" into "fi", "…" into "...".
  let text = message.normalize('NFKD').replace(/\p{M}/gu, '');
  for (const [pattern, replacement] of ASCII_SPELLING) text = text.replace(pattern, replacement);
  return Array.from(text, (c) => (DESCRIPTION_CHARACTER.test(c) ? c : '?'))
    .join('')
    .trim();
}

/**
 * An OAuth error as the HTTP answer: status, headers and the RFC 6749 §5.2 JSON body. Never cached (RFC 6749 §5.1,
 * which §5.2 answers follow too); the description is spelled in the characters §5.2 allows.
 */
export function oauthErrorResponse(error: OAuthError): {
  status: number;
  headers: Record<string, string>;
  body: { error: string; error_description: string };
} {
  return {
    status: error.status,
    headers: { ...error.headers, 'cache-control': 'no-store', pragma: 'no-cache' },
    body: { error: error.error, error_description: errorDescription(error.message) },
  };
}
