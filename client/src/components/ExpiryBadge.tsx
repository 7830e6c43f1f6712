import { Time } from './Time';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days until `expiresAt`, rounded up: 1 for anything within the next 24 hours, 0 or less once past. */
export function daysUntil(expiresAt: string, now: Date = new Date()): number {
  return Math.ceil((new Date(expiresAt).getTime() - now.getTime()) / DAY_MS);
}

/** How soon a credential expires: red within 7 days or past, amber within 30, neutral otherwise. */
export function ExpiryBadge({ expiresAt, now }: { expiresAt: string; now?: Date }) {
  const days = daysUntil(expiresAt, now);
  if (days <= 0) return <span className="badge badge-danger">expired</span>;
  const urgency = days <= 7 ? 'badge-danger' : days <= 30 ? 'badge-warning' : 'badge-neutral';
  return <span className={`badge ${urgency}`}>{days === 1 ? 'in 1 day' : `in ${days} days`}</span>;
}

/** A table cell with the expiry day (picked as a UTC day, so shown as one; the full time on hover) and its badge. */
export function ExpiryCell({ expiresAt }: { expiresAt: string }) {
  return (
    <td>
      <Time iso={expiresAt} as="utcDay" className="nowrap" />
      <div>
        <ExpiryBadge expiresAt={expiresAt} />
      </div>
    </td>
  );
}
