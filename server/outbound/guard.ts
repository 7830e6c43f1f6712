import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { addressList, inList } from '../kernel/addresses.js';

/**
 * Which hosts Keyward calls: URLs are absolute https without credentials in them, and every address a host resolves to
 * is checked on the connection's own lookup (so a DNS answer cannot change between the check and the connect).
 * Loopback, private, link-local and metadata addresses are refused unless the operator allows them.
 */

/** Why an outbound call was not made or failed, in people's words: shown to whoever gave the URL. */
export class OutboundRefused extends Error {}

export interface OutboundPolicy {
  /** KEYWARD_OUTBOUND_ALLOW_PRIVATE: also call loopback, private, link-local and metadata addresses (development, private networks). */
  allowPrivate: boolean;
  /**
   * KEYWARD_OUTBOUND_ALLOW_ADDRESSES: addresses and CIDR blocks (already validated) an operator trusts, such as an
   * internal gateway, while the rest of the private ranges stay refused; plain http is accepted to these only.
   */
  allowAddresses?: readonly string[];
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

// One BlockList per policy's list, built on first use: the list is fixed at start (configuration).
const trustedLists = new WeakMap<readonly string[], BlockList>();

function trusted(address: string, policy: Pick<OutboundPolicy, 'allowAddresses'>): boolean {
  const ranges = policy.allowAddresses;
  if (!ranges || ranges.length === 0) return false;
  let list = trustedLists.get(ranges);
  if (!list) {
    list = addressList([...ranges]) as BlockList;
    trustedLists.set(ranges, list);
  }
  return inList(list, address);
}

function refusal(what: string, address: string, kind: string): OutboundRefused {
  return new OutboundRefused(
    `${what} resolves to ${address}, ${kind}; Keyward does not call loopback, private, link-local or metadata addresses. Use a public https URL (an operator can allow private addresses with KEYWARD_OUTBOUND_ALLOW_PRIVATE=true, or trust chosen ones with KEYWARD_OUTBOUND_ALLOW_ADDRESSES).`,
  );
}

/** Why Keyward does not connect to `address` for a URL of `protocol` under the policy; null when it may. */
export function addressRefusal(
  what: string,
  address: string,
  protocol: string,
  policy: Pick<OutboundPolicy, 'allowPrivate' | 'allowAddresses'>,
): OutboundRefused | null {
  if (policy.allowPrivate || trusted(address, policy)) return null;
  const kind = blockedAddressKind(address);
  if (kind) return refusal(what, address, kind);
  // outboundUrl lets http through to a host name only when an allow list exists; its addresses decide here.
  if (protocol === 'http:')
    return new OutboundRefused(
      `${what} must be an https:// URL; plain http is accepted only to addresses listed in KEYWARD_OUTBOUND_ALLOW_ADDRESSES, and ${address} is not.`,
    );
  return null;
}

/** The host of a URL as the address check sees it: an IPv6 literal without its brackets. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/**
 * The URL as Keyward will call it: absolute https (http only where private addresses are allowed, i.e. development, or
 * to addresses an operator listed), no credentials in it, and not an IP address Keyward does not call.
 */
export function outboundUrl(raw: string, policy: Pick<OutboundPolicy, 'allowPrivate' | 'allowAddresses'>, what: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new OutboundRefused(`${what} is not an absolute URL; give one such as https://example.com/.well-known/jwks.json.`);
  }
  const httpPossible = policy.allowPrivate || (policy.allowAddresses?.length ?? 0) > 0;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && httpPossible))
    throw new OutboundRefused(`${what} must be an https:// URL; ${url.protocol.replace(/:$/, '')} is not accepted.`);
  if (url.username || url.password) throw new OutboundRefused(`${what} must not contain a user name or password.`);
  // An IP address is connected to without a lookup, so it is checked here; a host name on the connection's lookup.
  const host = bareHost(url);
  if (isIP(host)) {
    const refused = addressRefusal(what, host, url.protocol, policy);
    if (refused) throw refused;
  }
  return url;
}

/** The connection's own DNS lookup for `url`: every address the host resolves to is checked before any is connected to. */
export function guardedLookup(url: URL, policy: OutboundPolicy, what: string): LookupFunction {
  return (hostname, options, callback) =>
    dnsLookup(hostname, { all: true }, (error, addresses: LookupAddress[]) => {
      if (error)
        return callback(new OutboundRefused(`${what}: the host ${hostname} could not be resolved (${error.code ?? error.message}).`), '');
      for (const { address } of addresses) {
        const refused = addressRefusal(what, address, url.protocol, policy);
        if (refused) return callback(refused, '');
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
}
