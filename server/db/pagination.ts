import { BadUserInputError } from '../kernel/errors.js';

export const PAGE_SIZE = { default: 50, max: 100 } as const;

export function pageSize(first: number | null | undefined): number {
  const size = first ?? PAGE_SIZE.default;
  if (!Number.isInteger(size) || size < 1 || size > PAGE_SIZE.max) {
    throw new BadUserInputError(
      'first',
      `"first" must be from 1 to ${PAGE_SIZE.max}; ${size} was given. Fetch more pages with "after" instead.`,
    );
  }
  return size;
}

/** The refusal of a cursor Keyward did not give out for this list (or, for a list in a chosen order, for that order). */
export const CURSOR_NOT_OURS =
  'The "after" cursor is not one Keyward gave out for this list and order. Use the endCursor of the previous page, in the same order, or leave it out to start at the top.';

/** Cursors are opaque to callers: base64url of a small JSON tuple. */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** What each part of a cursor holds; a part of another shape would fail in the query, so the cursor is refused. */
const CURSOR_PARTS = {
  // Keyward's own records are all from after 1970; PostgreSQL has no year 0, which ISO-8601 has.
  instant: (part: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(part) && Date.parse(part) >= 0,
  uuid: (part: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(part),
  sequence: (part: string) => /^\d{1,18}$/.test(part),
} as const;

export type CursorPart = keyof typeof CURSOR_PARTS;

export function decodeCursor(cursor: string | null | undefined, shape: CursorPart[]): string[] | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parts) &&
      parts.length === shape.length &&
      parts.every((p, i) => (typeof p === 'string' || typeof p === 'number') && CURSOR_PARTS[shape[i]](String(p)))
    ) {
      return parts.map(String);
    }
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError('after', CURSOR_NOT_OURS);
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
