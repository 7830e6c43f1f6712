import { type FormEvent, useId, useState } from 'react';
import { useMutation } from 'urql';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type ApiError, describeError } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { SecretReveal } from '../../components/SecretReveal';
import type { CredentialDetailsFragment } from '../../gql/graphql';
import { ExpiresField, MISSING_EXPIRY_MESSAGE } from './ExpiresField';
import { expiresAtOf, expiryRange } from './expiryDate';
import { credentialChangeContext, RotateClientSecretMutation } from './queries';

/** How long the replaced secret keeps working: the API's default and longest grace period. */
const GRACE_PERIOD_HOURS = 168;

/**
 * "Rotate secret": confirm and choose the new secret's expiry, then the new secret shown once.
 * Rendered only while open, so the secret is gone once the caller unmounts it on Continue.
 */
export function RotateSecretDialog({
  credential,
  maxLifetimeDays,
  onClose,
}: {
  credential: CredentialDetailsFragment;
  maxLifetimeDays: number;
  /** `rotated` is true when a new secret was made (and shown); the caller then refreshes the list. */
  onClose: (rotated: boolean) => void;
}) {
  const explanationId = useId();
  const [range] = useState(() => expiryRange(maxLifetimeDays));
  const [expiresOn, setExpiresOn] = useState(range.initial);
  const [error, setError] = useState<ApiError>();
  const [rotated, setRotated] = useState<{ secret: string; previousExpiresAt: string } | null>(null);
  const [{ fetching }, rotateClientSecret] = useMutation(RotateClientSecretMutation);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fetching) return;
    if (!expiresOn) {
      setError({ message: MISSING_EXPIRY_MESSAGE, field: 'expiresAt' });
      return;
    }
    setError(undefined);
    const result = await rotateClientSecret(
      { id: credential.id, input: { expiresAt: expiresAtOf(expiresOn), gracePeriodHours: GRACE_PERIOD_HOURS } },
      credentialChangeContext,
    );
    if (result.error || !result.data) {
      const failure = result.error ? describeError(result.error) : { message: 'The secret was not rotated. Try again.' };
      setError(failure);
      if (failure.field === 'expiresAt') document.getElementById('rotate-expires')?.focus();
      return;
    }
    const { secret, previous } = result.data.rotateClientSecret;
    setRotated({ secret, previousExpiresAt: previous.expiresAt });
  }

  /** Continue: the value is dropped here and the caller unmounts the dialog, so nothing holds it any more. */
  function finish() {
    setRotated(null);
    onClose(true);
  }

  if (rotated !== null) {
    return (
      <Dialog open wide title="Rotate secret" onClosedByBrowser={finish}>
        <p>
          The new client secret was created. The previous one keeps working until {formatDateTime(rotated.previousExpiresAt)}: switch your
          integrations to the new one before then.
        </p>
        <SecretReveal value={rotated.secret} label="New client secret" noun="secret" onContinue={finish} />
      </Dialog>
    );
  }

  const expiryError = error?.field === 'expiresAt' ? error.message : undefined;
  return (
    <Dialog open wide title="Rotate secret" describedBy={explanationId} onCancel={() => !fetching && onClose(false)}>
      <form onSubmit={handleSubmit} noValidate aria-label="Rotate secret">
        <p id={explanationId}>
          A new secret is created now. The current secret <code>{credential.secretHint}</code> keeps working for 7 days (or until its own
          expiry, if sooner) so you can switch your integrations without an outage; then it stops working.
        </p>
        <ErrorMessage message={expiryError ? undefined : error?.message} />
        <ExpiresField
          id="rotate-expires"
          value={expiresOn}
          range={range}
          maxLifetimeDays={maxLifetimeDays}
          error={expiryError}
          onChange={setExpiresOn}
        />
        <FormDialogActions submitLabel="Rotate" busy={fetching} onCancel={() => onClose(false)} />
      </form>
    </Dialog>
  );
}
