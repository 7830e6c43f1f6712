import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { type DownloadableFile, useDownloads } from '../../components/download';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type ApiError, describeError } from '../../components/errors';
import { Field, fieldDescription } from '../../components/Field';
import { errorPlacement, useFocusOnError } from '../../components/formErrors';
import { SecretReveal } from '../../components/SecretReveal';
import type { CertificateKeyAlgorithm } from '../../gql/graphql';
import { CertificateIssued } from './CertificateIssued';
import { CsrField } from './CsrField';
import { ExpiresField } from './ExpiresField';
import { expiresAtOf, expiryDayProblem, expiryRange } from './expiryDate';
import { FederatedFields, FIRST_CLAIM_CONTROL_ID } from './FederatedFields';
import { claimsToSend, type FederatedDraft, initialFederatedDraft } from './federation';
import { type AddableCredentialType, CREDENTIAL_TYPE_OPTIONS, KEY_ALGORITHM_OPTIONS, type PublicKeySource } from './labels';
import { PublicKeyFields } from './PublicKeyFields';
import {
  CreateCertificateMutation,
  CreateClientSecretMutation,
  CreateFederatedCredentialMutation,
  CreatePrivateKeyJwtCredentialMutation,
  credentialChangeContext,
} from './queries';

const FIELD_CONTROL_IDS: Record<string, string> = {
  description: 'credential-description',
  expiresAt: 'credential-expires',
  keyAlgorithm: 'credential-key-type',
  csr: 'credential-csr',
  publicKey: 'credential-public-key',
  jwksUri: 'credential-jwks-uri',
  issuer: 'credential-issuer',
  audience: 'credential-audience',
  subject: 'credential-subject',
  claims: FIRST_CLAIM_CONTROL_ID,
};

const CSR_HELP =
  'Leave blank to have Keyward generate the key. Paste a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----) to keep your private key yourself.';

/** What was just created, shown once: a secret, or a certificate's zip (kept for "Download again") and its password. */
type Created = { kind: 'secret'; secret: string } | { kind: 'certificate'; bundle: DownloadableFile; password: string | null };

/**
 * "Add credential": the form, then the new secret (or the certificate's password and zip) shown
 * once; a private key JWT or federated credential holds nothing secret, so the dialog just closes once it is created. Rendered only while open, so the values (and the mutation results holding them) are gone once the
 * caller unmounts it on Continue.
 */
