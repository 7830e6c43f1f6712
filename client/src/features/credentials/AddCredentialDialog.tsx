import { type FormEvent, useEffect, useState } from 'react';
import { useMutation } from 'urql';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type ApiError, describeError } from '../../components/errors';
import { Field, fieldDescription } from '../../components/Field';
import { SecretReveal } from '../../components/SecretReveal';
import type { CredentialType } from '../../gql/graphql';
import { ExpiresField, MISSING_EXPIRY_MESSAGE } from './ExpiresField';
import { expiresAtOf, expiryRange } from './expiryDate';
import { CREDENTIAL_TYPE_OPTIONS } from './labels';
import { CreateClientSecretMutation, credentialChangeContext } from './queries';

const FIELD_CONTROL_IDS: Record<string, string> = {
  description: 'credential-description',
  expiresAt: 'credential-expires',
};

/**
 * "Add secret or certificate": the form, then the new secret shown once. Rendered only while open, so
 * the secret (and the mutation result holding it) is gone once the caller unmounts it on Continue.
 */
export function AddCredentialDialog({
  apiClientId,
  maxLifetimeDays,
  onClose,
}: {
  apiClientId: string;
  maxLifetimeDays: number;
  /** `created` is true when a secret was made (and shown); the caller then refreshes the list. */
  onClose: (created: boolean) => void;
}) {
  const [range] = useState(() => expiryRange(maxLifetimeDays));
  const [type, setType] = useState<CredentialType>(CREDENTIAL_TYPE_OPTIONS[0].value);
  const [description, setDescription] = useState('');
  const [expiresOn, setExpiresOn] = useState(range.initial);
  const [error, setError] = useState<ApiError>();
  const [secret, setSecret] = useState<string | null>(null);
  const [{ fetching }, createClientSecret] = useMutation(CreateClientSecretMutation);

  useEffect(() => {
    const controlId = error?.field ? FIELD_CONTROL_IDS[error.field] : undefined;
    if (controlId) document.getElementById(controlId)?.focus();
  }, [error]);

  function fieldError(field: string): string | undefined {
    return error?.field === field ? error.message : undefined;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fetching) return;
    if (!expiresOn) {
      setError({ message: MISSING_EXPIRY_MESSAGE, field: 'expiresAt' });
      return;
    }
    setError(undefined);
    const result = await createClientSecret(
      { clientId: apiClientId, input: { description: description.trim() || null, expiresAt: expiresAtOf(expiresOn) } },
      credentialChangeContext,
    );
    if (result.error || !result.data) {
      setError(result.error ? describeError(result.error) : { message: 'The secret was not created. Try again.' });
      return;
    }
    setSecret(result.data.createClientSecret.secret);
  }

  /** Continue: the value is dropped here and the caller unmounts the dialog, so nothing holds it any more. */
  function finish() {
    setSecret(null);
    onClose(true);
  }

  if (secret !== null) {
    return (
      <Dialog open wide title="Add secret or certificate" onClosedByBrowser={finish}>
        <p>The client secret was created.</p>
        <SecretReveal value={secret} label="Client secret" noun="secret" onContinue={finish} />
      </Dialog>
    );
  }

  const topError = error && !(error.field && error.field in FIELD_CONTROL_IDS) ? error.message : undefined;
  return (
    <Dialog open wide title="Add secret or certificate" onCancel={() => !fetching && onClose(false)}>
      <form onSubmit={handleSubmit} noValidate aria-label="New secret or certificate">
        <ErrorMessage message={topError} />
        <Field id="credential-type" label="Type">
          <select id="credential-type" value={type} onChange={(event) => setType(event.target.value as CredentialType)}>
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
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => onClose(false)} disabled={fetching}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={fetching}>
            Create
          </button>
        </div>
      </form>
    </Dialog>
  );
}
