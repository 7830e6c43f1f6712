/** Issuing end-entity certificates (client, and server for the mTLS listener) from a CA. */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describePublicKey } from './keys.js';
import {
  authorityKeyIdentifierExtension,
  buildName,
  caIssuersExtension,
  crlDistributionPointsExtension,
  cryptoEngine,
  extension,
  formatName,
  importSigningKey,
  KeyUsage,
  keyUsageExtension,
  OID,
  parseDer,
  randomSerial,
  subjectKeyIdentifierExtension,
  subjectKeyIdentifierOf,
  toArrayBuffer,
  truncateToSecond,
  x509Time,
} from './pkijs-engine.js';
import type { CaMaterial, IssuedCertificate, PublicKeyAlgorithm } from './types.js';

/** Tolerance for clients whose clock runs behind ours. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * The issuable algorithm of a public key. Throws for keys Keyward does not issue for
 * (RSA below 2048 bits, EC curves other than P-256/P-384, key types other than Ed25519); `parseCsr`
 * refuses those earlier with a message for the user.
 */
export function publicKeyAlgorithmOf(spki: Buffer): PublicKeyAlgorithm {
  const key = describePublicKey(spki);
  if (key.type === 'rsa') {
    if (key.modulusBits < 2048) throw new Error(`RSA key of ${key.modulusBits} bits is too weak to certify`);
    if (key.modulusBits === 2048) return 'RSA_2048';
    if (key.modulusBits === 3072) return 'RSA_3072';
    if (key.modulusBits === 4096) return 'RSA_4096';
    return 'RSA_OTHER';
  }
  if (key.type === 'ec' && key.curve === 'P-256') return 'EC_P256';
  if (key.type === 'ec' && key.curve === 'P-384') return 'EC_P384';
  if (key.type === 'ed25519') return 'ED25519';
  throw new Error(`Unsupported public key: ${key.type === 'ec' ? `EC ${key.curve}` : key.name}`);
}

export function parseCertificate(der: Buffer): pkijs.Certificate {
  return new pkijs.Certificate({ schema: parseDer(der) });
}

export function parsePublicKeyInfo(spki: Buffer): pkijs.PublicKeyInfo {
  return new pkijs.PublicKeyInfo({ schema: parseDer(spki) });
}

export interface CertificateContent {
  subject: pkijs.RelativeDistinguishedNames;
  publicKeyInfo: pkijs.PublicKeyInfo;
  notBefore: Date;
  notAfter: Date;
  /** Everything but SKI and AKI, which are always added. */
  extensions: pkijs.Extension[];
}

/**
 * Signs a v3 certificate with a random serial. Without `issuer` it is self-signed (a root):
 * issuer = subject, no AKI.
 */
export async function signCertificate(
  content: CertificateContent,
  signer: { privateKeyPkcs8: Buffer; certificate?: pkijs.Certificate },
): Promise<{ certificate: pkijs.Certificate; der: Buffer; serialHex: string }> {
  const { integer, serialHex } = randomSerial();
  const extensions = [...content.extensions, subjectKeyIdentifierExtension(content.publicKeyInfo)];
  if (signer.certificate) extensions.push(authorityKeyIdentifierExtension(subjectKeyIdentifierOf(signer.certificate)));
  const certificate = new pkijs.Certificate({
    version: 2,
    serialNumber: integer,
    issuer: signer.certificate?.subject ?? content.subject,
    subject: content.subject,
    notBefore: x509Time(content.notBefore),
    notAfter: x509Time(content.notAfter),
    subjectPublicKeyInfo: content.publicKeyInfo,
    extensions,
  });
  const { key, hash } = await importSigningKey(signer.privateKeyPkcs8);
  await certificate.sign(key, hash, cryptoEngine);
  const der = Buffer.from(certificate.toSchema().toBER(false));
  return { certificate, der, serialHex };
}

export function basicConstraintsExtension(options: { ca: boolean; pathLength?: number }): pkijs.Extension {
  // pkijs encodes pathLenConstraint whenever the key is present, even as undefined (→ pathlen 0).
  const value = new pkijs.BasicConstraints(
    options.ca ? (options.pathLength === undefined ? { cA: true } : { cA: true, pathLenConstraint: options.pathLength }) : {},
  );
  return extension(OID.basicConstraints, true, value);
}

interface EndEntityOptions {
  issuer: CaMaterial;
  subjectPublicKeySpki: Buffer;
  notAfter: Date;
  /** notBefore = now − 5 minutes. */
  now?: Date;
}

