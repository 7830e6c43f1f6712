import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type ApiError, describeError } from '../../components/errors';
import { Field, fieldDescription } from '../../components/Field';
import { errorPlacement } from '../../components/formErrors';
import { ChangeMyPasswordMutation } from './queries';

const FIELD_CONTROL_IDS: Record<string, string> = {
  currentPassword: 'current-password',
  newPassword: 'new-password',
  repeated: 'repeat-password',
};

/** Current password, new password twice; the API's password rule decides, and its message is shown as written. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState(false);
  const [{ fetching }, change] = useMutation(ChangeMyPasswordMutation);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fetching) return;
    setDone(false);
    if (newPassword !== repeated) {
      setError({ field: 'repeated', message: 'The two new passwords differ: type the same one twice.' });
      return;
    }
    setError(undefined);
    const result = await change({ currentPassword, newPassword });
    if (result.error) {
      setError(describeError(result.error));
      return;
    }
    setCurrentPassword('');
    setNewPassword('');
    setRepeated('');
    setDone(true);
    onChanged();
  }

  const { fieldError, topError } = errorPlacement(error, FIELD_CONTROL_IDS);
  const input = (id: string, field: string, value: string, set: (value: string) => void, autoComplete: string) => (
    <input
      id={id}
      type="password"
      required
      autoComplete={autoComplete}
      value={value}
      aria-invalid={fieldError(field) ? true : undefined}
      aria-describedby={fieldDescription(id, false, fieldError(field))}
      onChange={(event) => set(event.target.value)}
    />
  );
  return (
    <form onSubmit={handleSubmit} noValidate aria-label="Change password" className="narrow-form">
      <ErrorMessage message={topError} />
      {done && (
        <p className="success-message" role="status">
          Your password was changed. Your other sessions were signed out.
        </p>
      )}
      <Field id="current-password" label="Current password" error={fieldError('currentPassword')}>
        {input('current-password', 'currentPassword', currentPassword, setCurrentPassword, 'current-password')}
      </Field>
      <Field id="new-password" label="New password" error={fieldError('newPassword')}>
        {input('new-password', 'newPassword', newPassword, setNewPassword, 'new-password')}
      </Field>
      <Field id="repeat-password" label="New password again" error={fieldError('repeated')}>
        {input('repeat-password', 'repeated', repeated, setRepeated, 'new-password')}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={fetching}>
          Change password
        </button>
      </div>
    </form>
  );
}
