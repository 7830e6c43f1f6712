/**
 * pkijs wired to Node's WebCrypto, plus the X.509 building blocks the PKI modules share
 * (names, times, serials, key identifiers, extensions). Import this before using pkijs.
 */
import { createHash, createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

type EngineCrypto = ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'];

export const cryptoEngine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as EngineCrypto });
pkijs.setEngine('node', cryptoEngine);

export const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  crlDistributionPoints: '2.5.29.31',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  caIssuers: '1.3.6.1.5.5.7.48.2',
} as const;

/**
 * A Buffer may be a view into Node's shared pool, so `buf.buffer` can hold other data:
 * pkijs/asn1js need an ArrayBuffer holding exactly these bytes.
 */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export function derOf(object: { toSchema(): asn1js.BaseBlock }): Buffer {
  return Buffer.from(object.toSchema().toBER(false));
}

/** Parses DER strictly enough for our inputs: one complete object, no trailing bytes. */
export function parseDer(der: Uint8Array): asn1js.AsnType {
  const parsed = asn1js.fromBER(toArrayBuffer(der));
  if (parsed.offset === -1) throw new Error(parsed.result.error || 'not valid DER');
  if (parsed.offset !== der.byteLength) throw new Error('unexpected bytes after the end of the DER object');
  return parsed.result;
}

// ---- names -------------------------------------------------------------------------------------

/**
 * A Name with one attribute per RDN, most general first in DER (O before CN), as UTF8String.
 * pkijs would put all `typesAndValues` of a new Name into a single multi-valued RDN
 * (`O = x + CN = y`), so the DER is built here and parsed back.
 */
export function buildName(attributes: { organization: string; commonName: string }): pkijs.RelativeDistinguishedNames {
  const rdns = [
    [OID.organization, attributes.organization],
    [OID.commonName, attributes.commonName],
  ].map(
    ([type, value]) =>
      new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) }).toSchema()] }),
  );
  return pkijs.RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: rdns }).toBER(false));
}

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
};

/** Escapes an attribute value per RFC 4514 §2.4. */
export function escapeDnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;]/g, (c) => `\\${c}`)
    .replace(/\0/g, '\\00')
    .replace(/^[ #]/, (c) => `\\${c}`)
    .replace(/ $/, '\\ ');
}

/**
 * RFC 4514 string of a Name: most specific attribute first (`CN=…,O=…`). Attributes without a
 * short name are written as the dotted OID with the `#`-hex of their DER value.
 */
export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((attribute) => {
      const shortName = SHORT_NAMES[attribute.type];
      const value = attribute.value as asn1js.BaseStringBlock;
      if (shortName && typeof value.valueBlock?.value === 'string') return `${shortName}=${escapeDnValue(value.valueBlock.value)}`;
      return `${attribute.type}=#${Buffer.from(value.toBER(false)).toString('hex')}`;
    })
    .reverse()
    .join(',');
}

// ---- times and serials --------------------------------------------------------------------------

/** X.509 times have second precision: sub-second parts are truncated down. */
export function truncateToSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
export function x509Time(date: Date): pkijs.Time {
  const value = truncateToSecond(date);
  return new pkijs.Time({ type: value.getUTCFullYear() < 2050 ? 0 : 1, value });
}

/**
 * A positive 128-bit random serial. The first byte is never zero, so the number always has 16
 * significant bytes (32 hex digits); DER adds a 0x00 sign byte when the high bit is set (17 bytes).
 */
export function randomSerial(): { integer: asn1js.Integer; serialHex: string } {
  let bytes = randomBytes(16);
  while (bytes[0] === 0) bytes = randomBytes(16);
  const serialHex = bytes.toString('hex');
  return { integer: serialInteger(serialHex), serialHex };
}

/** The DER INTEGER of a positive serial given as hex (leading zeros dropped, sign byte added as needed). */
export function serialInteger(serialHex: string): asn1js.Integer {
  if (!/^[0-9a-f]+$/i.test(serialHex)) throw new Error(`Not a hex serial number: ${serialHex}`);
  let hex = serialHex.toLowerCase().replace(/^0+/, '') || '0';
  if (hex.length % 2) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return new asn1js.Integer({ valueHex: toArrayBuffer(Buffer.from(hex, 'hex')) });
}

// ---- keys ---------------------------------------------------------------------------------------

export interface SigningKey {
  key: webcrypto.CryptoKey;
  /** SHA-384 for a P-384 key (matching strength), SHA-256 otherwise. */
  hash: 'SHA-256' | 'SHA-384';
}

