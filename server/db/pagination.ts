import { BadUserInputError } from '../errors.js';

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

/** Cursors are opaque to callers: base64url of a small JSON tuple. */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, arity: number): string[] | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === arity && parts.every((p) => typeof p === 'string' || typeof p === 'number')) {
      return parts.map(String);
    }
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError(
    'after',
    'The "after" cursor is not one Keyward gave out. Use the endCursor of the previous page, or leave it out to start at the top.',
  );
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
