import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Calls Keyward makes to other hosts (a client's jwksUri, later the vault's and webhooks' URLs) go through here: the
 * host is resolved and every address checked before connecting, on the connection's own lookup (so a DNS answer cannot
 * change between the check and the connect), redirects are not followed, and each call has a deadline and a size limit.
 */

/** Why an outbound call was not made or failed, in people's words: shown to whoever gave the URL. */
export class OutboundRefused extends Error {}

export interface OutboundPolicy {
  /** KEYWARD_OUTBOUND_ALLOW_PRIVATE: also call loopback, private, link-local and metadata addresses (development, private networks). */
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
}

const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  BLOCKED.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local (ULA), including the EC2 metadata address fd00:ec2::254
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  BLOCKED.addSubnet(network, prefix, 'ipv6');

/** What kind of address it is, in words, when Keyward does not call it; null when it may. */
export function blockedAddressKind(address: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1] : address;
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (!BLOCKED.check(ip, family)) return null;
  if (ip === '169.254.169.254' || ip.toLowerCase() === 'fd00:ec2::254') return 'a cloud metadata address';
  if (/^127\./.test(ip) || ip === '::1') return 'a loopback address';
  if (/^169\.254\./.test(ip) || /^fe[89ab]/i.test(ip)) return 'a link-local address';
  if (ip === '::' || /^0\./.test(ip)) return 'an unspecified address';
  return 'a private or reserved address';
}

function refusal(what: string, address: string, kind: string): OutboundRefused {
  return new OutboundRefused(
    `${what} resolves to ${address}, ${kind}; Keyward does not call loopback, private, link-local or metadata addresses. Use a public https URL (an operator can allow private addresses with KEYWARD_OUTBOUND_ALLOW_PRIVATE=true).`,
  );
}

/** The URL as Keyward will call it: absolute https (http only where private addresses are allowed, i.e. development), no credentials in it. */
export function outboundUrl(raw: string, policy: Pick<OutboundPolicy, 'allowPrivate'>, what: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new OutboundRefused(`${what} is not an absolute URL; give one such as https://example.com/.well-known/jwks.json.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowPrivate))
    throw new OutboundRefused(`${what} must be an https:// URL; ${url.protocol.replace(/:$/, '')} is not accepted.`);
  if (url.username || url.password) throw new OutboundRefused(`${what} must not contain a user name or password.`);
  return url;
}

/** GETs a JSON document under the policy: every resolved address checked, no redirects, a deadline and a size limit. */
export async function fetchJson(raw: string, policy: OutboundPolicy, what: string): Promise<unknown> {
  const url = outboundUrl(raw, policy, what);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!policy.allowPrivate && isIP(host)) {
    const kind = blockedAddressKind(host);
    if (kind) throw refusal(what, host, kind);
  }
  // Checked on the connection's own lookup: the addresses checked are the ones connected to.
  const lookup: LookupFunction = (hostname, options, callback) =>
    dnsLookup(hostname, { all: true }, (error, addresses: LookupAddress[]) => {
      if (error)
        return callback(new OutboundRefused(`${what}: the host ${hostname} could not be resolved (${error.code ?? error.message}).`), '');
      for (const { address } of addresses) {
        const kind = policy.allowPrivate ? null : blockedAddressKind(address);
        if (kind) return callback(refusal(what, address, kind), '');
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  const get = url.protocol === 'https:' ? httpsGet : httpGet;
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const request = get(url, { lookup, signal: AbortSignal.timeout(policy.timeoutMs), headers: { accept: 'application/json' } }, resolve);
    request.on('error', (error) =>
      reject(
        error instanceof OutboundRefused
          ? error
          : new OutboundRefused(
              error.name === 'AbortError' || error.name === 'TimeoutError'
                ? `${what} did not answer within ${policy.timeoutMs / 1000} seconds.`
                : `${what} could not be fetched (${(error as NodeJS.ErrnoException).code ?? error.message}).`,
            ),
      ),
    );
  });
  if (response.statusCode && response.statusCode >= 300 && response.statusCode < 400) {
    response.resume();
    throw new OutboundRefused(
      `${what} answered with a redirect (${response.statusCode}); Keyward does not follow redirects: give the final URL.`,
    );
  }
  if (response.statusCode !== 200) {
    response.resume();
    throw new OutboundRefused(`${what} answered HTTP ${response.statusCode}, not 200.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      size += (chunk as Buffer).length;
      if (size > policy.maxBytes) {
        response.destroy();
        throw new OutboundRefused(`${what} answered more than ${policy.maxBytes / 1024} KiB, more than Keyward reads.`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof OutboundRefused) throw error;
    throw new OutboundRefused(`${what} could not be read to the end (${(error as Error).message}).`);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new OutboundRefused(`${what} did not answer with JSON.`);
  }
}