/** Imports a PKCS#8 private key (RSA or EC P-256/P-384) for signing certificates and CRLs. */
export async function importSigningKey(privateKeyPkcs8: Buffer): Promise<SigningKey> {
  const keyObject = createPrivateKey({ key: privateKeyPkcs8, format: 'der', type: 'pkcs8' });
  const subtle = webcrypto.subtle;
  if (keyObject.asymmetricKeyType === 'rsa') {
    const key = await subtle.importKey('pkcs8', privateKeyPkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    return { key, hash: 'SHA-256' };
  }
  if (keyObject.asymmetricKeyType === 'ec') {
    const curve = keyObject.asymmetricKeyDetails?.namedCurve;
    const namedCurve = curve === 'prime256v1' ? 'P-256' : curve === 'secp384r1' ? 'P-384' : undefined;
    if (!namedCurve) throw new Error(`Unsupported CA key curve: ${curve}`);
    const key = await subtle.importKey('pkcs8', privateKeyPkcs8, { name: 'ECDSA', namedCurve }, false, ['sign']);
    return { key, hash: namedCurve === 'P-384' ? 'SHA-384' : 'SHA-256' };
  }
  throw new Error(`Unsupported CA key type: ${keyObject.asymmetricKeyType}`);
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's bytes. */
export function keyIdentifier(publicKeyInfo: pkijs.PublicKeyInfo): Buffer {
  return createHash('sha1').update(publicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();
}

/** The certificate's subjectKeyIdentifier, or one computed from its key if it has none. */
export function subjectKeyIdentifierOf(certificate: pkijs.Certificate): Buffer {
  const extension = certificate.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier);
  if (extension?.parsedValue instanceof asn1js.OctetString) return Buffer.from(extension.parsedValue.valueBlock.valueHexView);
  return keyIdentifier(certificate.subjectPublicKeyInfo);
}

// ---- extensions ---------------------------------------------------------------------------------

export function extension(extnID: string, critical: boolean, value: { toSchema(): asn1js.BaseBlock } | asn1js.BaseBlock): pkijs.Extension {
  const schema = value instanceof asn1js.BaseBlock ? value : value.toSchema();
  return new pkijs.Extension({ extnID, critical, extnValue: schema.toBER(false) });
}

export const KeyUsage = {
  digitalSignature: 0,
  keyEncipherment: 2,
  keyCertSign: 5,
  cRLSign: 6,
} as const;

/** keyUsage as a DER BIT STRING: named bits, trailing zero bits removed (X.690 §11.2.2). */
export function keyUsageExtension(bits: number[]): pkijs.Extension {
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[Math.floor(bit / 8)] |= 0x80 >> (bit % 8);
  const unusedBits = 7 - (highest % 8);
  return extension(OID.keyUsage, true, new asn1js.BitString({ valueHex: toArrayBuffer(bytes), unusedBits }));
}

export function subjectKeyIdentifierExtension(publicKeyInfo: pkijs.PublicKeyInfo): pkijs.Extension {
  return extension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: toArrayBuffer(keyIdentifier(publicKeyInfo)) }));
}

export function authorityKeyIdentifierExtension(issuerKeyIdentifier: Buffer): pkijs.Extension {
  const aki = new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: toArrayBuffer(issuerKeyIdentifier) }) });
  return extension(OID.authorityKeyIdentifier, false, aki);
}

/** A GeneralName uniformResourceIdentifier ([6] IA5String). */
function uriName(url: string): pkijs.GeneralName {
  return new pkijs.GeneralName({ type: 6, value: url });
}

/** RFC 5280 §4.2.1.13: where relying parties fetch the CRL that covers this certificate (one HTTP URL). */
export function crlDistributionPointsExtension(url: string): pkijs.Extension {
  const value = new pkijs.CRLDistributionPoints({
    distributionPoints: [new pkijs.DistributionPoint({ distributionPoint: [uriName(url)] })],
  });
  return extension(OID.crlDistributionPoints, false, value);
}

/** RFC 5280 §4.2.2.1: caIssuers, where the issuer's certificate (DER) is served, for clients that build the chain. */
export function caIssuersExtension(url: string): pkijs.Extension {
  const value = new pkijs.InfoAccess({
    accessDescriptions: [new pkijs.AccessDescription({ accessMethod: OID.caIssuers, accessLocation: uriName(url) })],
  });
  return extension(OID.authorityInfoAccess, false, value);
}
