import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * PBKDF2-HMAC-SHA256 iterations for the shrouded key bag and the encrypted certificate safe (Java's
 * keytool default; OpenSSL 3 uses 2048). More would not add security: the password carries ~138 bits
 * of entropy and the MAC below is the cheaper password check anyway. 100 000 cost ~35 ms per derivation,
 * over the 50 ms budget for a whole EC bundle; see the timing test in pkcs12.test.ts.
 */
export const PKCS12_PBKDF2_ITERATIONS = 10_000;

/**
 * Iterations of the PKCS#12 KDF (RFC 7292 appendix B) that derives the HMAC-SHA-256 key: OpenSSL 3's
 * default. pkijs runs this KDF in JavaScript on the event loop (~5 ms for 2048).
 */
export const PKCS12_MAC_ITERATIONS = 2048;

// RFC 7292 §4.2 bag types, §4.2.3 certificate type, and PKCS#9 attribute types.
const OID_PKCS8_SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const OID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const OID_X509_CERTIFICATE = '1.2.840.113549.1.9.22.1';
const OID_FRIENDLY_NAME = '1.2.840.113549.1.9.20';
const OID_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';

/**
 * A private engine passed to every pkijs call: no global state is touched, so it does not matter
 * whether or when `pkijs.setEngine` runs elsewhere.
 */
const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as pkijs.CryptoEngineParameters['crypto'] });

export interface Pkcs12Options {
  /** PKCS#8 PrivateKeyInfo, DER (RSA or EC). */
  privateKeyPkcs8: Buffer;
  /** DER certificates, leaf first, then the intermediate, then the root. */
  certificateChain: Buffer[];
  password: string;
  /** Shown as the alias by keytool and as `friendlyName` by openssl: the client ID. */
  friendlyName: string;
}

/**
 * Builds a `.pfx` the way OpenSSL 3 does by default, so that OpenSSL 3 (without `-legacy`) and
 * Java's keytool open it: the key in a PBES2/AES-256-CBC shrouded key bag, the certificates in a
 * PBES2/AES-256-CBC encrypted safe, and an HMAC-SHA-256 MAC over the whole.
 */
export async function buildPkcs12(options: Pkcs12Options): Promise<Buffer> {
  const { privateKeyPkcs8, certificateChain, password, friendlyName } = options;
  const leaf = certificateChain[0];
  if (!leaf) throw new Error('A PKCS#12 bundle needs at least the leaf certificate.');

  // PBES2 and the MAC both take the password's UTF-8 bytes; pkijs turns them into a BMPString for the MAC's KDF.
  const passwordBytes = toArrayBuffer(Buffer.from(password, 'utf8'));
  // OpenSSL's convention: localKeyId = SHA-1 of the leaf certificate; it pairs the key with its certificate.
  const localKeyId = createHash('sha1').update(leaf).digest();

  const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(privateKeyPkcs8)) });
  const certificates = new pkijs.SafeContents({
    safeBags: certificateChain.map(
      (der, index) =>
        new pkijs.SafeBag({
          bagId: OID_CERT_BAG,
          // certValue is the DER as given: setting `parsedValue` instead would make pkijs re-encode the certificate.
          bagValue: new pkijs.CertBag({
            certId: OID_X509_CERTIFICATE,
            certValue: new asn1js.OctetString({ valueHex: toArrayBuffer(der) }),
          }),
          ...(index === 0 ? { bagAttributes: bagAttributes(friendlyName, localKeyId) } : {}),
        }),
    ),
  });

  // The two PBKDF2 derivations are independent, so they run side by side.
  const encryptedCertificates = new pkijs.EncryptedData();
  await Promise.all([
    keyBag.makeInternalValues(pbes2Parameters(passwordBytes), engine),
    encryptedCertificates.encrypt({ ...pbes2Parameters(passwordBytes), contentToEncrypt: certificates.toSchema().toBER(false) }, engine),
  ]);
  const keys = new pkijs.SafeContents({
    safeBags: [
      new pkijs.SafeBag({ bagId: OID_PKCS8_SHROUDED_KEY_BAG, bagValue: keyBag, bagAttributes: bagAttributes(friendlyName, localKeyId) }),
    ],
  });

  // Same layout as `openssl pkcs12 -export`: encrypted certificates first, then the (already shrouded) key as plain data.
  const authenticatedSafe = new pkijs.AuthenticatedSafe({
    safeContents: [
      new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.ENCRYPTED_DATA, content: encryptedCertificates.toSchema() }),
      new pkijs.ContentInfo({
        contentType: pkijs.ContentInfo.DATA,
        content: new asn1js.OctetString({ valueHex: keys.toSchema().toBER(false) }),
      }),
    ],
  });

  // integrityMode 0 = password integrity: HMAC over the AuthenticatedSafe, key from the PKCS#12 KDF.
  const pfx = new pkijs.PFX({ parsedValue: { integrityMode: 0, authenticatedSafe } });
  await pfx.makeInternalValues(
    {
      password: passwordBytes,
      iterations: PKCS12_MAC_ITERATIONS,
      hmacHashAlgorithm: 'SHA-256',
      // Required by pkijs' parameter check but unused in password integrity mode.
      pbkdf2HashAlgorithm: { name: 'SHA-256' },
    },
    engine,
  );
  return Buffer.from(pfx.toSchema().toBER(false));
}

function pbes2Parameters(password: ArrayBuffer) {
  return {
    password,
    contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 } as const,
    hmacHashAlgorithm: 'SHA-256',
    iterationCount: PKCS12_PBKDF2_ITERATIONS,
  };
}

function bagAttributes(friendlyName: string, localKeyId: Buffer): pkijs.Attribute[] {
  return [
    new pkijs.Attribute({ type: OID_FRIENDLY_NAME, values: [new asn1js.BmpString({ value: friendlyName })] }),
    new pkijs.Attribute({ type: OID_LOCAL_KEY_ID, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(localKeyId) })] }),
  ];
}

/** A copy in a fresh ArrayBuffer: a Buffer may be a view into Node's shared pool. */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return Uint8Array.from(bytes).buffer;
}
