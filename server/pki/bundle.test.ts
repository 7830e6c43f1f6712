import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip } from './bundle.js';
import { BUNDLE_PASSWORD_ALPHABET, generateBundlePassword } from './password.js';

describe('the certificate bundle zip', () => {
  const files = [
    { name: 'acme-billing.pfx', content: randomBytes(2500) },
    { name: 'acme-billing.jks', content: randomBytes(3100) },
    { name: 'acme-billing.crt', content: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' },
    { name: 'ca.cert.pem', content: 'root\n' },
    { name: 'intermediate.cert.pem', content: 'intermediate — ünïcödé\n' },
    { name: 'ca-chain.cert.pem', content: 'intermediate\nroot\n' },
  ];
  let dir: string;
  let zip: Buffer;
  let zipFile: string;

  beforeAll(async () => {
    zip = await buildZip(files);
    dir = mkdtempSync(join(tmpdir(), 'keyward-bundle-'));
    zipFile = join(dir, 'bundle.zip');
    writeFileSync(zipFile, zip);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds the given files, in the given order, with their contents (strings as UTF-8)', async () => {
    const opened = await JSZip.loadAsync(zip);
    const entries = Object.values(opened.files);
    expect(entries.map((entry) => entry.name)).toEqual(files.map((file) => file.name));
    for (const file of files) {
      const content = await opened.file(file.name)!.async('nodebuffer');
      expect(content).toEqual(typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content);
    }
  });

  it('dates the files now', async () => {
    const opened = await JSZip.loadAsync(zip);
    // DOS timestamps have a 2-second resolution.
    expect(Math.abs(opened.file('ca.cert.pem')!.date.getTime() - Date.now())).toBeLessThan(60_000);
  });

  const hasUnzip = spawnSync('which', ['unzip']).status === 0;
  it.skipIf(!hasUnzip)('is listed by unzip, DEFLATE-compressed', () => {
    const result = spawnSync('unzip', ['-v', zipFile], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    const listed = result.stdout
      .split('\n')
      .filter((line) => /\bDefl:N\b/.test(line))
      .map((line) => line.trim().split(/\s+/).at(-1));
    expect(listed).toEqual(files.map((file) => file.name));
  });

  it("is listed by Python's zipfile", () => {
    const result = spawnSync('python3', ['-m', 'zipfile', '-l', zipFile], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    const listed = result.stdout
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(/\s+/)[0]);
    expect(listed).toEqual(files.map((file) => file.name));
  });

  it('refuses two files with the same name instead of silently dropping one', async () => {
    await expect(
      buildZip([
        { name: 'a.pem', content: '1' },
        { name: 'a.pem', content: '2' },
      ]),
    ).rejects.toThrow('already has a file named a.pem');
  });
});

describe('the bundle password', () => {
  it('is at least 20 characters long', () => {
    expect(generateBundlePassword().length).toBeGreaterThanOrEqual(20);
  });

  it('uses only letters and digits that cannot be mistaken for each other and need no shell quoting', () => {
    expect(BUNDLE_PASSWORD_ALPHABET).toMatch(/^[A-Za-z2-9]+$/);
    expect(BUNDLE_PASSWORD_ALPHABET).not.toMatch(/[0O1lI]/);
    const allowed = new RegExp(`^[${BUNDLE_PASSWORD_ALPHABET}]+$`);
    for (let i = 0; i < 1000; i++) expect(generateBundlePassword()).toMatch(allowed);
  });

  it('is different every time (1000 draws)', () => {
    const passwords = new Set(Array.from({ length: 1000 }, generateBundlePassword));
    expect(passwords.size).toBe(1000);
  });
});
