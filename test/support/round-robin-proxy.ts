import { Agent, createServer, request as forward, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1): a proxy does not pass them on. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

export interface RoundRobinProxy {
  /** http://127.0.0.1:<port>: the one public address in front of the backends. */
  url: string;
  /** Requests forwarded to each backend so far, in the order of `backends`. */
  counts: number[];
  /** The backends (base URLs) requests go to in turn; set once they are up (their public URL is this proxy's). */
  setBackends(urls: string[]): void;
  close(): Promise<void>;
}

/**
 * A small load balancer for tests: each request goes to the next backend in turn, whatever connection it came on.
 * Method, path, headers (the Host the client used included) and body are forwarded as they are, without
 * X-Forwarded-For (the backends trust no proxy), and the response is streamed back. A backend that cannot be
 * reached answers 502.
 */
export async function startRoundRobinProxy(): Promise<RoundRobinProxy> {
  let backends: URL[] = [];
  let counts: number[] = [];
  let next = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const server = createServer((request, response) => {
    if (backends.length === 0) {
      response.writeHead(503).end('no backends yet');
      return;
    }
    const index = next++ % backends.length;
    counts[index]++;
    const backend = backends[index];
    const upstream = forward(
      { host: backend.hostname, port: backend.port, method: request.method, path: request.url, headers: endToEnd(request.headers), agent },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      if (response.headersSent) response.destroy(error);
      else response.writeHead(502, { 'content-type': 'text/plain' }).end(`backend ${backend.origin} failed: ${error.message}`);
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const proxy: RoundRobinProxy = {
    url: `http://127.0.0.1:${port}`,
    get counts() {
      return counts;
    },
    setBackends(urls) {
      backends = urls.map((url) => new URL(url));
      counts = urls.map(() => 0);
      next = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
  return proxy;
}
