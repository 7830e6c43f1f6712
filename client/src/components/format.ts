/*
 * One rule for time in the SPA, so no page shows a day or an hour the viewer can misread:
 * - an instant (created, last used, signed in, occurred) in the viewer's time zone, with the zone named:
 *   "Mar 1, 2027, 4:00 PM PST" (formatDateTime);
 * - an expiry is picked as a UTC day (features/credentials/expiryDate.ts), so it is shown as that UTC day, labelled:
 *   "Mar 1, 2027 (UTC)" (formatUtcDay), the day picked, wherever the viewer is;
 * - where Keyward states an instant the same for everyone, as the API and reminder emails do (when a credential
 *   stops working, when a reminder went out), in UTC: "Mar 1, 2027, 00:00 UTC" (formatUtcDateTime).
 * components/Time.tsx shows them in <time> elements whose hover text is the full time with its zone.
 */

const localDateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});
const localFull = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });
const utcDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const utcFull = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long', timeZone: 'UTC' });

/** The ISO text itself when it is not a date, so a bad value shows as sent rather than "Invalid Date". */
function formatted(iso: string, format: (date: Date) => string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format(date);
}

/** An instant from the API (ISO-8601) in the viewer's locale and time zone, naming the zone: "Mar 1, 2027, 4:00 PM PST". */
export function formatDateTime(iso: string): string {
  return formatted(iso, (date) => localDateTime.format(date));
}

/** The UTC day of an instant, labelled: "Mar 1, 2027 (UTC)". For expiry days, which are picked as UTC days. */
export function formatUtcDay(iso: string): string {
  return formatted(iso, (date) => `${utcDay.format(date)} (UTC)`);
}

/** An instant in UTC, the same for every viewer, as the API and reminder emails state times: "Mar 1, 2027, 00:00 UTC". */
export function formatUtcDateTime(iso: string): string {
  return formatted(iso, (date) => `${utcDay.format(date)}, ${date.toISOString().slice(11, 16)} UTC`);
}

/**
 * The hover text of a time: the full instant with seconds and zone, in the viewer's zone and, when that is not UTC,
 * in UTC too: "Monday, March 1, 2027 at 4:00:05 PM PST (Tuesday, March 2, 2027 at 12:00:05 AM UTC)".
 */
export function formatFullDateTime(iso: string): string {
  return formatted(iso, (date) => {
    const [local, utc] = [localFull.format(date), utcFull.format(date)];
    return local === utc ? utc : `${local} (${utc})`;
  });
}
