import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedAddressKind, fetchJson } from './outbound.js';

describe('the outbound address guard', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['10.0.0.8', 'a private or reserved address'],
    ['172.20.1.1', 'a private or reserved address'],
    ['192.168.1.1', 'a private or reserved address'],
    ['fd12:3456::1', 'a private or reserved address'],
    ['169.254.169.254', 'a cloud metadata address'],
    ['fd00:ec2::254', 'a cloud metadata address'],
    ['169.254.10.1', 'a link-local address'],
    ['fe80::1', 'a link-local address'],
    ['0.0.0.0', 'an unspecified address'],
    ['::', 'an unspecified address'],
  ])('refuses %s as %s', (address, kind) => {
    expect(blockedAddressKind(address)).toBe(kind);
  });

  it.each(['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '::ffff:8.8.8.8'])(
    'lets the public address %s through',
    (address) => {
      expect(blockedAddressKind(address)).toBeNull();
    },
  );
});

describe('fetchJson', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/redirect') return response.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      if (request.url === '/slow') return setTimeout(() => response.end('{}'), 2_000);
      if (request.url === '/big') return response.end(JSON.stringify({ keys: 'x'.repeat(4096) }));
      response.setHeader('content-type', 'application/json');
      response.end('{"keys":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const allowed = { allowPrivate: true, timeoutMs: 500, maxBytes: 1024 };

  it('reads JSON where private addresses are allowed', async () => {
    expect(await fetchJson(`${base}/jwks.json`, allowed, 'The jwksUri')).toEqual({ keys: [] });
  });

  it('does not follow a redirect, answers within its deadline and reads no more than its limit', async () => {
    await expect(fetchJson(`${base}/redirect`, allowed, 'The jwksUri')).rejects.toThrow(
      'The jwksUri answered with a redirect (302); Keyward does not follow redirects: give the final URL.',
    );
    await expect(fetchJson(`${base}/slow`, allowed, 'The jwksUri')).rejects.toThrow('The jwksUri did not answer within 0.5 seconds.');
    await expect(fetchJson(`${base}/big`, allowed, 'The jwksUri')).rejects.toThrow(
      'The jwksUri answered more than 1 KiB, more than Keyward reads.',
    );
  });

  it('refuses loopback by name and by address unless allowed, before connecting', async () => {
    const guarded = { ...allowed, allowPrivate: false };
    const port = new URL(base).port;
    await expect(fetchJson(`https://localhost:${port}/jwks.json`, guarded, 'The jwksUri')).rejects.toThrow(
      /resolves to .*, a loopback address/,
    );
    await expect(fetchJson(`https://127.0.0.1:${port}/jwks.json`, guarded, 'The jwksUri')).rejects.toThrow(
      /^The jwksUri resolves to 127\.0\.0\.1, a loopback address; .* KEYWARD_OUTBOUND_ALLOW_PRIVATE=true/,
    );
  });
});
