import { BlockList, isIPv6 } from 'node:net';

/** IP addresses and CIDR blocks (already validated) as a BlockList; empty → null. */
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
