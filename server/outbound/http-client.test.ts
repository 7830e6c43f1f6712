import { lookup } from 'node:dns/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OutboundPolicy, OutboundRefused } from './guard.js';
import { outboundRequest } from './http-client.js';

// Two loopback servers stand in for public hosts: an operator listed 127.0.0.1 in KEYWARD_OUTBOUND_ALLOW_ADDRESSES,
// and every other private, loopback and metadata address stays refused.
const policy: OutboundPolicy = { allowPrivate: false, allowAddresses: ['127.0.0.1/32'], timeoutMs: 2_000, maxBytes: 1024 };

interface Echo {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let main: Server;
let other: Server;
let trap: Server;
let base: string;
let otherBase: string;
let trapBase: string;
let trapHits = 0;

function listen(server: Server, host: string): Promise<string> {
  return new Promise((resolve) => server.listen(0, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`)));
}

async function echo(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const answer: Echo = {
    method: request.method ?? '',
    url: request.url ?? '',
    headers: request.headers,
    body: Buffer.concat(chunks).toString(),
  };
  response.setHeader('content-type', 'application/json');
  response.setHeader('x-served-by', 'echo');
  response.end(JSON.stringify(answer));
}

const redirect = (response: ServerResponse, status: number, location: string) => response.writeHead(status, { location }).end();

beforeAll(async () => {
  other = createServer(echo);
  otherBase = await listen(other, '127.0.0.1');
  trap = createServer((_request, response) => {
    trapHits += 1;
    response.end('should never be called');
  });
  trapBase = await listen(trap, '127.0.0.2');
  main = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path === '/relative') return redirect(response, 302, 'echo?from=relative');
    if (path === '/absolute') return redirect(response, 301, `${base}/echo`);
    if (path === '/see-other') return redirect(response, 303, '/echo');
    if (path === '/temporary') return redirect(response, 307, '/echo');
    if (path === '/permanent') return redirect(response, 308, '/echo');
    if (path === '/cross') return redirect(response, 302, `${otherBase}/echo`);
    if (path === '/loop') return redirect(response, 302, '/loop');
    if (path === '/to-metadata') return redirect(response, 302, 'http://169.254.169.254/latest/meta-data?token=LOCATION-SECRET-9f2c');
    if (path === '/to-private') return redirect(response, 307, 'http://10.0.0.1/');
    if (path === '/to-trap') return redirect(response, 302, `${trapBase}/`);
    if (path === '/delay') return setTimeout(() => response.end('late but in time'), 150);
    if (path === '/slow') return setTimeout(() => response.end('too late'), 5_000);
    if (path === '/stall') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      return response.write('the first half, and then nothing');
    }
    if (path === '/big') return response.end('x'.repeat(4096));
    if (path === '/big-stream') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 8; i++) response.write('y'.repeat(512));
      return response.end();
    }
    void echo(request, response);
  });
  base = await listen(main, '127.0.0.1');
});

afterAll(async () => {
  for (const server of [main, other, trap]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const json = (body: Buffer) => JSON.parse(body.toString()) as Echo;

/** The message of the OutboundRefused a call fails with; the test fails if it succeeds or fails otherwise. */
async function refusal(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(OutboundRefused);
  return (error as OutboundRefused).message;
}

describe('outboundRequest', () => {
  it('sends a GET and a POST with their headers and body, and reports status, headers, latency and the URL without its query', async () => {
    const got = await outboundRequest({ url: `${base}/echo?api_key=abc`, what: 'The test URL', headers: { 'X-Trace': 't-1' } }, policy);
    expect(got).toMatchObject({ status: 200, url: `${base}/echo`, redirects: 0 });
    expect(got.headers['x-served-by']).toBe('echo');
    expect(json(got.body)).toMatchObject({ method: 'GET', url: '/echo?api_key=abc', headers: { 'x-trace': 't-1' }, body: '' });

    const posted = await outboundRequest(
      {
        url: `${base}/echo`,
        what: 'The token URL',
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic dXNlcjpwYXNz' },
        body: 'grant_type=client_credentials&scope=read',
      },
      policy,
    );
    expect(json(posted.body)).toMatchObject({
      method: 'POST',
      body: 'grant_type=client_credentials&scope=read',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic dXNlcjpwYXNz', 'content-length': '40' },
    });

    const delayed = await outboundRequest({ url: `${base}/delay`, what: 'The test URL' }, policy);
    expect(delayed.body.toString()).toBe('late but in time');
    expect(delayed.latencyMs).toBeGreaterThanOrEqual(140);
    expect(delayed.latencyMs).toBeLessThan(2_000);
  });

  it('answers a redirect as it is unless asked to follow, then follows relative and absolute ones and reports the final URL', async () => {
    const unfollowed = await outboundRequest({ url: `${base}/relative`, what: 'The test URL' }, policy);
    expect(unfollowed).toMatchObject({ status: 302, redirects: 0, url: `${base}/relative` });
    expect(unfollowed.headers.location).toBe('echo?from=relative');

    const relative = await outboundRequest({ url: `${base}/relative?key=secret-ish`, what: 'The test URL', maxRedirects: 5 }, policy);
    expect(relative).toMatchObject({ status: 200, redirects: 1, url: `${base}/echo` });
    expect(json(relative.body).url).toBe('/echo?from=relative');

    const absolute = await outboundRequest({ url: `${base}/absolute`, what: 'The test URL', maxRedirects: 5 }, policy);
    expect(absolute).toMatchObject({ status: 200, redirects: 1, url: `${base}/echo` });
  });

  it('follows 301, 302 and 303 with a GET without body, and 307 and 308 with the same method and body', async () => {
    const post = (path: string) =>
      outboundRequest(
        {
          url: `${base}${path}`,
          what: 'The token URL',
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"grant":"yes"}',
          maxRedirects: 5,
        },
        policy,
      ).then((response) => json(response.body));
    for (const path of ['/absolute', '/relative', '/see-other']) {
      const arrived = await post(path);
      expect(arrived, path).toMatchObject({ method: 'GET', body: '' });
      expect(arrived.headers['content-type'], path).toBeUndefined();
      expect(arrived.headers['content-length'], path).toBeUndefined();
    }
    for (const path of ['/temporary', '/permanent']) {
      expect(await post(path), path).toMatchObject({
        method: 'POST',
        body: '{"grant":"yes"}',
        headers: { 'content-type': 'application/json', 'content-length': '15' },
      });
    }
  });

  it('keeps Authorization on a same-origin redirect and drops it, cookies and the named sensitive headers cross-origin', async () => {
    const headers = { Authorization: 'Bearer token-1', Cookie: 'session=s1', 'X-Api-Key': 'key-1', 'X-Plain': 'kept' };
    const same = await outboundRequest(
      { url: `${base}/temporary`, what: 'The test URL', headers, maxRedirects: 5, sensitiveHeaders: ['x-api-key'] },
      policy,
    );
    expect(json(same.body).headers).toMatchObject({ authorization: 'Bearer token-1', cookie: 'session=s1', 'x-api-key': 'key-1' });

    const cross = await outboundRequest(
      { url: `${base}/cross`, what: 'The test URL', headers, maxRedirects: 5, sensitiveHeaders: ['X-Api-Key'] },
      policy,
    );
    expect(cross.url).toBe(`${otherBase}/echo`);
    const arrived = json(cross.body).headers;
    expect(arrived['x-plain']).toBe('kept');
    expect(arrived.authorization).toBeUndefined();
    expect(arrived.cookie).toBeUndefined();
    expect(arrived['x-api-key']).toBeUndefined();
  });

  it('refuses to follow more redirects than allowed', async () => {
    expect(await refusal(outboundRequest({ url: `${base}/loop`, what: 'The test URL', maxRedirects: 3 }, policy))).toBe(
      'The test URL redirected more than 3 times; Keyward follows at most 3: give the final URL.',
    );
  });

  it('refuses loopback, link-local and metadata addresses not on the allow list, by address, by name and after a redirect', async () => {
    const call = (url: string) => refusal(outboundRequest({ url, what: 'The test URL', maxRedirects: 5 }, policy));
    expect(await call(`${trapBase}/`)).toMatch(/^The test URL resolves to 127\.0\.0\.2, a loopback address; /);
    expect(await call('http://169.254.169.254/latest/meta-data')).toMatch(
      /^The test URL resolves to 169\.254\.169\.254, a cloud metadata address; /,
    );
    expect(await call(`${base}/to-metadata`)).toMatch(
      /^The test URL, redirected to http:\/\/169\.254\.169\.254, resolves to 169\.254\.169\.254, a cloud metadata address; .*KEYWARD_OUTBOUND_ALLOW_ADDRESSES/,
    );
    expect(await call(`${base}/to-private`)).toMatch(
      /^The test URL, redirected to http:\/\/10\.0\.0\.1, resolves to 10\.0\.0\.1, a private or reserved address; /,
    );
    expect(await call(`${base}/to-trap`)).toMatch(
      /^The test URL, redirected to http:\/\/127\.0\.0\.2:\d+, resolves to 127\.0\.0\.2, a loopback address; /,
    );
    // A server really listens at 127.0.0.2: the refusals came before any connection.
    expect(trapHits).toBe(0);
  });

  it('checks every address localhost resolves to on this machine: only the listed one passes', async () => {
    const port = new URL(base).port;
    const resolved = (await lookup('localhost', { all: true })).map(({ address }) => address);
    const unlisted = resolved.find((address) => address !== '127.0.0.1');
    const byName = outboundRequest({ url: `http://localhost:${port}/echo`, what: 'The test URL' }, policy);
    if (unlisted) expect(await refusal(byName)).toContain(`resolves to ${unlisted}, a loopback address`);
    else expect((await byName).status).toBe(200);
    // With only ::1 listed, 127.0.0.1 (which localhost resolves to on every machine this runs on) is refused by name.
    const onlyV6 = { ...policy, allowAddresses: ['::1'] };
    if (resolved.includes('127.0.0.1'))
      expect(await refusal(outboundRequest({ url: `http://localhost:${port}/echo`, what: 'The test URL' }, onlyV6))).toMatch(
        /^The test URL resolves to 127\.0\.0\.1, a loopback address; /,
      );
  });

  it('refuses plain http to a public address not on the allow list, and http where nothing is listed', async () => {
    expect(await refusal(outboundRequest({ url: 'http://93.184.215.14/', what: 'The test URL' }, policy))).toBe(
      'The test URL must be an https:// URL; plain http is accepted only to addresses listed in KEYWARD_OUTBOUND_ALLOW_ADDRESSES, and 93.184.215.14 is not.',
    );
    expect(await refusal(outboundRequest({ url: `${base}/echo`, what: 'The test URL' }, { ...policy, allowAddresses: [] }))).toBe(
      'The test URL must be an https:// URL; http is not accepted.',
    );
  });

  it('gives up at the deadline, whether the answer or the rest of its body is late', async () => {
    const quick = { ...policy, timeoutMs: 500 };
    expect(await refusal(outboundRequest({ url: `${base}/slow`, what: 'The test URL' }, quick))).toBe(
      'The test URL did not answer within 0.5 seconds.',
    );
    expect(await refusal(outboundRequest({ url: `${base}/stall`, what: 'The test URL' }, quick))).toBe(
      'The test URL did not answer within 0.5 seconds.',
    );
  });

  it('refuses a body larger than the limit, declared or streamed', async () => {
    for (const path of ['/big', '/big-stream'])
      expect(await refusal(outboundRequest({ url: `${base}${path}`, what: 'The test URL' }, policy)), path).toBe(
        'The test URL answered more than 1 KiB, more than Keyward reads.',
      );
  });

  describe('never shows a secret in an error message', () => {
    const secrets = ['HEADER-SECRET-51d7', 'QUERY-SECRET-a0e3', 'BODY-SECRET-77b1', 'LOCATION-SECRET-9f2c'];
    const carrying = (url: string) => ({
      url: `${url}${url.includes('?') ? '&' : '?'}api_key=QUERY-SECRET-a0e3`,
      what: 'The test URL',
      method: 'POST' as const,
      headers: { authorization: 'Bearer HEADER-SECRET-51d7', 'x-api-key': 'HEADER-SECRET-51d7' },
      body: 'client_secret=BODY-SECRET-77b1',
      secrets: ['BODY-SECRET-77b1'],
      maxRedirects: 5,
    });
    const expectClean = (message: string) => {
      for (const secret of secrets) expect(message).not.toContain(secret);
    };

    it('when the host is unreachable or cannot be resolved', async () => {
      const closed = createServer();
      const closedBase = await listen(closed, '127.0.0.1');
      await new Promise((resolve) => closed.close(resolve));
      const unreachable = await refusal(outboundRequest(carrying(`${closedBase}/token`), policy));
      expect(unreachable).toBe('The test URL could not be reached (ECONNREFUSED).');
      expectClean(unreachable);
      const unresolved = await refusal(outboundRequest(carrying('http://no-such-host.invalid/token'), policy));
      expect(unresolved).toMatch(/^The test URL: the host no-such-host\.invalid could not be resolved \(/);
      expectClean(unresolved);
    });

    it('when it times out', async () => {
      const message = await refusal(outboundRequest(carrying(`${base}/slow`), { ...policy, timeoutMs: 300 }));
      expect(message).toBe('The test URL did not answer within 0.3 seconds.');
      expectClean(message);
    });

    it('when a redirect is refused, the redirect carrying a secret of its own', async () => {
      const message = await refusal(outboundRequest(carrying(`${base}/to-metadata`), policy));
      expect(message).toContain('169.254.169.254, a cloud metadata address');
      expectClean(message);
    });

    it('when a header value cannot be sent (the library would quote it)', async () => {
      const message = await refusal(
        outboundRequest({ ...carrying(`${base}/echo`), headers: { authorization: 'Bearer HEADER-SECRET-51d7\r\nX-Injected: 1' } }, policy),
      );
      expect(message).toMatch(/^The test URL could not be sent: a header name or value is not valid in HTTP \(ERR_INVALID_CHAR\)\.$/);
      expectClean(message);
    });

    it('when a caller-named secret would appear in a message', async () => {
      // A host name is shown when it cannot be resolved; here the caller said it is secret.
      const message = await refusal(
        outboundRequest({ url: 'http://tenant-bfa1.invalid/', what: 'The test URL', secrets: ['tenant-bfa1'] }, policy),
      );
      expect(message).toMatch(/^The test URL: the host ….invalid could not be resolved/);
    });
  });
});
