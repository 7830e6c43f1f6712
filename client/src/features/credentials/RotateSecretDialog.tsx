import { type FormEvent, useId, useState } from 'react';
import { useMutation } from 'urql';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type ApiError, describeError } from '../../components/errors';
import { SecretReveal } from '../../components/SecretReveal';
import type { CredentialDetailsFragment } from '../../gql/graphql';
import { CredentialFacts, credentialName, formatMoment, hasExpired, type RotationLinks } from './credentialFacts';
import { ExpiresField } from './ExpiresField';
import { expiresAtOf, expiryDayProblem, expiryRange } from './expiryDate';
import { credentialChangeContext, RotateClientSecretMutation } from './queries';

/** How long the replaced secret keeps working: the API's default and longest grace period (`gracePeriodHours`). */
const DEFAULT_GRACE_HOURS = 168;
const MAX_GRACE_HOURS = 168;
const HOUR_MS = 3_600_000;

/** The grace periods offered as choices; 0 is "End the old secret now". */
const GRACE_PRESETS: { hours: number; label: string; description?: string }[] = [
  {
    hours: 0,
    label: 'End the old secret now',
    description: 'It stops working as soon as you select Rotate: integrations still using it fail until they use the new one.',
  },
  { hours: 24, label: '1 day' },
  { hours: DEFAULT_GRACE_HOURS, label: '7 days', description: 'The longest grace period, and the default.' },
];

/** "7 days", "1 day", "36 hours", "1 hour". */
function graceLabel(hours: number): string {
  if (hours > 0 && hours % 24 === 0) return hours === 24 ? '1 day' : `${hours / 24} days`;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** A whole number of hours from 0 to the maximum, or undefined for anything else typed. */
function parseGraceHours(text: string): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const hours = Number(text.trim());
  return hours <= MAX_GRACE_HOURS ? hours : undefined;
}

const GRACE_ERROR_MESSAGE = `Enter a whole number of hours from 0 (the old secret stops at once) to ${MAX_GRACE_HOURS} (7 days).`;

/**
 * "Rotate secret": confirm and choose the new secret's expiry, then the new secret shown once.
 * Rendered only while open, so the secret is gone once the caller unmounts it on Continue.
 */
