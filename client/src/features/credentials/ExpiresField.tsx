import { Field, fieldDescription } from '../../components/Field';
import { type ExpiryRange, utcDayFromToday } from './expiryDate';

/** The lifetimes offered beside the picker; those longer than the tenant's maximum are left out. */
const LIFETIME_PRESETS_DAYS = [30, 90, 180, 365];

/** The day a new credential stops working, from tomorrow to the tenant's maximum lifetime; presets pick a day N days ahead. */
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
      <div className="row-actions">
        <span className="muted small">Or from today:</span>
        {LIFETIME_PRESETS_DAYS.filter((days) => days <= maxLifetimeDays).map((days) => {
          const day = utcDayFromToday(days);
          return (
            <button key={days} type="button" className="button button-small" aria-pressed={value === day} onClick={() => onChange(day)}>
              {days} days
            </button>
          );
        })}
      </div>
    </Field>
  );
}
