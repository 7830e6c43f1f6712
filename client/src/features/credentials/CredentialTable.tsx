import { Fragment } from 'react';
import { ExpiryCell } from '../../components/ExpiryBadge';
import { TableHead } from '../../components/PagedTable';
import { TableScroll } from '../../components/TableScroll';
import { Time } from '../../components/Time';
import type { CredentialDetailsFragment } from '../../gql/graphql';
import {
  ClaimCondition,
  credentialIdentifier,
  credentialName,
  formatMoment,
  hasExpired,
  hostOf,
  type RotationLinks,
  rotationLinks,
  shortKeyId,
  shortSerial,
} from './credentialFacts';
import { CREDENTIAL_STATUS_BADGES, CREDENTIAL_TYPE_LABELS, keyAlgorithmLabel } from './labels';

type CertificateDetails = NonNullable<CredentialDetailsFragment['certificate']>;
type PrivateKeyJwtDetails = NonNullable<CredentialDetailsFragment['privateKeyJwt']>;
type FederatedDetails = NonNullable<CredentialDetailsFragment['federated']>;

// "Identifier": a secret's hint, a certificate's serial, a key's ID or a federated credential's subject tell the rows
// apart; none of them is secret.
const COLUMNS = ['Type', 'Description', 'Identifier', 'Created', 'Expires', 'Status', 'Last used'];

