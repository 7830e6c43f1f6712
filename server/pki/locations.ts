/**
 * Where relying parties find a tenant's CA certificates and CRLs: under the tenant's issuer URL
 * (server/tenants/issuer.ts), so `/pki/…` for the root tenant and `/tenants/<slug>/pki/…` for the others.
 * Issued certificates carry these URLs (CRL Distribution Point, Authority Information Access).
 */
export interface PkiLocations {
  /** The intermediate's CRL: revoked client certificates. */
  crl: string;
  /** The intermediate's certificate, DER (caIssuers of client certificates). */
  intermediateCertificate: string;
  /** The root's CRL: revoked intermediates (normally none). */
  rootCrl: string;
  /** The root's certificate, DER (caIssuers of the intermediate). */
  rootCertificate: string;
}

export function pkiLocations(issuer: string): PkiLocations {
  return {
    crl: `${issuer}/pki/crl`,
    intermediateCertificate: `${issuer}/pki/intermediate.crt`,
    rootCrl: `${issuer}/pki/root.crl`,
    rootCertificate: `${issuer}/pki/root.crt`,
  };
}
