import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { guardedLookup, type OutboundPolicy, OutboundRefused, outboundUrl } from './guard.js';

/**
 * The one HTTP path for calls Keyward makes to other hosts (key sets, discovery, the vault's Test button and token
 * requests, webhooks): every hop's URL and resolved addresses pass the guard, redirects are followed only when asked
 * and never from https to http, one deadline covers the whole call, the body is read up to a limit, and an error
 * message never carries a header value, the query string or a secret the caller named.
 */

export interface OutboundRequest {
  /** Absolute; checked with outboundUrl(). */
  url: string;
  /** Default GET. */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  /** May hold credentials: never logged, never in an error message. */
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** People's words for errors, e.g. 'The test URL'. */
  what: string;
  /** Default 0 (none followed: a redirect is then an answer, status 3xx); the vault passes 5. */
  maxRedirects?: number;
  /** Values that must never appear in an error message (secrets the caller put in headers, query or body); they are replaced by '…'. */
  secrets?: string[];
  /** Headers dropped, with Authorization, Cookie and Proxy-Authorization, when a redirect leads to another origin. */
  sensitiveHeaders?: string[];
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** At most policy.maxBytes; more → OutboundRefused. */
  body: Buffer;
  /** From the first request to the end of the last body. */
  latencyMs: number;
  /** The final URL after redirects, with its query string removed. */
  url: string;
  redirects: number;
}

const FOLLOWED = new Set([301, 302, 303, 307, 308]);
/** 301, 302 and 303 are followed with GET and no body; these describe the body that is no longer sent. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location', 'transfer-encoding'];
/** Credentials a browser's fetch does not carry to another origin either. */
const CROSS_ORIGIN_DROPPED = ['authorization', 'cookie', 'proxy-authorization'];

/** Calls `request.url` under the policy; OutboundRefused says, in people's words and without secrets, why it failed. */
export async function outboundRequest(request: OutboundRequest, policy: OutboundPolicy): Promise<OutboundResponse> {
  try {
    return await follow(request, policy);
  } catch (error) {
    // Messages are written without secrets; this is the second line, for anything a library put in one. The original
    // error is not kept as the cause: a logger would print its message, which may quote a header value.
    const message =
      error instanceof OutboundRefused
        ? error.message
        : `${request.what} could not be called (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`;
    throw new OutboundRefused(redact(message, request));
  }
}

async function follow(request: OutboundRequest, policy: OutboundPolicy): Promise<OutboundResponse> {
  const started = performance.now();
  const deadline = AbortSignal.timeout(policy.timeoutMs);
  const maxRedirects = request.maxRedirects ?? 0;
  const dropped = new Set([...CROSS_ORIGIN_DROPPED, ...(request.sensitiveHeaders ?? []).map((name) => name.toLowerCase())]);
  const headers: Record<string, string> = { 'user-agent': 'Keyward' };
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  let method: string = request.method ?? 'GET';
  let body = request.body;
  let url = outboundUrl(request.url, policy, request.what);
  let what = request.what;
  let redirects = 0;
  for (;;) {
    const response = await send(url, method, headers, body, what, policy, deadline, request.what);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (maxRedirects === 0 || !FOLLOWED.has(status) || !location) {
      return {
        status,
        headers: response.headers,
        body: await readBody(response, what, policy, deadline, request.what),
        latencyMs: Math.round(performance.now() - started),
        url: withoutQuery(url),
        redirects,
      };
    }
    response.destroy();
    if (redirects === maxRedirects)
      throw new OutboundRefused(
        `${request.what} redirected more than ${maxRedirects} ${maxRedirects === 1 ? 'time' : 'times'}; Keyward follows at most ${maxRedirects}: give the final URL.`,
      );
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw new OutboundRefused(`${request.what} redirected to a Location that is not a URL.`);
    }
    // Only the origin is named: the path or query of a redirect may carry a token.
    what = `${request.what}, redirected to ${next.origin},`;
    if (url.protocol === 'https:' && next.protocol === 'http:')
      throw new OutboundRefused(`${what} would go from https to plain http; Keyward does not follow a redirect that drops TLS.`);
    next = outboundUrl(next.href, policy, what);
    if (next.origin !== url.origin) for (const name of dropped) delete headers[name];
    if (status === 301 || status === 302 || status === 303) {
      // As browsers do; HEAD stays HEAD, so a caller asking for headers only never downloads a body.
      if (method !== 'HEAD') method = 'GET';
      body = undefined;
      for (const name of BODY_HEADERS) delete headers[name];
    }
    url = next;
    redirects += 1;
  }
}

