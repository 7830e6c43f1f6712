import { hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ConfigError } from '../config.js';

/**
 * KEYWARD_MASTER_KEY (32 bytes, base64) is the root of every key Keyward keeps at rest: it derives the
 * secret-hashing pepper and the audit-chain key, and encrypts CA and signing keys. Development generates one into the data
 * directory (mode 0600) and warns; production refuses to start without it.
 */
export class MasterKey {
  private constructor(private readonly key: Buffer) {}

  static fromBase64(value: string, source = 'KEYWARD_MASTER_KEY'): MasterKey {
    const key = Buffer.from(value.trim(), 'base64');
    if (key.length !== 32 || key.toString('base64') !== value.trim().replace(/\s/g, '')) {
      throw new ConfigError(
        `${source} must be exactly 32 bytes encoded as base64 (44 characters); generate one with: openssl rand -base64 32`,
      );
    }
    return new MasterKey(key);
  }

  /**
   * The configured key, or in development the one in `<dataDir>/master.key` (created on first use).
   */
  static load(options: { value: string | undefined; env: string; dataDir: string; logger?: Logger }): MasterKey {
    if (options.value) return MasterKey.fromBase64(options.value);
    if (options.env === 'production') {
      throw new ConfigError(
        'KEYWARD_MASTER_KEY is required in production: generate one with `openssl rand -base64 32` and keep it in your secret store.',
      );
    }
    const file = join(options.dataDir, 'master.key');
    if (!existsSync(file) && createKeyFile(options.dataDir, file)) {
      options.logger?.warn({ file }, 'generated a development master key; set KEYWARD_MASTER_KEY in production and keep it safe');
    } else {
      options.logger?.warn({ file }, 'using the development master key from the data directory; set KEYWARD_MASTER_KEY in production');
    }
    return MasterKey.fromBase64(readFileSync(file, 'utf8'), file);
  }

  /** A 32-byte key for one purpose, so no two uses share key material (HKDF-SHA-256). */
  derive(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), `keyward:${purpose}`, 32));
  }

  /** The key of the audit trail's HMAC chain: whoever can write the database but lacks it cannot re-hash altered events. */
  auditChainKey(): Buffer {
    return this.derive('audit-chain');
  }
}

/**
 * Writes a new key to a file of its own, then links it in as `file`: the link is atomic and refuses to replace,
 * so processes starting together on one data directory all end up with the same, complete key.
 * Returns false when another process got there first.
 */
function createKeyFile(dataDir: string, file: string): boolean {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  chmodSync(draft, 0o600);
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}