/** An API client's secrets and certificates (metadata only); row actions appear only when given. */
export function CredentialTable({
  credentials,
  onRotate,
  onDelete,
  onSetEnabled,
  onRenew,
}: {
  credentials: readonly CredentialDetailsFragment[];
  onRotate?: (credential: CredentialDetailsFragment) => void;
  onDelete?: (credential: CredentialDetailsFragment) => void;
  /** Disable (the caller asks first) or enable again. */
  onSetEnabled?: (credential: CredentialDetailsFragment, enabled: boolean) => void;
  onRenew?: (credential: CredentialDetailsFragment) => void;
}) {
  const hasActions = Boolean(onRotate || onDelete || onSetEnabled || onRenew);
  const columns = hasActions ? [...COLUMNS, 'Actions'] : COLUMNS;
  return (
    <TableScroll label="Secrets and certificates">
      <table className="table" aria-label="Secrets and certificates">
        <TableHead columns={columns} />
        <tbody>
          {credentials.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted">
                This API client has no secrets or certificates yet.
              </td>
            </tr>
          )}
          {credentials.map((credential) => (
            <CredentialRow
              key={credential.id}
              credential={credential}
              links={rotationLinks(credential, credentials)}
              hasActions={hasActions}
              onRotate={onRotate}
              onDelete={onDelete}
              onSetEnabled={onSetEnabled}
              onRenew={onRenew}
            />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function CredentialRow({
  credential,
  links,
  hasActions,
  onRotate,
  onDelete,
  onSetEnabled,
  onRenew,
}: {
  credential: CredentialDetailsFragment;
  links: RotationLinks;
  hasActions: boolean;
  onRotate?: (credential: CredentialDetailsFragment) => void;
  onDelete?: (credential: CredentialDetailsFragment) => void;
  onSetEnabled?: (credential: CredentialDetailsFragment, enabled: boolean) => void;
  onRenew?: (credential: CredentialDetailsFragment) => void;
}) {
  const status = CREDENTIAL_STATUS_BADGES[credential.status];
  // Row buttons are named after their credential, e.g. "Rotate secret kwcs_…a1B2" or "Delete certificate 3f9a01c2…".
  const name = credentialName(credential);
  const canRotate = onRotate && credential.type === 'CLIENT_SECRET' && !credential.replacedById;
  return (
    <tr>
      <td>{CREDENTIAL_TYPE_LABELS[credential.type]}</td>
      <td>{credential.description ?? <span className="muted">—</span>}</td>
      <td>
        {credential.certificate ? (
          <CertificateSummary certificate={credential.certificate} />
        ) : credential.privateKeyJwt ? (
          <PrivateKeyJwtSummary details={credential.privateKeyJwt} />
        ) : credential.federated ? (
          <FederatedSummary details={credential.federated} />
        ) : credential.secretHint ? (
          <code className="secret-hint">{credential.secretHint}</code>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        <Time iso={credential.createdAt} className="nowrap" />
        <div className="muted small">by {credential.createdBy.displayName}</div>
      </td>
      <ExpiryCell expiresAt={credential.expiresAt} />
      <td>
        <span className={status.className} title={status.title}>
          {status.label}
        </span>
        {/* The other secret of a rotation is named on hover only: each row's visible text names just its own secret. */}
        {credential.replacedById && (
          <div
            className="muted small"
            title={links.replacedBy ? `Replaced by ${credentialIdentifier(links.replacedBy)}` : 'Replaced by a newer secret'}
          >
            Replaced — expires <span className="nowrap">{formatMoment(credential.expiresAt)}</span>
          </div>
        )}
        {links.replaces && (
          <div className="muted small" title={`Replacement of ${credentialIdentifier(links.replaces)}`}>
            {hasExpired(links.replaces) ? (
              'Replacement — the old secret has expired'
            ) : (
              <>
                Replacement — the old secret expires <span className="nowrap">{formatMoment(links.replaces.expiresAt)}</span>
              </>
            )}
          </div>
        )}
        {/* Likewise the other certificate of a renewal. */}
        {links.renews && (
          <div className="muted small" title={`Renewal of ${credentialIdentifier(links.renews)}`}>
            {hasExpired(links.renews)
              ? 'Renewal — the old certificate has expired'
              : 'Renewal — the old certificate works until it expires'}
          </div>
        )}
        {links.renewedBy && links.renewedBy.length > 0 && (
          <div className="muted small" title={`Renewed by ${links.renewedBy.map(credentialIdentifier).join(', ')}`}>
            Renewed — works until it expires
          </div>
        )}
      </td>
      <td>{credential.lastUsedAt ? <Time iso={credential.lastUsedAt} /> : 'Never'}</td>
      {hasActions && (
        <td>
          <span className="row-actions">
            {canRotate && (
              <button type="button" className="button button-small" aria-label={`Rotate ${name}`} onClick={() => onRotate(credential)}>
                Rotate
              </button>
            )}
            {onRenew && credential.type === 'CERTIFICATE' && (
              <button type="button" className="button button-small" aria-label={`Renew ${name}`} onClick={() => onRenew(credential)}>
                Renew
              </button>
            )}
            {onSetEnabled && (
              <button
                type="button"
                className="button button-small"
                aria-label={`${credential.enabled ? 'Disable' : 'Enable'} ${name}`}
                onClick={() => onSetEnabled(credential, !credential.enabled)}
              >
                {credential.enabled ? 'Disable' : 'Enable'}
              </button>
            )}
            {onDelete && (
              <button
                type="button"
                className="button button-small button-danger-quiet"
                aria-label={`Delete ${name}`}
                onClick={() => onDelete(credential)}
              >
                Delete
              </button>
            )}
          </span>
        </td>
      )}
    </tr>
  );
}

/** A certificate in the Secret column: its short serial, opening to the full serial, thumbprint and subject; then its key. */
function CertificateSummary({ certificate }: { certificate: CertificateDetails }) {
  const key = keyAlgorithmLabel(certificate.keyAlgorithm);
  return (
    <>
      <details className="certificate-details">
        <summary title={`Serial ${certificate.serialNumber}\nSHA-256 thumbprint ${certificate.thumbprintSha256}`}>
          <code className="secret-hint">{shortSerial(certificate)}</code>
        </summary>
        <dl className="certificate-facts">
          <dt>Serial</dt>
          <dd>
            <code>{certificate.serialNumber}</code>
          </dd>
          <dt>SHA-256 thumbprint</dt>
          <dd>
            <code>{certificate.thumbprintSha256}</code>
          </dd>
          <dt>Subject</dt>
          <dd>
            <code>{certificate.subject}</code>
          </dd>
          <dt>Valid from</dt>
          <dd>
            <Time iso={certificate.notBefore} />
          </dd>
        </dl>
      </details>
      <div className="muted small">{certificate.fromCsr ? `${key} · from CSR` : key}</div>
    </>
  );
}

/** A private key JWT credential in the Identifier column: its short key ID (or JWKS URL host), opening to the full values. */
function PrivateKeyJwtSummary({ details }: { details: PrivateKeyJwtDetails }) {
  const { jwksUri, keyId, thumbprintSha256 } = details;
  return (
    <>
      <details className="certificate-details">
        <summary title={jwksUri ? `JWKS URL ${jwksUri}` : `Key ID ${keyId ?? thumbprintSha256}`}>
          <code className="secret-hint">{shortKeyId(details) ?? '—'}</code>
        </summary>
        <dl className="certificate-facts">
          {jwksUri && (
            <>
              <dt>JWKS URL</dt>
              <dd>
                <code>{jwksUri}</code>
              </dd>
            </>
          )}
          {keyId && (
            <>
              <dt>Key ID</dt>
              <dd>
                <code>{keyId}</code>
              </dd>
            </>
          )}
          {thumbprintSha256 && (
            <>
              <dt>SHA-256 thumbprint</dt>
              <dd>
                <code>{thumbprintSha256}</code>
              </dd>
            </>
          )}
        </dl>
      </details>
      <div className="muted small">{jwksUri ? 'Keys from a JWKS URL' : 'Uploaded public key'}</div>
    </>
  );
}

/**
 * A federated credential in the Identifier column: its subject pattern in full (wrapped, as the part after a prefix
 * such as repo:acme/ is what tells two rules apart) and its issuer's host, opening to the whole rule.
 */
function FederatedSummary({ details }: { details: FederatedDetails }) {
  const { issuer, audience, subject, claims } = details;
  return (
    <>
      <details className="certificate-details">
        <summary className="federated-summary" title={`Issuer ${issuer}\nSubject ${subject}`}>
          <code>{breakable(subject)}</code>
        </summary>
        <dl className="certificate-facts">
          <dt>Issuer</dt>
          <dd>
            <code>{issuer}</code>
          </dd>
          <dt>Audience</dt>
          <dd>
            <code>{audience}</code>
          </dd>
          {claims.map((claim, index) => (
            // Two conditions may name the same claim: their place tells them apart.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is the server's, in its order, and never reordered here.
            <div key={index}>
              <dt>Condition {index + 1}</dt>
              <dd>
                <ClaimCondition name={claim.name} value={claim.value} />
              </dd>
            </div>
          ))}
        </dl>
      </details>
      <div className="muted small">Tokens from {hostOf(issuer)}</div>
    </>
  );
}

/** The text with a line-break opportunity after each : and /, so a long subject wraps between its parts where it can. */
function breakable(text: string) {
  return text.split(/(?<=[:/])/).map((part, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string, in order; nothing is reordered.
    <Fragment key={index}>
      {index > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}
