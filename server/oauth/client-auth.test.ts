import type { X509Certificate } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ClientAuthenticator } from './client-auth.js';
import type { ClientCache } from './client-cache.js';
import { InvalidClient, InvalidRequest } from './errors.js';

// presented() reads only the request's headers and hands the certificate on; it never looks a client up.
const authenticator = new ClientAuthenticator({} as ClientCache, Buffer.alloc(32));
const certificate = { subject: 'CN=billing' } as X509Certificate;
const request = (authorization?: string) => ({ headers: authorization === undefined ? {} : { authorization } }) as FastifyRequest;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('ClientAuthenticator.presented', () => {
  it('reads HTTP Basic, client_secret in the body and a certificate with client_id', () => {
    expect(authenticator.presented(request(basic('billing', 's3cret')), {}, null)).toEqual({
      method: 'client_secret_basic',
      clientId: 'billing',
      secret: 's3cret',
    });
    expect(authenticator.presented(request(), { client_id: 'billing', client_secret: 's3cret' }, null)).toEqual({
      method: 'client_secret_post',
      clientId: 'billing',
      secret: 's3cret',
    });
    expect(authenticator.presented(request(), { client_id: 'billing' }, certificate)).toEqual({
      method: 'tls_client_auth',
      clientId: 'billing',
      certificate,
    });
  });

  it('takes an empty client_secret next to a client certificate as no secret (simple-oauth2 sends one)', () => {
    expect(authenticator.presented(request(), { client_id: 'billing', client_secret: '' }, certificate)).toEqual({
      method: 'tls_client_auth',
      clientId: 'billing',
      certificate,
    });
  });

  it('takes an empty Basic password next to a client certificate as no secret, the client ID from the header', () => {
    expect(authenticator.presented(request(basic('billing', '')), {}, certificate)).toEqual({
      method: 'tls_client_auth',
      clientId: 'billing',
      certificate,
    });
    expect(authenticator.presented(request(basic('billing', '')), { client_id: 'billing', client_secret: '' }, certificate)).toEqual({
      method: 'tls_client_auth',
      clientId: 'billing',
      certificate,
    });
    const mismatch = refusal(() => authenticator.presented(request(basic('billing', '')), { client_id: 'other' }, certificate));
    expect(mismatch).toBeInstanceOf(InvalidRequest);
  });

  it('without a certificate, an empty secret is a secret that will fail to verify, not no authentication', () => {
    expect(authenticator.presented(request(), { client_id: 'billing', client_secret: '' }, null)).toEqual({
      method: 'client_secret_post',
      clientId: 'billing',
      secret: '',
    });
    expect(authenticator.presented(request(basic('billing', '')), {}, null)).toEqual({
      method: 'client_secret_basic',
      clientId: 'billing',
      secret: '',
    });
  });

  it('still refuses two secrets at once, even next to a certificate', () => {
    const both = refusal(() =>
      authenticator.presented(request(basic('billing', 's3cret')), { client_id: 'billing', client_secret: 's3cret' }, certificate),
    );
    expect(both).toBeInstanceOf(InvalidRequest);
    expect((both as Error).message).toBe(
      'Use exactly one client authentication method: HTTP Basic or client_secret in the body, not both.',
    );
  });

  it('answers another Authorization scheme (Bearer) with invalid_client, not invalid_request', () => {
    for (const header of ['Bearer eyJhbGciOiJFUzI1NiJ9.e30.sig', 'Digest username="billing"', 'Basic']) {
      const error = refusal(() => authenticator.presented(request(header), { grant_type: 'client_credentials' }, null));
      expect(error, header).toBeInstanceOf(InvalidClient);
    }
  });

  it('answers no authentication at all with invalid_client', () => {
    expect(refusal(() => authenticator.presented(request(), { client_id: 'billing' }, null))).toBeInstanceOf(InvalidClient);
  });
});
