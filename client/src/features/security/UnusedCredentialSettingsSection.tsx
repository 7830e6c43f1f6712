import { type FormEvent, useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type ApiError, describeError } from '../../components/errors';
import { Field, fieldDescription } from '../../components/Field';
import { errorPlacement, useFocusOnError } from '../../components/formErrors';
import type { UnusedCredentialSettingsQuery as SettingsResult, UpdateTenantSettingsInput } from '../../gql/graphql';
import { tenantChangeContext, UnusedCredentialSettingsQuery, UpdateUnusedCredentialSettingsMutation } from './queries';

type Settings = SettingsResult['viewer']['tenant'];
const DAYS_ID = 'unused-credential-days';
const AUTO_ID = 'auto-disable-unused-credentials';
const FIELD_CONTROL_IDS: Record<string, string> = { unusedCredentialDays: DAYS_ID, autoDisableUnusedCredentials: AUTO_ID };

/** When a credential counts as unused, and whether it is then disabled (listed on the Expiring soon page). */
export function UnusedCredentialSettingsSection() {
  const headingId = useId();
  const [{ data, error, fetching }] = useQuery({ query: UnusedCredentialSettingsQuery });
  const settings = data?.viewer.tenant;
  return (
    <section className="page-section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>Unused credentials</h2>
      </div>
      {!settings && (error ? <ErrorMessage error={error} /> : fetching && <p className="muted">Loading…</p>)}
      {settings && <UnusedCredentialSettingsForm settings={settings} />}
    </section>
  );
}

function UnusedCredentialSettingsForm({ settings }: { settings: Settings }) {
  const [days, setDays] = useState(String(settings.unusedCredentialDays));
  const [autoDisable, setAutoDisable] = useState(settings.autoDisableUnusedCredentials);
  const [saved, setSaved] = useState(settings);
  const [error, setError] = useState<ApiError>();
  const [status, setStatus] = useState('');
  const [{ fetching }, update] = useMutation(UpdateUnusedCredentialSettingsMutation);
  useFocusOnError(error, FIELD_CONTROL_IDS);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fetching) return;
    setError(undefined);
    setStatus('');
    const input: UpdateTenantSettingsInput = {};
    const text = days.trim();
    if (text !== String(saved.unusedCredentialDays)) {
      if (!/^\d+$/.test(text)) {
        setError({ field: 'unusedCredentialDays', message: 'Enter a whole number of days from 1 to 3650.' });
        return;
      }
      input.unusedCredentialDays = Number(text);
    }
    if (autoDisable !== saved.autoDisableUnusedCredentials) input.autoDisableUnusedCredentials = autoDisable;
    if (Object.keys(input).length === 0) {
      setStatus('Nothing changed.');
      return;
    }
    const result = await update({ input }, tenantChangeContext);
    if (result.error || !result.data) {
      setError(result.error ? describeError(result.error) : { message: 'The settings were not saved. Try again.' });
      return;
    }
    const stored = result.data.updateTenantSettings;
    setSaved(stored);
    setDays(String(stored.unusedCredentialDays));
    setAutoDisable(stored.autoDisableUnusedCredentials);
    setStatus('Saved. The next hourly check applies it.');
  }

  const { fieldError, topError } = errorPlacement(error, FIELD_CONTROL_IDS);
  return (
    <form className="form" onSubmit={handleSubmit} noValidate aria-label="Unused credentials">
      <ErrorMessage message={topError} />
      <Field
        id={DAYS_ID}
        label="Unused after (days)"
        help="1 to 3650. A secret or certificate not used to obtain a token for this long (from its creation if never used) is listed under Expiring soon and reported once in the audit trail."
        error={fieldError('unusedCredentialDays')}
      >
        <input
          id={DAYS_ID}
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          step={1}
          required
          value={days}
          aria-invalid={fieldError('unusedCredentialDays') ? true : undefined}
          aria-describedby={fieldDescription(DAYS_ID, true, fieldError('unusedCredentialDays'))}
          onChange={(event) => {
            setDays(event.target.value);
            setStatus('');
          }}
        />
      </Field>
      <div className={fieldError('autoDisableUnusedCredentials') ? 'field field-switch field-invalid' : 'field field-switch'}>
        <input
          id={AUTO_ID}
          type="checkbox"
          checked={autoDisable}
          aria-describedby={fieldDescription(AUTO_ID, true, fieldError('autoDisableUnusedCredentials'))}
          onChange={(event) => {
            setAutoDisable(event.target.checked);
            setStatus('');
          }}
        />
        <label htmlFor={AUTO_ID}>Disable unused credentials automatically</label>
        <p id={`${AUTO_ID}-help`} className="field-help">
          An unused secret or certificate is disabled when it is found, as Disable on the client page does; anyone who may manage it can
          enable it again.
        </p>
        {fieldError('autoDisableUnusedCredentials') && (
          <p id={`${AUTO_ID}-error`} className="field-error">
            {fieldError('autoDisableUnusedCredentials')}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={fetching}>
          Save
        </button>
        <span className="success-message" role="status">
          {status}
        </span>
      </div>
    </form>
  );
}
