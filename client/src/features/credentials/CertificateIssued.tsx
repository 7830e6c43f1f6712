import { SecretReveal } from '../../components/SecretReveal';

/**
 * The result step after a certificate was issued: its zip has already been downloaded. With a generated
 * key, the PFX/JKS password is shown once (masked, eye, copy); a CSR's bundle holds no private key, so
 * there is no password.
 */
export function CertificateIssued({
  clientId,
  filename,
  password,
  onDownloadAgain,
  onContinue,
}: {
  /** The API client's client ID, which names the files in the zip. */
  clientId: string;
  filename: string;
  /** Null when the certificate was issued for a CSR. */
  password: string | null;
  onDownloadAgain: () => void;
  onContinue: () => void;
}) {
  const downloadAgain = (
    <button type="button" className="button" onClick={onDownloadAgain}>
      Download again
    </button>
  );

  if (password === null) {
    return (
      <>
        <p>The certificate was issued for your CSR. The zip holds the certificate and the CA files.</p>
        <p className="muted">
          Your browser downloaded <code>{filename}</code>. If it did not, select Download again.
        </p>
        <div className="dialog-actions">
          {downloadAgain}
          <button type="button" className="button button-primary" onClick={onContinue}>
            Continue
          </button>
        </div>
      </>
    );
  }

  return (
    <>
      <p>
        The certificate was issued and your browser downloaded <code>{filename}</code>. The zip holds <code>{clientId}.pfx</code> and{' '}
        <code>{clientId}.jks</code> (the private key with the certificate chain, protected by the password below),{' '}
        <code>{clientId}.crt</code> (the certificate) and the CA files <code>ca.cert.pem</code>, <code>intermediate.cert.pem</code> and{' '}
        <code>ca-chain.cert.pem</code>.
      </p>
      <SecretReveal value={password} label="PFX/JKS password" noun="password" onContinue={onContinue} actions={downloadAgain} />
    </>
  );
}
