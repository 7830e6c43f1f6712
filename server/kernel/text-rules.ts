import { BadUserInputError } from './errors.js';

/** Deliberately pragmatic: one @, no spaces, a dot in the domain, sane characters. */
export const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
export const EMAIL_MAX = 254;

export function isEmail(value: string): boolean {
  return value.length <= EMAIL_MAX && EMAIL.test(value);
}

/** C0 and C1 control characters and DEL; a line break (LF) is allowed only in multi-line text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_BUT_LINE_BREAK = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/**
 * Refuses control characters: in a single-line field (a name, a one-line description) a CR or LF splits a log line,
 * an email header or a CSV row, and a tab or escape code shows as nothing at all.
 */
function withoutControlCharacters(field: string, text: string, label: string, multiline: boolean): string {
  const match = (multiline ? CONTROL_BUT_LINE_BREAK : CONTROL).exec(text);
  if (!match) return text;
  const what = match[0] === '\n' || match[0] === '\r' ? 'a line break' : match[0] === '\t' ? 'a tab' : 'a control character';
  throw new BadUserInputError(
    field,
    `${label} contains ${what} at character ${match.index + 1}; ${multiline ? 'use plain text (line breaks are fine)' : 'write it on one line of plain text'}.`,
  );
}

/**
 * Trimmed single-line text that must be given and fit in `max` characters, e.g. a name. `missing` is the whole
 * message for an empty value; a long one is refused as "<label> is N characters long; shorten it to at most <max>."
 */
export function requiredText(field: string, value: string | null | undefined, max: number, missing: string, label = 'Name'): string {
  const text = (value ?? '').trim();
  if (!text) throw new BadUserInputError(field, missing);
  return withoutControlCharacters(field, withinLength(field, text, max, label), label, false);
}

/**
 * Trimmed optional text of at most `max` characters (e.g. a description); empty becomes null. Single-line unless
 * `multiline` (a text area), where line breaks are kept, CRLF as LF.
 */
export function optionalText(
  field: string,
  value: string | null | undefined,
  max: number,
  label = 'Description',
  { multiline = false }: { multiline?: boolean } = {},
): string | null {
  const trimmed = (value ?? '').trim();
  const text = multiline ? trimmed.replace(/\r\n/g, '\n') : trimmed;
  return withoutControlCharacters(field, withinLength(field, text, max, label), label, multiline) || null;
}

function withinLength(field: string, text: string, max: number, label: string): string {
  if (text.length > max) throw new BadUserInputError(field, `${label} is ${text.length} characters long; shorten it to at most ${max}.`);
  return text;
}