async function issueEndEntity(
  options: EndEntityOptions,
  subject: pkijs.RelativeDistinguishedNames,
  extendedKeyUsage: string,
  moreExtensions: pkijs.Extension[],
): Promise<IssuedCertificate> {
  const keyAlgorithm = publicKeyAlgorithmOf(options.subjectPublicKeySpki);
  const issuerCertificate = parseCertificate(options.issuer.certificateDer);
  const now = options.now ?? new Date();
  const notBefore = truncateToSecond(new Date(now.getTime() - CLOCK_SKEW_MS));
  const notAfter = truncateToSecond(options.notAfter);
  if (notAfter.getTime() <= now.getTime()) throw new RangeError('notAfter must be in the future');
  if (notAfter.getTime() > issuerCertificate.notAfter.value.getTime()) {
    throw new RangeError('notAfter is after the issuing CA expires; the certificate would not verify');
  }
  const isRsa = keyAlgorithm.startsWith('RSA');
  const { der, serialHex } = await signCertificate(
    {
      subject,
      publicKeyInfo: parsePublicKeyInfo(options.subjectPublicKeySpki),
      notBefore,
      notAfter,
      extensions: [
        basicConstraintsExtension({ ca: false }),
        keyUsageExtension(isRsa ? [KeyUsage.digitalSignature, KeyUsage.keyEncipherment] : [KeyUsage.digitalSignature]),
        extension(OID.extKeyUsage, false, new pkijs.ExtKeyUsage({ keyPurposes: [extendedKeyUsage] })),
        ...moreExtensions,
      ],
    },
    { privateKeyPkcs8: options.issuer.privateKeyPkcs8, certificate: issuerCertificate },
  );
  return {
    certificateDer: der,
    serialHex,
    thumbprintSha256: createHash('sha256').update(der).digest('hex'),
    subject: formatName(subject),
    notBefore,
    notAfter,
    keyAlgorithm,
  };
}

/** Where a relying party checks revocation (CRL Distribution Point) and finds the issuer (AIA caIssuers). */
export interface RevocationLocations {
  crlUrl: string;
  issuerCertificateUrl: string;
}

/**
 * A TLS client certificate for an API client: CN = client ID, O = tenant name, EKU clientAuth.
 * `notAfter` is truncated down to the second (X.509 time precision). With `revocation`, it names its CRL and
 * its issuer's certificate, which nginx, Java PKIX and `openssl verify -crl_check_all` need to check revocation.
 */
export async function issueClientCertificate(
  options: EndEntityOptions & {
    clientId: string;
    organization: string;
    revocation?: RevocationLocations;
  },
): Promise<IssuedCertificate> {
  const subject = buildName({ organization: options.organization, commonName: options.clientId });
  return issueEndEntity(options, subject, OID.clientAuth, revocationExtensions(options.revocation));
}

export function revocationExtensions(locations: RevocationLocations | undefined): pkijs.Extension[] {
  if (!locations) return [];
  return [crlDistributionPointsExtension(locations.crlUrl), caIssuersExtension(locations.issuerCertificateUrl)];
}

/** A TLS server certificate (EKU serverAuth) for Keyward's mTLS listener: CN = first DNS name, SAN = all names. */
export async function issueServerCertificate(
  options: EndEntityOptions & {
    dnsNames: string[];
    ipAddresses?: string[];
    organization?: string;
  },
): Promise<IssuedCertificate> {
  if (options.dnsNames.length === 0) throw new Error('A server certificate needs at least one DNS name');
  const subject = buildName({ organization: options.organization ?? 'Keyward', commonName: options.dnsNames[0] });
  const altNames = new pkijs.GeneralNames({
    names: [
      ...options.dnsNames.map((name) => new pkijs.GeneralName({ type: 2, value: name })),
      ...(options.ipAddresses ?? []).map((ip) => new pkijs.GeneralName({ type: 7, value: ipAddressOctets(ip) })),
    ],
  });
  return issueEndEntity(options, subject, OID.serverAuth, [extension(OID.subjectAltName, false, altNames)]);
}

function ipAddressOctets(ip: string): asn1js.OctetString {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) {
    throw new Error(`Only IPv4 addresses are supported in server certificates: ${ip}`);
  }
  return new asn1js.OctetString({ valueHex: toArrayBuffer(Uint8Array.from(parts)) });
}