export function AddCredentialDialog({
  apiClientId,
  clientId,
  maxLifetimeDays,
  onClose,
}: {
  apiClientId: string;
  /** The client ID string, which names the files in a certificate's zip. */
  clientId: string;
  maxLifetimeDays: number;
  /** `created` is true when a credential was made (and any secret shown); the caller then refreshes the list. */
  onClose: (created: boolean) => void;
}) {
  const [range] = useState(() => expiryRange(maxLifetimeDays));
  const [type, setType] = useState<AddableCredentialType>(CREDENTIAL_TYPE_OPTIONS[0].value);
  const [description, setDescription] = useState('');
  const [expiresOn, setExpiresOn] = useState(range.initial);
  const [keyAlgorithm, setKeyAlgorithm] = useState<CertificateKeyAlgorithm>(KEY_ALGORITHM_OPTIONS[0].value);
  const [csr, setCsr] = useState('');
  const [keySource, setKeySource] = useState<PublicKeySource>('paste');
  const [publicKey, setPublicKey] = useState('');
  const [jwksUri, setJwksUri] = useState('');
  const [federated, setFederated] = useState<FederatedDraft>(initialFederatedDraft);
  const [error, setError] = useState<ApiError>();
  const [created, setCreated] = useState<Created | null>(null);
  const [{ fetching: creatingSecret }, createClientSecret] = useMutation(CreateClientSecretMutation);
  const [{ fetching: creatingCertificate }, createCertificate] = useMutation(CreateCertificateMutation);
  const [{ fetching: creatingKey }, createPrivateKeyJwt] = useMutation(CreatePrivateKeyJwtCredentialMutation);
  const [{ fetching: creatingFederated }, createFederated] = useMutation(CreateFederatedCredentialMutation);
  const fetching = creatingSecret || creatingCertificate || creatingKey || creatingFederated;
  // Blob URLs of the zip still alive are revoked on Continue (unmount) at the latest.
  const download = useDownloads();

  useFocusOnError(error, FIELD_CONTROL_IDS);
  async function submitSecret(expiresAt: string) {
    const result = await createClientSecret(
      { clientId: apiClientId, input: { description: description.trim() || null, expiresAt } },
      credentialChangeContext,
    );
    if (result.error || !result.data) {
      setError(result.error ? describeError(result.error) : { message: 'The secret was not created. Try again.' });
      return;
    }
    setCreated({ kind: 'secret', secret: result.data.createClientSecret.secret });
  }

  async function submitCertificate(expiresAt: string) {
    const request = csr.trim();
    const result = await createCertificate(
      {
        clientId: apiClientId,
        input: { description: description.trim() || null, expiresAt, ...(request ? { csr: request } : { keyAlgorithm }) },
      },
      credentialChangeContext,
    );
    if (result.error || !result.data) {
      setError(result.error ? describeError(result.error) : { message: 'The certificate was not issued. Try again.' });
      return;
    }
    const { bundle, password } = result.data.createCertificate;
    download(bundle);
    setCreated({ kind: 'certificate', bundle, password: password ?? null });
  }

  async function submitPrivateKeyJwt(expiresAt: string) {
    const source = keySource === 'paste' ? { publicKey: publicKey.trim() } : { jwksUri: jwksUri.trim() };
    const result = await createPrivateKeyJwt(
      { clientId: apiClientId, input: { description: description.trim() || null, expiresAt, ...source } },
      credentialChangeContext,
    );
    if (result.error || !result.data) {
      setError(result.error ? describeError(result.error) : { message: 'The key was not added. Try again.' });
      return;
    }
    // Nothing to show once: closing returns focus to "Add credential" and the list shows the new row.
    onClose(true);
  }

  async function submitFederated(expiresAt: string) {
    const { issuer, audience, subject, claims } = federated;
    const result = await createFederated(
      {
        clientId: apiClientId,
        input: {
          description: description.trim() || null,
          expiresAt,
          issuer: issuer.trim(),
          audience: audience.trim(),
          subject: subject.trim(),
          claims: claimsToSend(claims),
        },
      },
      credentialChangeContext,
    );
    if (result.error || !result.data) {
      setError(result.error ? describeError(result.error) : { message: 'The federated credential was not added. Try again.' });
      return;
    }
    // Nothing secret exists here either: the workload's tokens come from its own issuer.
    onClose(true);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fetching) return;
    const expiryProblem = expiryDayProblem(expiresOn, range, maxLifetimeDays);
    if (expiryProblem) {
      setError({ message: expiryProblem, field: 'expiresAt' });
      return;
    }
    setError(undefined);
    // One entry per kind: the type checker asks for a new kind's entry here.
    const submitters: Record<AddableCredentialType, (expiresAt: string) => Promise<void>> = {
      CLIENT_SECRET: submitSecret,
      CERTIFICATE: submitCertificate,
      PRIVATE_KEY_JWT: submitPrivateKeyJwt,
      FEDERATED: submitFederated,
    };
    await submitters[type](expiresAtOf(expiresOn));
  }

  /** Continue: the values are dropped here and the caller unmounts the dialog, so nothing holds them any more. */
  function finish() {
    setCreated(null);
    onClose(true);
  }

  if (created?.kind === 'secret') {
    return (
      <Dialog open wide title="Add credential" onClosedByBrowser={finish}>
        <p>The client secret was created.</p>
        <SecretReveal value={created.secret} label="Client secret" noun="secret" onContinue={finish} />
      </Dialog>
    );
  }

  if (created?.kind === 'certificate') {
    const { bundle } = created;
    return (
      <Dialog open wide title="Add credential" onClosedByBrowser={finish}>
        <CertificateIssued
          clientId={clientId}
          filename={bundle.filename}
          password={created.password}
          onDownloadAgain={() => download(bundle)}
          onContinue={finish}
        />
      </Dialog>
    );
  }

  const isCertificate = type === 'CERTIFICATE';
  const hasCsr = csr.trim() !== '';
  const { fieldError, topError } = errorPlacement(error, FIELD_CONTROL_IDS);
  return (
    <Dialog open wide title="Add credential" onCancel={() => !fetching && onClose(false)}>
      <form onSubmit={handleSubmit} noValidate aria-label="New secret or certificate">
        <ErrorMessage message={topError} />
        <Field id="credential-type" label="Type">
          <select
            id="credential-type"
            value={type}
            onChange={(event) => {
              setType(event.target.value as AddableCredentialType);
              setError(undefined);
            }}
          >
            {CREDENTIAL_TYPE_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="credential-description"
          label="Description"
          help="Optional: where it is used, so it can be found when it needs renewing."
          error={fieldError('description')}
        >
          <input
            id="credential-description"
            type="text"
            maxLength={200}
            value={description}
            aria-invalid={fieldError('description') ? true : undefined}
            aria-describedby={fieldDescription('credential-description', true, fieldError('description'))}
            onChange={(event) => setDescription(event.target.value)}
          />
        </Field>
        <ExpiresField
          id="credential-expires"
          value={expiresOn}
          range={range}
          maxLifetimeDays={maxLifetimeDays}
          error={fieldError('expiresAt')}
          onChange={setExpiresOn}
        />
        {isCertificate && (
          <>
            <Field
              id="credential-key-type"
              label="Key type"
              help={
                hasCsr
                  ? 'Not used with a CSR: the certificate is issued for the key in your request.'
                  : 'The key pair Keyward generates. RSA 2048 works everywhere; EC P-256 is smaller and faster where it is supported.'
              }
              error={fieldError('keyAlgorithm')}
            >
              <select
                id="credential-key-type"
                value={keyAlgorithm}
                disabled={hasCsr}
                aria-invalid={fieldError('keyAlgorithm') ? true : undefined}
                aria-describedby={fieldDescription('credential-key-type', true, fieldError('keyAlgorithm'))}
                onChange={(event) => setKeyAlgorithm(event.target.value as CertificateKeyAlgorithm)}
              >
                {KEY_ALGORITHM_OPTIONS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </Field>
            <CsrField id="credential-csr" label="Custom CSR" help={CSR_HELP} value={csr} error={fieldError('csr')} onChange={setCsr} />
          </>
        )}
        {type === 'PRIVATE_KEY_JWT' && (
          <PublicKeyFields
            source={keySource}
            publicKey={publicKey}
            jwksUri={jwksUri}
            fieldError={fieldError}
            onSourceChange={(source) => {
              setKeySource(source);
              setError(undefined);
            }}
            onPublicKeyChange={setPublicKey}
            onJwksUriChange={setJwksUri}
          />
        )}
        {type === 'FEDERATED' && <FederatedFields draft={federated} fieldError={fieldError} onChange={setFederated} />}
        <FormDialogActions submitLabel="Create" busy={fetching} onCancel={() => onClose(false)} />
      </form>
    </Dialog>
  );
}
