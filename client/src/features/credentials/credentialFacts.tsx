import { type Fact, Facts } from '../../components/Facts';
import { formatUtcDateTime } from '../../components/format';
import type { CredentialDetailsFragment } from '../../gql/graphql';
import { CREDENTIAL_TYPE_LABELS, CREDENTIAL_TYPE_NOUNS } from './labels';

type Credential = CredentialDetailsFragment;
type CertificateDetails = NonNullable<Credential['certificate']>;
type PrivateKeyJwtDetails = NonNullable<Credential['privateKeyJwt']>;

/** A certificate's serial as the table shows it: the first 8 hex digits. */
export function shortSerial(certificate: CertificateDetails): string {
  return `${certificate.serialNumber.slice(0, 8)}…`;
}

/**
 * A private key JWT credential as the table shows it: the host of its JWKS URL, else its key ID (shortened to 8
 * characters and "…" when longer, as an uploaded PEM's key ID is its 43-character thumbprint).
 */
export function shortKeyId(details: PrivateKeyJwtDetails): string | null {
  if (details.jwksUri) return hostOf(details.jwksUri);
  const id = details.keyId ?? details.thumbprintSha256;
  if (!id) return null;
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** A URL's host (with its port), or the text itself when it is no URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * What tells one credential from another at a glance: a secret's hint (`kwcs_…a1B2`), a certificate's short serial,
 * a key's short key ID (or its JWKS URL's host), or a federated credential's subject pattern.
 */
export function credentialIdentifier(credential: Credential): string | null {
  if (credential.certificate) return shortSerial(credential.certificate);
  if (credential.privateKeyJwt) return shortKeyId(credential.privateKeyJwt) ?? credential.description ?? null;
  if (credential.federated) return credential.federated.subject;
  return credential.secretHint ?? credential.description ?? null;
}

/** "secret kwcs_…a1B2", "certificate 3f9a01c2…": how buttons and dialog titles name a credential. */
export function credentialName(credential: Credential): string {
  return [CREDENTIAL_TYPE_NOUNS[credential.type], credentialIdentifier(credential)].filter(Boolean).join(' ');
}

/**
 * An instant for a person, with its zone: "Dec 9, 2026, 14:00 UTC". Credential expiry is picked as UTC days and
 * reminder emails state UTC times, so a dialog that says when something stops working says it in UTC too.
 */
export function formatMoment(iso: string): string {
  return formatUtcDateTime(iso);
}

/** The secret this one replaced (still listed while its grace period runs) and the one that replaced it. */
export interface RotationLinks {
  replaces?: Credential;
  replacedBy?: Credential;
  /** For a certificate: the one it renews, and the renewals of it (each names the one it renews). */
  renews?: Credential;
  renewedBy?: Credential[];
}

export function rotationLinks(credential: Credential, credentials: readonly Credential[]): RotationLinks {
  return {
    replaces: credentials.find((other) => other.replacedById === credential.id),
    replacedBy: credential.replacedById ? credentials.find((other) => other.id === credential.replacedById) : undefined,
    renews: credential.renewalOfId ? credentials.find((other) => other.id === credential.renewalOfId) : undefined,
    renewedBy: credentials.filter((other) => other.renewalOfId === credential.id),
  };
}

export function hasExpired(credential: Credential, now: Date = new Date()): boolean {
  return new Date(credential.expiresAt).getTime() <= now.getTime();
}

/** A federated credential's claim condition as it reads: the claim, and the value (or pattern) it must have. */
export function ClaimCondition({ name, value }: { name: string; value: string }) {
  return (
    <>
      <code>{name}</code> = <code>{value}</code>
    </>
  );
}

/** Everything that names one credential, for the dialogs that change or delete it. */
export function CredentialFacts({ credential, links }: { credential: Credential; links: RotationLinks }) {
  const facts: Fact[] = [
    ['Type', CREDENTIAL_TYPE_LABELS[credential.type]],
    ['Description', credential.description ?? <span className="muted">none</span>],
  ];
  if (credential.certificate) facts.push(['Serial', <code key="serial">{credential.certificate.serialNumber}</code>]);
  else if (credential.secretHint) facts.push(['Secret', <code key="hint">{credential.secretHint}</code>]);
  else if (credential.privateKeyJwt) {
    const { jwksUri, keyId, thumbprintSha256 } = credential.privateKeyJwt;
    if (jwksUri) facts.push(['JWKS URL', <code key="jwks">{jwksUri}</code>]);
    if (keyId) facts.push(['Key ID', <code key="kid">{keyId}</code>]);
    if (thumbprintSha256 && thumbprintSha256 !== keyId) facts.push(['Thumbprint', <code key="thumbprint">{thumbprintSha256}</code>]);
  }
  if (credential.federated) {
    const { issuer, audience, subject, claims } = credential.federated;
    facts.push(['Issuer', <code key="issuer">{issuer}</code>]);
    facts.push(['Audience', <code key="audience">{audience}</code>]);
    facts.push(['Subject', <code key="subject">{subject}</code>]);
    for (const [index, claim] of claims.entries()) {
      const label = `Condition ${index + 1}`;
      facts.push([label, <ClaimCondition key={label} name={claim.name} value={claim.value} />]);
    }
  }
  facts.push(['Created', `${formatMoment(credential.createdAt)} by ${credential.createdBy.displayName}`]);
  facts.push([hasExpired(credential) ? 'Expired' : 'Expires', formatMoment(credential.expiresAt)]);
  if (links.replaces) facts.push(['Rotation', `Replacement of ${credentialIdentifier(links.replaces)}`]);
  else if (credential.replacedById) {
    facts.push(['Rotation', links.replacedBy ? `Replaced by ${credentialIdentifier(links.replacedBy)}` : 'Replaced by a newer secret']);
  }
  if (links.renews) facts.push(['Renewal', `Renewal of ${credentialIdentifier(links.renews)}`]);
  if (links.renewedBy?.length) facts.push(['Renewed by', links.renewedBy.map(credentialIdentifier).join(', ')]);
  return <Facts facts={facts} label={`About this ${CREDENTIAL_TYPE_NOUNS[credential.type]}`} />;
}
