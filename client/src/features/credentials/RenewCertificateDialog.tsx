import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { type DownloadableFile, useDownloads } from '../../components/download';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type ApiError, describeError } from '../../components/errors';
import { errorPlacement, useFocusOnError } from '../../components/formErrors';
import type { CredentialDetailsFragment } from '../../gql/graphql';
import { CertificateIssued } from './CertificateIssued';
import { CsrField } from './CsrField';
import { CredentialFacts, credentialName, type RotationLinks } from './credentialFacts';
import { ExpiresField } from './ExpiresField';
import { expiresAtOf, expiryDayProblem, expiryRange } from './expiryDate';
import { credentialChangeContext, RenewCertificateMutation } from './queries';

const FIELD_CONTROL_IDS: Record<string, string> = { expiresAt: 'renew-expires', csr: 'renew-csr' };

const CSR_HELP =
  'This certificate was issued for your CSR, so Keyward never had its private key. Paste a new PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----); it may be for the same key.';

/**
 * "Renew certificate 3f9a01c2…": a new certificate for the same client, description and key type, which works beside
 * the old one; the old one keeps working until its own expiry. Then its zip (and password) once, as when adding one.
 */
export function RenewCertificateDialog({
  credential,
  links,
  clientId,
  maxLifetimeDays,
  onClose,
}: {
  credential: CredentialDetailsFragment;
  links: RotationLinks;
  /** The client ID string, which names the files in the zip. */
  clientId: string;
  maxLifetimeDays: number;
  onClose: (renewed: boolean) => void;
}) {
  const [range] = useState(() => expiryRange(maxLifetimeDays));
  const [expiresOn, setExpiresOn] = useState(range.initial);
  const [csr, setCsr] = useState('');
  const [error, setError] = useState<ApiError>();
  const [issued, setIssued] = useState<{ bundle: DownloadableFile; password: string | null } | null>(null);
  const [{ fetching }, renew] = useMutation(RenewCertificateMutation);
  // Blob URLs of the zip still alive are revoked on Continue (unmount) at the latest.
  const download = useDownloads();
  const needsCsr = credential.certificate?.fromCsr ?? false;
  const title = `Renew ${credentialName(credential)}`;

  useFocusOnError(error, FIELD_CONTROL_IDS);
  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fetching) return;
    const expiryProblem = expiryDayProblem(expiresOn, range, maxLifetimeDays);
    if (expiryProblem) {
      setError({ message: expiryProblem, field: 'expiresAt' });
      return;
    }
    setError(undefined);
    const request = csr.trim();
    const result = await renew(
      { id: credential.id, input: { expiresAt: expiresAtOf(expiresOn), ...(request ? { csr: request } : {}) } },
      credentialChangeContext,
    );
    if (result.error || !result.data) {
      setError(result.error ? describeError(result.error) : { message: 'The certificate was not renewed. Try again.' });
      return;
    }
    const { bundle, password } = result.data.renewCertificate;
    download(bundle);
    setIssued({ bundle, password: password ?? null });
  }

  function finish() {
    setIssued(null);
    onClose(true);
  }

  if (issued) {
    return (
      <Dialog open wide title={title} onClosedByBrowser={finish}>
        <CertificateIssued
          clientId={clientId}
          filename={issued.bundle.filename}
          password={issued.password}
          onDownloadAgain={() => download(issued.bundle)}
          onContinue={finish}
        />
      </Dialog>
    );
  }

  const { fieldError, topError } = errorPlacement(error, FIELD_CONTROL_IDS);
  return (
    <Dialog open wide title={title} onCancel={() => !fetching && onClose(false)}>
      <form onSubmit={handleSubmit} noValidate aria-label="Renew certificate">
        <p>A new certificate with the same description and key type is issued now. This one keeps working until it expires.</p>
        <CredentialFacts credential={credential} links={links} />
        <ErrorMessage message={topError} />
        <ExpiresField
          id="renew-expires"
          value={expiresOn}
          range={range}
          maxLifetimeDays={maxLifetimeDays}
          error={fieldError('expiresAt')}
          onChange={setExpiresOn}
        />
        {needsCsr && <CsrField id="renew-csr" label="New CSR" help={CSR_HELP} value={csr} error={fieldError('csr')} onChange={setCsr} />}
        <FormDialogActions submitLabel="Renew" busy={fetching} onCancel={() => onClose(false)} />
      </form>
    </Dialog>
  );
}
