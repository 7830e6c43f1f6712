import { type FilterQuery, type QueryOrderMap, raw } from '@mikro-orm/postgresql';
import { CURSOR_NOT_OURS } from '../db/pagination.js';
import { BadUserInputError } from '../kernel/errors.js';
import type { ApiClient } from './api-client.entity.js';

export type ApiClientOrderField = 'CREATED_AT' | 'NAME' | 'LAST_USED_AT';
export type OrderDirection = 'ASC' | 'DESC';

export interface ApiClientOrder {
  field: ApiClientOrderField;
  direction: OrderDirection;
}

/** The list's order when none is asked for: newest first. */
export const NEWEST_FIRST: ApiClientOrder = { field: 'CREATED_AT', direction: 'DESC' };

/**
 * One ordering of the client list, for keyset pagination: the sort key of a client, the ORDER BY, and the WHERE that
 * continues after a cursor. The client's id breaks ties, in the same direction, so every order is total.
 *
 * Names sort case-insensitively (`lower(name)`). A client never used counts as used before every other: it comes
 * last when the most recently used come first, and first in the other direction, where the unused are looked for.
 */
interface Keyset {
  key(client: ApiClient): string | null;
  orderBy(): QueryOrderMap<ApiClient>;
  after(key: string | null, id: string): FilterQuery<ApiClient>;
}

const lowerName = () => raw((alias) => `lower(${alias}.name)`);
/** Cursors hold milliseconds, so times are compared at that precision, whatever wrote them (PostgreSQL keeps microseconds). */
const millis = (column: 'created_at' | 'last_used_at') => () => raw((alias) => `date_trunc('milliseconds', ${alias}.${column})`);
const createdAt = millis('created_at');
const lastUsedAt = millis('last_used_at');

function keysetOf({ field, direction }: ApiClientOrder): Keyset {
  const desc = direction === 'DESC';
  const order = desc ? 'desc' : 'asc';
  const beyond = desc ? '$lt' : '$gt';
  const idBeyond = (id: string) => ({ id: { [beyond]: id } });
  switch (field) {
    case 'NAME':
      return {
        key: (client) => client.name.toLowerCase(),
        orderBy: () => ({ [lowerName()]: order, id: order }),
        after: (key, id) => ({
          $or: [{ [lowerName()]: { [beyond]: key } }, { $and: [{ [lowerName()]: key }, idBeyond(id)] }],
        }),
      };
    case 'CREATED_AT':
      return {
        key: (client) => client.createdAt.toISOString(),
        orderBy: () => ({ [createdAt()]: order, id: order }),
        after: (key, id) => ({
          $or: [{ [createdAt()]: { [beyond]: new Date(key ?? 0) } }, { $and: [{ [createdAt()]: new Date(key ?? 0) }, idBeyond(id)] }],
        }),
      };
    case 'LAST_USED_AT':
      return {
        key: (client) => client.lastUsedAt?.toISOString() ?? null,
        orderBy: () => ({ [lastUsedAt()]: desc ? 'desc nulls last' : 'asc nulls first', id: order }),
        after: (key, id) => {
          if (key === null) {
            // Among the never used: the rest of them, then (going up) every used one.
            const rest = { lastUsedAt: null, ...idBeyond(id) };
            return desc ? rest : { $or: [rest, { lastUsedAt: { $ne: null } }] };
          }
          const later = [{ [lastUsedAt()]: { [beyond]: new Date(key) } }, { $and: [{ [lastUsedAt()]: new Date(key) }, idBeyond(id)] }];
          return { $or: desc ? [...later, { lastUsedAt: null }] : later };
        },
      };
  }
}

/** What a cursor of the client list holds: the order it was made for, the sort key (or null), the id. */
type CursorParts = [string, string | null, string];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function tagOf(order: ApiClientOrder): string {
  return `${order.field}:${order.direction}`;
}

/** Keyset pagination of the client list in the order asked for. */
export class ApiClientOrdering {
  private readonly keyset: Keyset;

  constructor(private readonly order: ApiClientOrder = NEWEST_FIRST) {
    this.keyset = keysetOf(order);
  }

  orderBy(): QueryOrderMap<ApiClient> {
    return this.keyset.orderBy();
  }

  cursorOf(client: ApiClient): string {
    const parts: CursorParts = [tagOf(this.order), this.keyset.key(client), client.id];
    return Buffer.from(JSON.stringify(parts)).toString('base64url');
  }

  /** The WHERE that continues after `cursor`, or null at the top; a cursor of another order or shape is refused. */
  after(cursor: string | null | undefined): FilterQuery<ApiClient> | null {
    if (cursor === null || cursor === undefined || cursor === '') return null;
    const parts = this.decode(cursor);
    if (!parts) {
      throw new BadUserInputError('after', CURSOR_NOT_OURS);
    }
    return this.keyset.after(parts[1], parts[2]);
  }

  private decode(cursor: string): CursorParts | null {
    try {
      const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (!Array.isArray(parts) || parts.length !== 3) return null;
      const [tag, key, id] = parts;
      if (tag !== tagOf(this.order) || typeof id !== 'string' || !UUID.test(id)) return null;
      if (key === null) return this.order.field === 'LAST_USED_AT' ? [tag, null, id] : null;
      if (typeof key !== 'string' || key.length > 200) return null;
      if (this.order.field !== 'NAME' && !(INSTANT.test(key) && Date.parse(key) >= 0)) return null;
      return [tag, key, id];
    } catch {
      return null;
    }
  }
}
