/** Which column a table is sorted by, and which way; `aria-sort`'s words, so the header can say it as it is. */
export interface SortState<Key extends string> {
  key: Key;
  direction: 'ascending' | 'descending';
}

/** A column header: a plain label, or one that sorts the table by `sortKey` (first `firstDirection`, then the other way). */
export interface ColumnSpec<Key extends string = string> {
  label: string;
  sortKey?: Key;
  /** Dates sort newest first when first clicked; words A to Z. */
  firstDirection?: SortState<Key>['direction'];
}

export type Column<Key extends string = string> = string | ColumnSpec<Key>;

export function columnSpec<Key extends string>(column: Column<Key>): ColumnSpec<Key> {
  return typeof column === 'string' ? { label: column } : column;
}

/** The state after a click on a sortable header: the other way round on the column already sorted by, else its first way. */
export function nextSort<Key extends string>(current: SortState<Key> | null, column: ColumnSpec<Key>): SortState<Key> | null {
  if (!column.sortKey) return current;
  if (current?.key === column.sortKey) {
    return { key: current.key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key: column.sortKey, direction: column.firstDirection ?? 'ascending' };
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** A value to sort by: text in the viewer's language ignoring case, numbers, ISO times (as text); nothing sorts first. */
export type SortValue = string | number | null | undefined;

/** The rows in the order `sort` asks for (a stable sort; without `sort` they stay as the API sent them). */
export function sortRows<Row, Key extends string>(
  rows: readonly Row[],
  sort: SortState<Key> | null,
  sortValue: (row: Row, key: Key) => SortValue,
): Row[] {
  if (!sort) return [...rows];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compare(sortValue(a, sort.key), sortValue(b, sort.key)));
}

function compare(a: SortValue, b: SortValue): number {
  const aMissing = a === null || a === undefined || a === '';
  const bMissing = b === null || b === undefined || b === '';
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}
