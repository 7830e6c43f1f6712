import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const withProxies = (value: string) => () => loadConfig({ NODE_ENV: 'test', KEYWARD_TRUSTED_PROXIES: value });

describe('KEYWARD_TRUSTED_PROXIES', () => {
  it('reads a comma-separated list of addresses and CIDR blocks', () => {
    expect(withProxies(' 10.0.0.0/8, 192.0.2.7 ,2001:db8::/32,')().trustedProxies).toEqual(['10.0.0.0/8', '192.0.2.7', '2001:db8::/32']);
    expect(loadConfig({ NODE_ENV: 'test' }).trustedProxies).toEqual([]);
  });

  it.each([
    ['10.0.0.0/33', 'an IPv4 prefix length is a number from 1 to 32'],
    ['::1/129', 'an IPv6 prefix length is a number from 1 to 128'],
    ['1.2.3/8', '1.2.3 is not an IPv4 or IPv6 address'],
    ['abc', 'abc is not an IPv4 or IPv6 address'],
  ])('refuses %s naming the variable, the entry and the fix', (entry, reason) => {
    const load = withProxies(`127.0.0.1/32,${entry}`);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      `KEYWARD_TRUSTED_PROXIES has an entry that is not an IP address or CIDR block: "${entry}" (${reason}). ` +
        'List the addresses of your TLS-terminating proxies, comma-separated, such as 10.0.0.5,192.168.0.0/16,2001:db8::/32, or leave KEYWARD_TRUSTED_PROXIES unset.',
    );
  });
});

describe('KEYWARD_OUTBOUND_ALLOW_ADDRESSES', () => {
  const withAllowed = (value: string) => () => loadConfig({ NODE_ENV: 'test', KEYWARD_OUTBOUND_ALLOW_ADDRESSES: value });

  it('reads IPv4 and IPv6 addresses and CIDR blocks, and is empty by default', () => {
    expect(withAllowed('10.20.0.5, 10.30.0.0/16,fd12:3456::/48')().outboundAllowAddresses).toEqual([
      '10.20.0.5',
      '10.30.0.0/16',
      'fd12:3456::/48',
    ]);
    expect(loadConfig({ NODE_ENV: 'test' }).outboundAllowAddresses).toEqual([]);
  });

  it.each([
    ['10.0.0.0/0', 'an IPv4 prefix length is a number from 1 to 32'],
    ['gateway.internal', 'gateway.internal is not an IPv4 or IPv6 address'],
    ['10.0.0.0/255.0.0.0', 'write the netmask 255.0.0.0 as a prefix length, such as /24'],
  ])('refuses %s naming the variable, the entry and the fix', (entry, reason) => {
    const load = withAllowed(`10.20.0.5,${entry}`);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      `KEYWARD_OUTBOUND_ALLOW_ADDRESSES has an entry that is not an IP address or CIDR block: "${entry}" (${reason}). ` +
        'List the private addresses Keyward may call (an internal gateway), comma-separated, such as 10.0.0.5,192.168.0.0/16,2001:db8::/32, or leave KEYWARD_OUTBOUND_ALLOW_ADDRESSES unset.',
    );
  });
});

describe('HOST', () => {
  it('defaults to loopback in development and test, to every interface in production, and is used as given', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'production', KEYWARD_MASTER_KEY: 'x'.repeat(64) }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::' }).host).toBe('::');
  });
});

describe('KEYWARD_LOG_BUFFER_MB and KEYWARD_SHUTDOWN_TIMEOUT_SECONDS', () => {
  it('default to 4 MiB and 20 s, and are read as given', () => {
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({ logBufferBytes: 4 * 1024 * 1024, shutdownTimeoutSeconds: 20 });
    expect(loadConfig({ NODE_ENV: 'test', KEYWARD_LOG_BUFFER_MB: '16', KEYWARD_SHUTDOWN_TIMEOUT_SECONDS: '45' })).toMatchObject({
      logBufferBytes: 16 * 1024 * 1024,
      shutdownTimeoutSeconds: 45,
    });
  });

  it.each([
    ['KEYWARD_LOG_BUFFER_MB', '0', 'KEYWARD_LOG_BUFFER_MB must be a whole number from 1 to 1024; it is "0".'],
    ['KEYWARD_LOG_BUFFER_MB', '2.5', 'KEYWARD_LOG_BUFFER_MB must be a whole number from 1 to 1024; it is "2.5".'],
    ['KEYWARD_SHUTDOWN_TIMEOUT_SECONDS', 'soon', 'KEYWARD_SHUTDOWN_TIMEOUT_SECONDS must be a whole number from 1 to 3600; it is "soon".'],
  ])('refuses %s=%s, naming the variable and the allowed range', (name, value, message) => {
    expect(() => loadConfig({ NODE_ENV: 'test', [name]: value })).toThrow(message);
  });
});

describe('KEYWARD_LEAK_REPORT_KEYS', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const withKeys = (value: string) => () => loadConfig({ NODE_ENV: 'test', KEYWARD_LEAK_REPORT_KEYS: value });

  it('reads a JSON object of EC P-256 keys, inline or from a file, and is empty by default', () => {
    expect(withKeys(JSON.stringify({ 'github-1': ec }))().leakReportKeys).toEqual({ 'github-1': ec });
    const dir = mkdtempSync(join(tmpdir(), 'keyward-config-'));
    writeFileSync(join(dir, 'keys.json'), JSON.stringify({ 'github-2': ec }));
    expect(withKeys(join(dir, 'keys.json'))().leakReportKeys).toEqual({ 'github-2': ec });
    rmSync(dir, { recursive: true, force: true });
    expect(loadConfig({ NODE_ENV: 'test' }).leakReportKeys).toEqual({});
  });

  it.each([
    [JSON.stringify({ 'github-1': rsa }), 'the key "github-1" is not a PEM EC P-256 public key'],
    [JSON.stringify({ 'github-1': 'not a key' }), 'the key "github-1" is not a PEM EC P-256 public key'],
    ['{"unclosed"', 'must be a JSON object with at least one entry'],
    ['{}', 'must be a JSON object with at least one entry'],
    ['/nonexistent/keys.json', 'the file "/nonexistent/keys.json" cannot be read'],
  ])('refuses %s naming the variable and what is wrong', (value, message) => {
    expect(withKeys(value)).toThrow(ConfigError);
    expect(withKeys(value)).toThrow(message);
  });
});
