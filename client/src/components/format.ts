const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A timestamp from the API (ISO-8601) in the viewer's locale and time zone. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const utcDateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/**
 * The day of a timestamp from the API, in the viewer's time zone; `utc` shows the UTC day instead, for
 * dates that were picked as UTC days (credential expiry), so the day shown is the day picked.
 */
export function formatDate(iso: string, { utc = false }: { utc?: boolean } = {}): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : (utc ? utcDateFormat : dateFormat).format(date);
}

/** A timestamp as `2026-12-01 09:00 UTC`: the same for every viewer, as reminder emails state times. */
export function formatUtcDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
