import { describe, expect, it } from 'vitest';
import { addressList, inList, parseAddressRange } from '../kernel/addresses.js';

describe('parseAddressRange', () => {
  it('reads addresses and CIDR blocks of both families', () => {
    expect(parseAddressRange('10.0.0.0/8')).toEqual({ ok: true, range: { address: '10.0.0.0', prefix: 8, family: 'ipv4' } });
    expect(parseAddressRange('192.0.2.7')).toEqual({ ok: true, range: { address: '192.0.2.7', prefix: null, family: 'ipv4' } });
    expect(parseAddressRange('2001:db8::/32')).toEqual({ ok: true, range: { address: '2001:db8::', prefix: 32, family: 'ipv6' } });
    expect(parseAddressRange('::1/128')).toEqual({ ok: true, range: { address: '::1', prefix: 128, family: 'ipv6' } });
  });

  it('says what is wrong with anything else', () => {
    expect(parseAddressRange('10.0.0.0/33')).toEqual({ ok: false, reason: 'an IPv4 prefix length is a number from 1 to 32' });
    expect(parseAddressRange('::1/129')).toEqual({ ok: false, reason: 'an IPv6 prefix length is a number from 1 to 128' });
    expect(parseAddressRange('0.0.0.0/0')).toEqual({ ok: false, reason: 'an IPv4 prefix length is a number from 1 to 32' });
    expect(parseAddressRange('10.0.0.0/x')).toEqual({ ok: false, reason: 'an IPv4 prefix length is a number from 1 to 32' });
    expect(parseAddressRange('10.0.0.0/')).toEqual({ ok: false, reason: 'an IPv4 prefix length is a number from 1 to 32' });
    expect(parseAddressRange('1.2.3/8')).toEqual({ ok: false, reason: '1.2.3 is not an IPv4 or IPv6 address' });
    expect(parseAddressRange('abc')).toEqual({ ok: false, reason: 'abc is not an IPv4 or IPv6 address' });
    expect(parseAddressRange('/8')).toEqual({ ok: false, reason: 'the part before / is not an IPv4 or IPv6 address' });
    expect(parseAddressRange('10.0.0.0/8/9')).toEqual({
      ok: false,
      reason: 'it has more than one /; write an address, or an address and one prefix length',
    });
    expect(parseAddressRange('10.0.0.0/255.0.0.0')).toEqual({
      ok: false,
      reason: 'write the netmask 255.0.0.0 as a prefix length, such as /24',
    });
  });

  it('accepts exactly what addressList can hold', () => {
    for (const range of ['10.0.0.0/8', '10.1.2.3/32', '192.0.2.7', '::1', '2001:db8::/32', 'fe80::/10', '10.0.0.0/1', '::/1']) {
      expect(parseAddressRange(range).ok, range).toBe(true);
      expect(() => addressList([range]), range).not.toThrow();
    }
  });
});

describe('inList', () => {
  it('matches IPv4 addresses, also as IPv4-mapped IPv6, and IPv6 blocks', () => {
    const list = addressList(['10.0.0.0/8', '2001:db8::/32']);
    expect(list).not.toBeNull();
    if (!list) return;
    expect(inList(list, '10.1.2.3')).toBe(true);
    expect(inList(list, '::ffff:10.1.2.3')).toBe(true);
    expect(inList(list, '11.0.0.1')).toBe(false);
    expect(inList(list, '2001:db8::1')).toBe(true);
    expect(inList(list, '2001:db9::1')).toBe(false);
  });
});
