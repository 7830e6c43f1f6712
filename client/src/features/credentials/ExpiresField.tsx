import { Field, fieldDescription } from '../../components/Field';
import type { ExpiryRange } from './expiryDate';

/** The day a new credential stops working, from tomorrow to the tenant's maximum lifetime. */
export function ExpiresField({
  id,
  value,
  range,
  maxLifetimeDays,
  error,
  onChange,
}: {
  id: string;
  value: string;
  range: ExpiryRange;
  maxLifetimeDays: number;
  error?: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field
      id={id}
      label="Expires"
      help={`It stops working at the start of this day (00:00 UTC). Choose a day within the next ${maxLifetimeDays} days.`}
      error={error}
    >
      <input
        id={id}
        type="date"
        required
        min={range.min}
        max={range.max}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={fieldDescription(id, true, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );
}

export const MISSING_EXPIRY_MESSAGE = 'Choose the day it stops working: every secret and certificate expires.';
