import { describe, expect, it } from 'vitest';
import {
  errorDescription,
  InvalidClient,
  InvalidRequest,
  InvalidScope,
  oauthErrorResponse,
  TooManyFailures,
  UnsupportedGrantType,
} from './errors.js';

/** RFC 6749 §5.2: error_description is %x20-21 / %x23-5B / %x5D-7E. */
const ALLOWED = /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/;

describe('errorDescription', () => {
  it('keeps a message already in the allowed characters as it is', () => {
    const message = "Scope 'orders:read' is not granted to this client; grant it on the client's page (RFC 6749 section 3.3).";
    expect(errorDescription(message)).toBe(message);
  });

  it('spells typographic quotes, double quotes and the section sign in allowed characters', () => {
    expect(errorDescription('The client’s secret is “expired” (RFC 6749 §5.2)')).toBe(
      "The client's secret is 'expired' (RFC 6749 section 5.2)",
    );
    expect(errorDescription('grant_type "password" is not supported')).toBe("grant_type 'password' is not supported");
    expect(errorDescription('See § 4.4.2 and ‘scope’')).toBe("See section 4.4.2 and 'scope'");
  });

  it('turns dashes, ellipses and accented letters into their ASCII spelling', () => {
    expect(errorDescription('Retry in 5–10 seconds — or not…')).toBe('Retry in 5-10 seconds - or not...');
    expect(errorDescription('Café ﬁle naïve')).toBe('Cafe file naive');
  });

  it('replaces backslashes, control characters and line breaks, and marks any other character with ?', () => {
    expect(errorDescription('C:\\path')).toBe('C:/path');
    expect(errorDescription('line one\r\nline\ttwo\u0000end\u007f')).toBe('line one line two end');
    expect(errorDescription('client 名前 🔑 id')).toBe('client ?? ? id');
  });

  it('answers with allowed characters only, whatever the message holds', () => {
    let every = '';
    for (let code = 0; code < 0x3000; code++) every += String.fromCharCode(code);
    every += '\u{1F511}\uD800\uDFFF';
    expect(errorDescription(every)).toMatch(ALLOWED);
  });
});

describe('oauthErrorResponse', () => {
  it('answers invalid_client with 401, WWW-Authenticate and no caching', () => {
    expect(oauthErrorResponse(new InvalidClient('Client authentication failed.'))).toEqual({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="keyward", charset="UTF-8"', 'cache-control': 'no-store', pragma: 'no-cache' },
      body: { error: 'invalid_client', error_description: 'Client authentication failed.' },
    });
  });

  it('keeps the headers of the error (Retry-After) and its status', () => {
    expect(oauthErrorResponse(new TooManyFailures(30))).toEqual({
      status: 429,
      headers: { 'retry-after': '30', 'cache-control': 'no-store', pragma: 'no-cache' },
      body: {
        error: 'temporarily_unavailable',
        error_description: 'Too many failed requests. Wait 30 seconds and check the client credentials before trying again.',
      },
    });
  });

  it('spells every description in the allowed characters, including a client’s own input echoed back', () => {
    const responses = [
      oauthErrorResponse(new UnsupportedGrantType('grant_type "pass\\word’s" is not supported; use client_credentials.')),
      oauthErrorResponse(new InvalidScope('Scope ‘ordérs’ is not granted (RFC 6749 §3.3).')),
      oauthErrorResponse(new InvalidRequest('Parameter \u0000\u2028 appears more than once.')),
    ];
    expect(responses.map((r) => r.body.error_description)).toEqual([
      "grant_type 'pass/word's' is not supported; use client_credentials.",
      "Scope 'orders' is not granted (RFC 6749 section 3.3).",
      'Parameter appears more than once.',
    ]);
    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(response.body.error_description).toMatch(ALLOWED);
    }
  });
});
