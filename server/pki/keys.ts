/** Key pairs for certificates, and what kind of public key an SPKI holds. */
import { createPublicKey, generateKeyPair as generateNodeKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import type { KeyAlgorithm, KeyPairDer } from './types.js';

const generate = promisify(generateNodeKeyPair);
const publicKeyEncoding = { type: 'spki', format: 'der' } as const;
const privateKeyEncoding = { type: 'pkcs8', format: 'der' } as const;

/** RSA-2048 (e = 65537) or EC P-256, DER-encoded (SPKI + unencrypted PKCS#8). */
export async function generateKeyPair(algorithm: KeyAlgorithm): Promise<KeyPairDer> {
  const { publicKey, privateKey } =
    algorithm === 'RSA_2048'
      ? await generate('rsa', { modulusLength: 2048, publicExponent: 0x10001, publicKeyEncoding, privateKeyEncoding })
      : await generate('ec', { namedCurve: 'P-256', publicKeyEncoding, privateKeyEncoding });
  return { publicKeySpki: publicKey, privateKeyPkcs8: privateKey, algorithm };
}

/** An EC key pair for a CA (the root uses P-384, see ca.ts). */
export async function generateEcKeyPair(curve: 'P-256' | 'P-384'): Promise<Omit<KeyPairDer, 'algorithm'>> {
  const { publicKey, privateKey } = await generate('ec', { namedCurve: curve, publicKeyEncoding, privateKeyEncoding });
  return { publicKeySpki: publicKey, privateKeyPkcs8: privateKey };
}

/** EC keys on a curve other than P-256/P-384 come back with the curve's OpenSSL name. */
export type PublicKeyDescription =
  | { type: 'rsa'; modulusBits: number; publicExponent: bigint }
  | { type: 'ec'; curve: 'P-256' | 'P-384' | (string & {}) }
  | { type: 'ed25519' }
  /** Any other key type, e.g. Ed448, DSA, RSA-PSS, or one Node cannot read at all. */
  | { type: 'other'; name: string };

const OTHER_KEY_NAMES: Record<string, string> = {
  'rsa-pss': 'RSA-PSS',
  dsa: 'DSA',
  dh: 'DH',
  ed448: 'Ed448',
  x25519: 'X25519',
  x448: 'X448',
};

/** Reads the key type and size from a DER SubjectPublicKeyInfo. */
export function describePublicKey(spki: Buffer): PublicKeyDescription {
  let key: ReturnType<typeof createPublicKey>;
  try {
    key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  } catch {
    return { type: 'other', name: 'unknown' };
  }
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { type: 'rsa', modulusBits: details.modulusLength ?? 0, publicExponent: details.publicExponent ?? 0n };
    case 'ec': {
      const curve = details.namedCurve ?? 'unknown';
      return { type: 'ec', curve: curve === 'prime256v1' ? 'P-256' : curve === 'secp384r1' ? 'P-384' : curve };
    }
    case 'ed25519':
      return { type: 'ed25519' };
    default: {
      const type = key.asymmetricKeyType ?? 'unknown';
      return { type: 'other', name: OTHER_KEY_NAMES[type] ?? type };
    }
  }
}