/** One hop: a fresh connection (no pooled socket, which another policy's lookup may have checked) through the guarded lookup. */
function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
  what: string,
  policy: OutboundPolicy,
  deadline: AbortSignal,
  firstWhat: string,
): Promise<IncomingMessage> {
  const outgoing: OutgoingHttpHeaders = { ...headers };
  if (body !== undefined) outgoing['content-length'] = Buffer.byteLength(body);
  const call = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const fail = (error: Error) => reject(failure(error, what, policy, deadline, firstWhat));
    try {
      const outgoingRequest = call(
        url,
        { method, headers: outgoing, lookup: guardedLookup(url, policy, what), signal: deadline, agent: false },
        resolve,
      );
      outgoingRequest.on('error', fail);
      outgoingRequest.end(body);
    } catch (error) {
      fail(error as Error);
    }
  });
}

async function readBody(
  response: IncomingMessage,
  what: string,
  policy: OutboundPolicy,
  deadline: AbortSignal,
  firstWhat: string,
): Promise<Buffer> {
  const tooLarge = () => new OutboundRefused(`${what} answered more than ${amount(policy.maxBytes)}, more than Keyward reads.`);
  if (Number(response.headers['content-length']) > policy.maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      size += (chunk as Buffer).length;
      if (size > policy.maxBytes) {
        response.destroy();
        throw tooLarge();
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof OutboundRefused) throw error;
    if (deadline.aborted) throw timedOut(firstWhat, policy);
    throw new OutboundRefused(
      `${what} could not be read to the end (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
    );
  }
  return Buffer.concat(chunks);
}

function failure(error: Error, what: string, policy: OutboundPolicy, deadline: AbortSignal, firstWhat: string): OutboundRefused {
  if (error instanceof OutboundRefused) return error;
  if (deadline.aborted || error.name === 'AbortError' || error.name === 'TimeoutError') return timedOut(firstWhat, policy);
  const code = (error as NodeJS.ErrnoException).code;
  // Node quotes the offending header value in these messages; only the code is shown.
  if (code === 'ERR_INVALID_CHAR' || code === 'ERR_HTTP_INVALID_HEADER_VALUE' || code === 'ERR_INVALID_HTTP_TOKEN')
    return new OutboundRefused(`${what} could not be sent: a header name or value is not valid in HTTP (${code}).`);
  return new OutboundRefused(`${what} could not be reached (${code ?? error.message}).`);
}

/** The deadline covers the whole call, redirects included, so it is named by what the caller asked for. */
function timedOut(what: string, policy: OutboundPolicy): OutboundRefused {
  return new OutboundRefused(`${what} did not answer within ${policy.timeoutMs / 1000} seconds.`);
}

function amount(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

function withoutQuery(url: URL): string {
  const shown = new URL(url.href);
  shown.search = '';
  shown.hash = '';
  return shown.href;
}

/**
 * Replaces with '…' every value that may be a credential: the caller's secrets, header values (and their words, such
 * as the token after "Bearer") and query parameter values, also percent-encoded. Short values are left alone: they
 * cannot be secrets worth the name and replacing them would garble the message.
 */
function redact(message: string, request: OutboundRequest): string {
  const values = new Set<string>();
  for (const secret of request.secrets ?? []) if (secret) values.add(secret);
  for (const value of Object.values(request.headers ?? {})) {
    for (const part of [value, ...value.split(/[\s,;:=]+/)]) if (part.length >= 8) values.add(part);
  }
  try {
    for (const value of new URL(request.url).searchParams.values()) if (value.length >= 8) values.add(value);
  } catch {
    // Not a URL: outboundUrl already refused it, with a message that does not repeat it.
  }
  for (const value of [...values]) values.add(encodeURIComponent(value));
  let redacted = message;
  for (const value of [...values].sort((a, b) => b.length - a.length)) redacted = redacted.split(value).join('…');
  return redacted;
}
