import type { ServerOptions } from 'node:http';

/** Node's server options for the timeouts, as both listeners take them (`http` and `https` alike). */
export interface ServerTimeouts extends Pick<ServerOptions, 'headersTimeout' | 'requestTimeout' | 'connectionsCheckingInterval'> {
  /** The TLS handshake (the mTLS listener): a client that starts one and never finishes holds a socket too. */
  handshakeTimeout: number;
}

export interface ListenerTimeouts {
  /** Fastify's options: the whole request, headers and body, must arrive within this (ms). */
  requestTimeout: number;
  /** An idle kept-alive connection is closed after this (ms). */
  keepAliveTimeout: number;
  server: ServerTimeouts;
}

/**
 * The timeouts every listener gets (KEYWARD_REQUEST_TIMEOUT_SECONDS), so a slow client — one that sends its headers a
 * byte at a time, never finishes its body, or connects and says nothing — is answered 408 and cut off instead of
 * holding a connection for as long as it likes (Node's and Fastify's defaults let a body take forever).
 */
export function listenerTimeouts(requestTimeoutSeconds: number): ListenerTimeouts {
  const ms = requestTimeoutSeconds * 1000;
  return {
    requestTimeout: ms,
    // Fastify's own default, longer than a load balancer's usual idle timeout (60 s), so the balancer closes first.
    keepAliveTimeout: 72_000,
    server: {
      headersTimeout: ms,
      requestTimeout: ms,
      // Node looks for connections past their time only this often (30 s by default): a quarter of the timeout.
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.round(ms / 4))),
      handshakeTimeout: ms,
    },
  };
}