export function RotateSecretDialog({
  credential,
  links,
  maxLifetimeDays,
  focusAfterRotate,
  onClose,
}: {
  credential: CredentialDetailsFragment;
  links: RotationLinks;
  maxLifetimeDays: number;
  /** Where focus goes after Continue: the replaced secret's row loses its Rotate button, the dialog's opener. */
  focusAfterRotate: () => HTMLElement | null;
  /** `rotated` is true when a new secret was made (and shown); the caller then refreshes the list. */
  onClose: (rotated: boolean) => void;
}) {
  const explanationId = useId();
  const [range] = useState(() => expiryRange(maxLifetimeDays));
  const [expiresOn, setExpiresOn] = useState(range.initial);
  const [grace, setGrace] = useState<number | 'other'>(DEFAULT_GRACE_HOURS);
  const [otherHours, setOtherHours] = useState('');
  const [error, setError] = useState<ApiError>();
  const [rotated, setRotated] = useState<{ secret: string; previous: CredentialDetailsFragment } | null>(null);
  const graceHours = grace === 'other' ? parseGraceHours(otherHours) : grace;
  const hint = credential.secretHint;
  const title = `Rotate ${credentialName(credential)}`;
  const [{ fetching }, rotateClientSecret] = useMutation(RotateClientSecretMutation);

  function chooseGrace(choice: number | 'other') {
    setGrace(choice);
    if (error?.field === 'gracePeriodHours') setError(undefined);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fetching) return;
    const expiryProblem = expiryDayProblem(expiresOn, range, maxLifetimeDays);
    if (expiryProblem) {
      setError({ message: expiryProblem, field: 'expiresAt' });
      document.getElementById('rotate-expires')?.focus();
      return;
    }
    if (graceHours === undefined) {
      setError({ message: GRACE_ERROR_MESSAGE, field: 'gracePeriodHours' });
      document.getElementById('rotate-grace-hours')?.focus();
      return;
    }
    setError(undefined);
    const result = await rotateClientSecret(
      { id: credential.id, input: { expiresAt: expiresAtOf(expiresOn), gracePeriodHours: graceHours } },
      credentialChangeContext,
    );
    if (result.error || !result.data) {
      const failure = result.error ? describeError(result.error) : { message: 'The secret was not rotated. Try again.' };
      setError(failure);
      if (failure.field === 'expiresAt') document.getElementById('rotate-expires')?.focus();
      if (failure.field === 'gracePeriodHours') {
        setGrace('other');
        setOtherHours(String(graceHours));
      }
      return;
    }
    const { secret, previous } = result.data.rotateClientSecret;
    setRotated({ secret, previous });
  }

  /** Continue: the value is dropped here and the caller unmounts the dialog, so nothing holds it any more. */
  function finish() {
    setRotated(null);
    onClose(true);
  }

  if (rotated !== null) {
    return (
      <Dialog open wide title={title} returnFocus={focusAfterRotate} onClosedByBrowser={finish}>
        {hasExpired(rotated.previous) ? (
          <p>
            The new client secret was created. The previous one, <code>{hint}</code>, has stopped working: integrations still using it fail
            until they use the new one.
          </p>
        ) : (
          <p>
            The new client secret was created. The previous one, <code>{hint}</code>, keeps working until{' '}
            {formatMoment(rotated.previous.expiresAt)}: switch your integrations to the new one before then.
          </p>
        )}
        <SecretReveal value={rotated.secret} label="New client secret" noun="secret" onContinue={finish} />
      </Dialog>
    );
  }

  const expiryError = error?.field === 'expiresAt' ? error.message : undefined;
  const graceError = error?.field === 'gracePeriodHours' ? error.message : undefined;
  return (
    <Dialog open wide title={title} describedBy={explanationId} onCancel={() => !fetching && onClose(false)}>
      <form onSubmit={handleSubmit} noValidate aria-label="Rotate secret">
        <p id={explanationId}>
          A new secret is created now and shown once. Choose how long the current secret <code>{hint}</code> keeps working, so you can
          switch your integrations without an outage.
        </p>
        <CredentialFacts credential={credential} links={links} />
        <ErrorMessage message={expiryError || graceError ? undefined : error?.message} />
        <fieldset
          className={graceError ? 'choice-group choice-group-invalid' : 'choice-group'}
          aria-describedby={graceError ? 'rotate-grace-error' : undefined}
        >
          <legend>The current secret keeps working for</legend>
          <ul className="choice-list">
            {GRACE_PRESETS.map((preset) => (
              <li key={preset.hours} className="choice">
                <input
                  id={`rotate-grace-${preset.hours}`}
                  type="radio"
                  name="rotate-grace"
                  checked={grace === preset.hours}
                  aria-describedby={preset.description ? `rotate-grace-${preset.hours}-description` : undefined}
                  onChange={() => chooseGrace(preset.hours)}
                />
                <label htmlFor={`rotate-grace-${preset.hours}`}>{preset.label}</label>
                {preset.description && (
                  <span id={`rotate-grace-${preset.hours}-description`} className="choice-description">
                    {preset.description}
                  </span>
                )}
              </li>
            ))}
            <li className="choice">
              <input
                id="rotate-grace-other"
                type="radio"
                name="rotate-grace"
                checked={grace === 'other'}
                onChange={() => chooseGrace('other')}
              />
              <label htmlFor="rotate-grace-other">Another number of hours (0–{MAX_GRACE_HOURS})</label>
              {grace === 'other' && (
                <span className="choice-description">
                  <input
                    id="rotate-grace-hours"
                    type="number"
                    min={0}
                    max={MAX_GRACE_HOURS}
                    step={1}
                    aria-label="Hours the current secret keeps working"
                    aria-invalid={graceError ? true : undefined}
                    value={otherHours}
                    onChange={(event) => setOtherHours(event.target.value)}
                  />
                </span>
              )}
            </li>
          </ul>
          {graceError && (
            <p id="rotate-grace-error" className="field-error">
              {graceError}
            </p>
          )}
        </fieldset>
        <p aria-live="polite">
          <OldSecretEnd credential={credential} graceHours={graceHours} />
        </p>
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

/** When the current secret stops working with the chosen grace period: never past its own expiry. */
function OldSecretEnd({ credential, graceHours }: { credential: CredentialDetailsFragment; graceHours: number | undefined }) {
  const hint = <code>{credential.secretHint}</code>;
  if (graceHours === undefined) return <>Enter the hours, from 0 to {MAX_GRACE_HOURS}, that the current secret keeps working.</>;
  if (graceHours === 0) return <>The current secret {hint} stops working at once, when you select Rotate.</>;
  const graceEnd = new Date(Date.now() + graceHours * HOUR_MS);
  if (graceEnd.getTime() >= new Date(credential.expiresAt).getTime()) {
    return (
      <>
        The current secret {hint} keeps working until its own expiry, {formatMoment(credential.expiresAt)}, which is sooner than{' '}
        {graceLabel(graceHours)}; then it stops working.
      </>
    );
  }
  return (
    <>
      The current secret {hint} keeps working for {graceLabel(graceHours)}, until about {formatMoment(graceEnd.toISOString())}; then it
      stops working.
    </>
  );
}
