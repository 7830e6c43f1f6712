import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { BadUserInputError, UnauthenticatedError } from '../kernel/errors.js';
import { type LeakedValue, type LeakReports, MAX_VALUES_PER_REPORT } from './leak-reports.js';

export const LEAK_REPORT_PATH = '/security/leaked-credentials';
const REPORTER = 'GitHub secret scanning';

/**
 * `POST /security/leaked-credentials` in GitHub secret scanning's partner format (docs/leaked-credentials.md): a JSON
 * array of `{token, type, url, source}`, signed over the raw body with ECDSA P-256 / SHA-256 by a key Keyward trusts
 * (KEYWARD_LEAK_REPORT_KEYS), named in `Github-Public-Key-Identifier`, the signature (base64 DER) in
 * `Github-Public-Key-Signature`. A verified report is answered `200 []` whatever it held: no per-token feedback, which
 * would say which values are Keyward's live credentials.
 */
export function registerLeakReportRoutes(app: FastifyInstance, reports: LeakReports, trustedKeys: Record<string, string>): void {
  const keys = new Map<string, KeyObject>(Object.entries(trustedKeys).map(([id, pem]) => [id, createPublicKey(pem)]));
  // Its own scope: the signature is over the bytes sent, so the body is kept as text and parsed only once verified.
  void app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) => done(null, body));
    scoped.post(LEAK_REPORT_PATH, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      checkSignature(
        keys,
        header(request.headers['github-public-key-identifier']),
        header(request.headers['github-public-key-signature']),
        body,
      );
      await reports.fromScanner(REPORTER, parseReport(body));
      return reply.status(200).type('application/json').send('[]');
    });
  });
}

function header(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

function checkSignature(keys: Map<string, KeyObject>, keyId: string, signature: string, body: Buffer): void {
  if (keys.size === 0) {
    throw new UnauthenticatedError(
      'This Keyward trusts no key for leaked-credential reports: its operator sets KEYWARD_LEAK_REPORT_KEYS to the scanner’s public keys.',
    );
  }
  if (!keyId || !signature) {
    throw new UnauthenticatedError(
      'A leaked-credential report must be signed: send the key identifier in Github-Public-Key-Identifier and the base64 ECDSA signature of the body in Github-Public-Key-Signature.',
    );
  }
  const key = keys.get(keyId);
  if (!key) {
    throw new UnauthenticatedError(
      `The key "${keyId.slice(0, 100)}" named in Github-Public-Key-Identifier is not one this Keyward trusts (KEYWARD_LEAK_REPORT_KEYS). Sign with a trusted key.`,
    );
  }
  let valid = false;
  try {
    valid = verify('sha256', body, { key, dsaEncoding: 'der' }, Buffer.from(signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new UnauthenticatedError(
      'The Github-Public-Key-Signature does not verify: it must be the base64 ECDSA P-256 SHA-256 signature of the exact request body, made with the key named in Github-Public-Key-Identifier.',
    );
  }
}

function parseReport(body: Buffer): LeakedValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    parsed = null;
  }
  const shapeError = () =>
    new BadUserInputError(
      'body',
      `A leaked-credential report is a JSON array of objects {"token": "...", "type": "...", "url": "...", "source": "..."}, at most ${MAX_VALUES_PER_REPORT}; nothing was looked up.`,
    );
  if (!Array.isArray(parsed) || parsed.length > MAX_VALUES_PER_REPORT) throw shapeError();
  return parsed.map((entry) => {
    if (!entry || typeof entry !== 'object' || typeof entry.token !== 'string') throw shapeError();
    const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 500) : null);
    return { token: entry.token, url: text(entry.url), source: text(entry.source) };
  });
}
