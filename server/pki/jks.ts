/**
 * A writer for Sun's proprietary "JKS" key store, for Java clients that cannot take the `.pfx`.
 * The format is not specified anywhere but in OpenJDK's source; references below are to
 * `sun.security.provider.JavaKeyStore#engineStore` and `sun.security.provider.KeyProtector#protect`
 * (src/java.base/share/classes/sun/security/provider/ in openjdk/jdk).
 */
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';

// JavaKeyStore: MAGIC = 0xfeedfeed, VERSION_2 = 2 (typed certificates), tag 1 = private key entry.
const JKS_MAGIC = 0xfeedfeed;
const JKS_VERSION_2 = 2;
const PRIVATE_KEY_ENTRY_TAG = 1;
// JavaKeyStore#getPreKeyedHash: the integrity digest starts with the password, then this phrase.
const INTEGRITY_SALT_PHRASE = 'Mighty Aphrodite';
// KeyProtector: KEY_PROTECTOR_OID, "Sun's proprietary key protection algorithm".
const KEY_PROTECTOR_OID = '1.3.6.1.4.1.42.2.17.1.1';
const SHA1_LENGTH = 20;
const SALT_LENGTH = 20;

export interface JksOptions {
  /** The entry's name; Java treats JKS aliases case-insensitively and stores them lower-cased, and so do we. */
  alias: string;
  /** PKCS#8 PrivateKeyInfo, DER (RSA or EC). */
  privateKeyPkcs8: Buffer;
  /** DER certificates, leaf first, then the intermediate, then the root. */
  certificateChain: Buffer[];
  /** Protects both the key and the store's integrity digest (keytool's -storepass and -keypass). */
  password: string;
  createdAt: Date;
}

/** A JKS store holding one PrivateKeyEntry with its certificate chain. */
export function buildJks(options: JksOptions): Buffer {
  const { alias, privateKeyPkcs8, certificateChain, password, createdAt } = options;
  if (certificateChain.length === 0) throw new Error('A JKS private key entry needs at least the leaf certificate.');
  const protectedKey = encodeKeyProtectorInfo(protectJksKey(privateKeyPkcs8, password));

  const body = Buffer.concat([
    // engineStore: magic, version, entry count (big-endian ints, DataOutputStream#writeInt).
    u32(JKS_MAGIC),
    u32(JKS_VERSION_2),
    u32(1),
    // engineStore, KeyEntry: tag, alias (writeUTF), creation date in ms (writeLong).
    u32(PRIVATE_KEY_ENTRY_TAG),
    javaUtf(alias.toLowerCase()),
    i64(createdAt.getTime()),
    // engineStore, KeyEntry: protected key as an int length followed by the EncryptedPrivateKeyInfo DER.
    u32(protectedKey.length),
    protectedKey,
    // engineStore, KeyEntry: chain length, then per certificate its type (writeUTF), int length and encoding.
    u32(certificateChain.length),
    ...certificateChain.flatMap((der) => [javaUtf('X.509'), u32(der.length), der]),
  ]);
  // engineStore: the keyed digest SHA-1(password as UTF-16BE || "Mighty Aphrodite" || everything before it).
  const integrity = createHash('sha1').update(javaPasswordBytes(password)).update(INTEGRITY_SALT_PHRASE, 'utf8').update(body).digest();
  return Buffer.concat([body, integrity]);
}

/**
 * Sun's KeyProtector: a SHA-1 keystream XORed over the PKCS#8 key, returning salt || ciphertext || check.
 * Exported for its unit test; `salt` is random unless a test pins it.
 */
export function protectJksKey(plainKey: Buffer, password: string, salt: Buffer = randomBytes(SALT_LENGTH)): Buffer {
  const passwordBytes = javaPasswordBytes(password);
  // KeyProtector#protect: digest_i = SHA-1(passwdBytes || digest_{i-1}), digest_0 = salt, concatenated and cut to the key's length.
  const rounds = Math.ceil(plainKey.length / SHA1_LENGTH);
  const keystream = Buffer.alloc(rounds * SHA1_LENGTH);
  let digest = salt;
  for (let round = 0; round < rounds; round++) {
    digest = createHash('sha1').update(passwordBytes).update(digest).digest();
    digest.copy(keystream, round * SHA1_LENGTH);
  }
  // KeyProtector#protect: ciphertext = plaintext XOR keystream.
  const ciphertext = Buffer.alloc(plainKey.length);
  for (let i = 0; i < plainKey.length; i++) ciphertext[i] = plainKey[i] ^ keystream[i];
  // KeyProtector#protect: integrity check = SHA-1(passwdBytes || plaintext), verified by KeyProtector#recover.
  const check = createHash('sha1').update(passwordBytes).update(plainKey).digest();
  return Buffer.concat([salt, ciphertext, check]);
}

/** KeyProtector#protect: EncryptedPrivateKeyInfo { AlgorithmIdentifier { KEY_PROTECTOR_OID, NULL }, OCTET STRING }. */
function encodeKeyProtectorInfo(protectedKey: Buffer): Buffer {
  const info = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: KEY_PROTECTOR_OID }), new asn1js.Null()] }),
      new asn1js.OctetString({ valueHex: Uint8Array.from(protectedKey).buffer }),
    ],
  });
  return Buffer.from(info.toBER(false));
}

/** JavaKeyStore#convertToBytes and KeyProtector's constructor: each UTF-16 char as two bytes, big-endian, no terminator. */
function javaPasswordBytes(password: string): Buffer {
  return Buffer.from(password, 'utf16le').swap16();
}

/** DataOutputStream#writeUTF: a u16 byte length, then "modified UTF-8" (NUL as C0 80, surrogates encoded one by one). */
function javaUtf(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x01 && unit <= 0x7f) bytes.push(unit);
    else if (unit <= 0x7ff) bytes.push(0xc0 | (unit >> 6), 0x80 | (unit & 0x3f));
    else bytes.push(0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f));
  }
  if (bytes.length > 0xffff) throw new Error('A JKS string is limited to 65535 bytes of modified UTF-8.');
  const out = Buffer.alloc(2 + bytes.length);
  out.writeUInt16BE(bytes.length, 0);
  out.set(bytes, 2);
  return out;
}

function u32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value, 0);
  return out;
}

function i64(value: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigInt64BE(BigInt(value), 0);
  return out;
}
