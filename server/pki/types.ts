/** Shapes shared by the PKI modules. DER bytes are Buffers; nothing here touches the database. */

export type KeyAlgorithm = 'RSA_2048' | 'EC_P256';

/** What a CSR may carry (issuing accepts RSA 2048–8192, EC P-256, EC P-384, Ed25519). */
export type PublicKeyAlgorithm = 'RSA_2048' | 'RSA_3072' | 'RSA_4096' | 'RSA_OTHER' | 'EC_P256' | 'EC_P384' | 'ED25519';

export interface KeyPairDer {
  /** SubjectPublicKeyInfo, DER. */
  publicKeySpki: Buffer;
  /** PKCS#8 PrivateKeyInfo, DER (unencrypted, in memory only). */
  privateKeyPkcs8: Buffer;
  algorithm: KeyAlgorithm;
}

/** A CA certificate with its private key (unencrypted in memory; encrypted at rest by the caller). */
export interface CaMaterial {
  certificateDer: Buffer;
  privateKeyPkcs8: Buffer;
}

export interface CertificateAuthority {
  root: CaMaterial;
  intermediate: CaMaterial;
}

export interface IssuedCertificate {
  certificateDer: Buffer;
  /** Lowercase hex of the serial number (16 bytes of randomness, positive). */
  serialHex: string;
  /** SHA-256 of the certificate DER, lowercase hex. */
  thumbprintSha256: string;
  /** RFC 4514 string, e.g. `CN=acme-billing,O=Acme Corp`. */
  subject: string;
  notBefore: Date;
  notAfter: Date;
  keyAlgorithm: PublicKeyAlgorithm;
}

export interface RevokedSerial {
  serialHex: string;
  revokedAt: Date;
}
