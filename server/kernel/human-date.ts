const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * "1 December 2027, 21:44 UTC": how messages for people name an instant. In words, so no reader mistakes the day
 * and month, and in UTC, the zone the API works in. Cut (not rounded) to the minute, so "Choose … or earlier" holds.
 */
export function humanDate(date: Date): string {
  const hours = String(date.getUTCHours()).padStart(2, '0');
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${hours}:${minutes} UTC`;
}
