import { BadUserInputError } from './errors.js';

/** Deliberately pragmatic: one @, no spaces, a dot in the domain, sane characters. */
export const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
export const EMAIL_MAX = 254;

export function isEmail(value: string): boolean {
  return value.length <= EMAIL_MAX && EMAIL.test(value);
}

/**
 * Trimmed text that must be given and fit in `max` characters, e.g. a name. `missing` is the whole message for an
 * empty value; a long one is refused as "<label> is N characters long; shorten it to at most <max>."
 */
export function requiredText(field: string, value: string | null | undefined, max: number, missing: string, label = 'Name'): string {
  const text = (value ?? '').trim();
  if (!text) throw new BadUserInputError(field, missing);
  return withinLength(field, text, max, label);
}

/** Trimmed optional text of at most `max` characters (e.g. a description); empty becomes null. */
export function optionalText(field: string, value: string | null | undefined, max: number, label = 'Description'): string | null {
  return withinLength(field, (value ?? '').trim(), max, label) || null;
}

function withinLength(field: string, text: string, max: number, label: string): string {
  if (text.length > max) throw new BadUserInputError(field, `${label} is ${text.length} characters long; shorten it to at most ${max}.`);
  return text;
}
