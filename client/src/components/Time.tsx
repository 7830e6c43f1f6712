import { formatDateTime, formatFullDateTime, formatUtcDateTime, formatUtcDay } from './format';

const SHOWN = { local: formatDateTime, utc: formatUtcDateTime, utcDay: formatUtcDay } as const;

/**
 * A time from the API as a <time> element, by the one rule of components/format.ts: `local` (the default) for an
 * instant in the viewer's zone, `utc` for one stated in UTC, `utcDay` for an expiry day. Hover shows the full time
 * with its zone.
 */
export function Time({ iso, as = 'local', className }: { iso: string; as?: keyof typeof SHOWN; className?: string }) {
  return (
    <time className={className} dateTime={iso} title={formatFullDateTime(iso)}>
      {SHOWN[as](iso)}
    </time>
  );
}
