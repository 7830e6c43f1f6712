/**
 * Every tenant's intermediate CA by its key identifier, in memory, for checking client certificates on the token
 * endpoint's hot path: a certificate names its issuer by its authority key identifier, so the check is a map lookup
 * and one signature verification, with no database round trip for a known CA.
 */
import { X509Certificate } from 'node:crypto';
import type { Clock } from '../kernel/clock.js';
import { parseCertificate } from './issue.js';
import { OID, subjectKeyIdentifierOf } from './pkijs-engine.js';

export type ClientCertificateCheck = 'valid' | 'invalid' | 'unknown-issuer';

/** After a lookup that found nothing, the same key identifier is not looked up again for this long. */
const UNKNOWN_TTL_MS = 5_000;

/** The keyIdentifier of a DER certificate's authority key identifier extension, hex; null without one. */
export function authorityKeyIdentifierOf(der: Buffer): string | null {
  // A byte search, not a full parse (this runs per connection): a false match elsewhere in the certificate only
  // names a wrong issuer, whose signature check then fails.
  const oid = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x23]);
  let at = der.indexOf(oid);
  if (at < 0) return null;
  at += oid.length;
  if (der[at] === 0x01) at += 3; // critical BOOLEAN
  const read = (tag: number): number | null => {
    if (der[at] !== tag) return null;
    let length = der[at + 1];
    at += 2;
    if (length & 0x80) {
      const bytes = length & 0x7f;
      if (bytes > 2) return null;
      length = der.readUIntBE(at, bytes);
      at += bytes;
    }
    return length;
  };
  if (read(0x04) === null || read(0x30) === null) return null;
  const length = read(0x80); // [0] IMPLICIT KeyIdentifier
  if (length === null || at + length > der.length) return null;
  return der.subarray(at, at + length).toString('hex');
}

export class IntermediateRegistry {
  private readonly byKeyId = new Map<string, X509Certificate>();
  private readonly unknown = new Map<string, number>();
  private refreshing: Promise<void> | null = null;

  /** `loadAll` reads every tenant's intermediate certificate (DER) from the database. */
  constructor(
    private readonly loadAll: () => Promise<Buffer[]>,
    private readonly clock: Clock,
  ) {}

  add(certificateDer: Buffer): void {
    const keyId = subjectKeyIdentifierOf(parseCertificate(certificateDer)).toString('hex');
    this.byKeyId.set(keyId, new X509Certificate(certificateDer));
  }

  /** Reads every intermediate from the database (at start, and when a certificate names one not seen yet). */
  async refresh(): Promise<void> {
    this.refreshing ??= this.loadAll()
      .then((certificates) => {
        for (const der of certificates) this.add(der);
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /** Whether the certificate names an issuer this process has not loaded (made by another process since it started). */
  isUnknown(certificate: X509Certificate): boolean {
    const keyId = authorityKeyIdentifierOf(certificate.raw);
    return keyId !== null && !this.byKeyId.has(keyId);
  }

  /** Loads the intermediates made since start, once per unknown key identifier within UNKNOWN_TTL_MS. */
  async learnIssuerOf(certificate: X509Certificate): Promise<void> {
    const keyId = authorityKeyIdentifierOf(certificate.raw);
    if (keyId === null || this.byKeyId.has(keyId)) return;
    const missedAt = this.unknown.get(keyId);
    if (missedAt !== undefined && Date.now() - missedAt < UNKNOWN_TTL_MS) return;
    await this.refresh();
    if (this.byKeyId.has(keyId)) return;
    if (this.unknown.size > 10_000) this.unknown.clear();
    this.unknown.set(keyId, Date.now());
  }

  /**
   * Whether a client certificate was issued by one of the tenants' intermediates (name, key identifier and
   * signature), is meant for TLS client authentication, and is within its validity and its issuer's at `now`.
   */
  check(certificate: X509Certificate, at: Date = this.clock.now()): ClientCertificateCheck {
    const now = at.getTime();
    const keyId = authorityKeyIdentifierOf(certificate.raw);
    const issuer = keyId === null ? undefined : this.byKeyId.get(keyId);
    if (!issuer) return keyId === null ? 'invalid' : 'unknown-issuer';
    try {
      if (!certificate.checkIssued(issuer) || !certificate.verify(issuer.publicKey)) return 'invalid';
    } catch {
      return 'invalid';
    }
    if (certificate.ca || !certificate.keyUsage?.includes(OID.clientAuth)) return 'invalid';
    return validAt(certificate, now) && validAt(issuer, now) ? 'valid' : 'invalid';
  }

  /** Whether a certificate already checked is still within its validity (the time passes on a kept-alive connection). */
  withinValidity(certificate: X509Certificate): boolean {
    return validAt(certificate, this.clock.now().getTime());
  }
}

function validAt(certificate: X509Certificate, now: number): boolean {
  return now >= Date.parse(certificate.validFrom) && now <= Date.parse(certificate.validTo);
}
