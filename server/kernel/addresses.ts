import { BlockList, isIP, isIPv6 } from 'node:net';

export interface AddressRange {
  address: string;
  /** Prefix length in bits; null for a single address. */
  prefix: number | null;
  family: 'ipv4' | 'ipv6';
}

/**
 * An IP address or CIDR block as written in configuration (`10.0.0.0/8`, `2001:db8::/32`, `192.0.2.7`), or why it is
 * neither, in words that say what to change. A prefix of 0 (every address) is refused: trusting the whole internet
 * is never what a proxy list means, and Fastify's proxy check refuses it too.
 */
export function parseAddressRange(text: string): { ok: true; range: AddressRange } | { ok: false; reason: string } {
  const [address, prefix, ...rest] = text.split('/');
  if (rest.length > 0) return { ok: false, reason: 'it has more than one /; write an address, or an address and one prefix length' };
  const version = isIP(address);
  if (version === 0) return { ok: false, reason: `${address || 'the part before /'} is not an IPv4 or IPv6 address` };
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) return { ok: true, range: { address, prefix: null, family } };
  const bits = version === 4 ? 32 : 128;
  if (isIP(prefix) === 4) return { ok: false, reason: `write the netmask ${prefix} as a prefix length, such as /24` };
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) < 1 || Number(prefix) > bits)
    return { ok: false, reason: `an ${version === 4 ? 'IPv4' : 'IPv6'} prefix length is a number from 1 to ${bits}` };
  return { ok: true, range: { address, prefix: Number(prefix), family } };
}

/** IP addresses and CIDR blocks (already validated with parseAddressRange or an equivalent rule) as a BlockList; empty → null. */
export function addressList(ranges: string[]): BlockList | null {
  if (ranges.length === 0) return null;
  const list = new BlockList();
  for (const range of ranges) {
    const [address, prefix] = range.split('/');
    const type = isIPv6(address) ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

export function inList(list: BlockList, address: string): boolean {
  const plain = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  return list.check(plain, isIPv6(plain) ? 'ipv6' : 'ipv4');
}
