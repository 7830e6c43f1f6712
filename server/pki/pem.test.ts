import { describe, expect, it } from 'vitest';
import { fromPem, toPem } from './pem.js';

describe('PEM', () => {
  it('writes base64 in 64-character lines with a trailing newline, and reads it back', () => {
    const der = Buffer.from(Array.from({ length: 100 }, (_, i) => i));
    const pem = toPem(der, 'CERTIFICATE');
    const lines = pem.split('\n');
    expect(lines[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines[1]).toHaveLength(64);
    expect(lines.at(-2)).toBe('-----END CERTIFICATE-----');
    expect(pem.endsWith('-----\n')).toBe(true);
    expect(fromPem(pem)).toEqual([{ label: 'CERTIFICATE', der }]);
  });

  it('reads every block, tolerating CRLF, indentation and text around them', () => {
    const a = Buffer.from('first');
    const b = Buffer.from('second object');
    const text = `Certificate:\r\n  details...\r\n${toPem(a, 'CERTIFICATE').replace(/\n/g, '\r\n  ')}\n\n${toPem(b, 'X509 CRL')}  \n`;
    expect(fromPem(text)).toEqual([
      { label: 'CERTIFICATE', der: a },
      { label: 'X509 CRL', der: b },
    ]);
  });

  it('ignores a block whose END label does not match its BEGIN label', () => {
    expect(fromPem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----\n')).toEqual([]);
    expect(fromPem('no pem here')).toEqual([]);
  });

  it('refuses a block whose body is not base64', () => {
    expect(() => fromPem('-----BEGIN CERTIFICATE-----\nnot*base64!\n-----END CERTIFICATE-----')).toThrow('not valid base64');
  });
});
