import { execFileSync, type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A root, an intermediate and two leaves (RSA-2048 and EC P-256), all made by the openssl CLI so the
 * code under test never judges its own inputs. For the PKCS#12 and JKS tests.
 */
export interface Leaf {
  pkcs8: Buffer;
  /** DER: leaf, intermediate, root. */
  chain: Buffer[];
  publicKeyPem: string;
}

export interface OpensslChain {
  dir: string;
  leaves: Record<'RSA' | 'EC', Leaf>;
  openssl(...args: string[]): string;
  run(command: string, args: string[]): SpawnSyncReturns<string>;
  remove(): void;
}

export function makeOpensslChain(prefix: string): OpensslChain {
  const dir = mkdtempSync(join(tmpdir(), `keyward-${prefix}-`));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const derOf = (pemFile: string) => execFileSync('openssl', ['x509', '-in', pemFile, '-outform', 'DER'], { cwd: dir });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  writeFileSync(join(dir, 'ca.ext'), 'basicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign\n');
  writeFileSync(join(dir, 'leaf.ext'), 'basicConstraints=CA:false\nextendedKeyUsage=clientAuth\n');
  openssl(
    'req',
    '-x509',
    ...ec,
    '-nodes',
    '-keyout',
    'root.key',
    '-out',
    'root.pem',
    '-subj',
    '/O=Test/CN=Test Root',
    '-days',
    '2',
    '-addext',
    'basicConstraints=critical,CA:true',
  );
  openssl(
    'req',
    '-new',
    ...ec,
    '-nodes',
    '-keyout',
    'intermediate.key',
    '-out',
    'intermediate.csr',
    '-subj',
    '/O=Test/CN=Test Intermediate',
  );
  openssl(
    'x509',
    '-req',
    '-in',
    'intermediate.csr',
    '-CA',
    'root.pem',
    '-CAkey',
    'root.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'ca.ext',
    '-out',
    'intermediate.pem',
  );
  const keySpecs = { RSA: ['-newkey', 'rsa:2048'], EC: ec };
  const leaves = {} as Record<'RSA' | 'EC', Leaf>;
  for (const kind of ['RSA', 'EC'] as const) {
    openssl(
      'req',
      '-new',
      ...keySpecs[kind],
      '-nodes',
      '-keyout',
      `${kind}.key`,
      '-out',
      `${kind}.csr`,
      '-subj',
      `/O=Acme/CN=acme-${kind.toLowerCase()}`,
    );
    openssl(
      'x509',
      '-req',
      '-in',
      `${kind}.csr`,
      '-CA',
      'intermediate.pem',
      '-CAkey',
      'intermediate.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      'leaf.ext',
      '-out',
      `${kind}.pem`,
    );
    leaves[kind] = {
      pkcs8: execFileSync('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', `${kind}.key`, '-outform', 'DER'], { cwd: dir }),
      chain: [derOf(`${kind}.pem`), derOf('intermediate.pem'), derOf('root.pem')],
      publicKeyPem: openssl('x509', '-in', `${kind}.pem`, '-pubkey', '-noout'),
    };
  }
  return {
    dir,
    leaves,
    openssl,
    run: (command, args) => spawnSync(command, args, { cwd: dir, encoding: 'utf8' }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A self-signed EC certificate and key from a CA Keyward never saw (the "another CA" of the mTLS refusals). */
export function foreignCertificate(dir: string, commonName: string): { cert: string; key: string } {
  const cert = join(dir, 'other.crt');
  const key = join(dir, 'other.key');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-subj',
      `/CN=${commonName}`,
      '-days',
      '2',
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}
