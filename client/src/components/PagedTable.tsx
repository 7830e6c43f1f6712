import { Fragment, type ReactNode, useState } from 'react';
import type { CombinedError } from 'urql';
import { ErrorMessage } from './ErrorMessage';
import { type Column, columnSpec, nextSort, type SortState } from './sorting';
import { TableScroll } from './TableScroll';

/** Where one page sits in a table that grows page by page with "Load more". */
export interface PageSlot {
  after: string | null;
  isFirst: boolean;
  isLast: boolean;
  onLoadMore: (endCursor: string) => void;
}

/**
 * A table of Relay connection pages: each page is its own cached query keyed by its cursor, so loading
 * more never refetches what is shown. `renderPage` runs the page's query and renders a `PageBody`.
 * `className` is added to the table's, for a table laid out on its own (e.g. the audit trail's columns).
 */
export function PagedTable<Key extends string = string>({
  label,
  columns,
  renderPage,
  className,
  sort,
  onSort,
}: {
  /** The table's name, e.g. "Audit events". */
  label: string;
  columns: readonly Column<Key>[];
  renderPage: (slot: PageSlot) => ReactNode;
  className?: string;
  sort?: SortState<Key> | null;
  onSort?: (sort: SortState<Key> | null) => void;
}) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <TableScroll label={label}>
      <table className={className ? `table ${className}` : 'table'} aria-label={label}>
        <TableHead columns={columns} sort={sort} onSort={onSort} />
        {cursors.map((after, index) => (
          <Fragment key={after ?? ''}>
            {renderPage({
              after,
              isFirst: index === 0,
              isLast: index === cursors.length - 1,
              onLoadMore: (endCursor) => setCursors([...cursors, endCursor]),
            })}
          </Fragment>
        ))}
      </table>
    </TableScroll>
  );
}

/**
 * The header row of a data table; shared by every table in the SPA. A sortable column's header is a button that
 * sorts by it (again: the other way round), and the sorted column says so with `aria-sort` and an arrow.
 */
export function TableHead<Key extends string = string>({
  columns,
  sort = null,
  onSort,
}: {
  columns: readonly Column<Key>[];
  sort?: SortState<Key> | null;
  onSort?: (sort: SortState<Key> | null) => void;
}) {
  return (
    <thead>
      <tr>
        {columns.map(columnSpec).map((column) => {
          const sorted = sort !== null && column.sortKey === sort.key ? sort.direction : undefined;
          return (
            <th key={column.label} scope="col" aria-sort={sorted}>
              {column.sortKey && onSort ? (
                <button type="button" className="sort-button" onClick={() => onSort(nextSort(sort, column))}>
                  {column.label}
                  <span aria-hidden="true" className={sorted ? 'sort-arrow' : 'sort-arrow sort-arrow-idle'}>
                    {sorted === 'descending' ? '↓' : '↑'}
                  </span>
                </button>
              ) : (
                column.label
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

interface Connection<Node> {
  edges: readonly { node: Node }[];
  pageInfo: { endCursor?: string | null; hasNextPage: boolean };
}

/** One page's rows: loading and error states, the empty message on the first page, and "Load more" on the last. */
export function PageBody<Node>({
  slot,
  columnCount,
  result,
  emptyMessage,
  renderRow,
}: {
  slot: PageSlot;
  columnCount: number;
  result: { connection?: Connection<Node>; error?: CombinedError; fetching: boolean };
  emptyMessage: string;
  renderRow: (node: Node) => ReactNode;
}) {
  const { connection, error, fetching } = result;
  if (!connection) {
    return (
      <tbody>
        <tr>
          <td colSpan={columnCount}>{error ? <ErrorMessage error={error} /> : fetching && <span className="muted">Loading…</span>}</td>
        </tr>
      </tbody>
    );
  }
  const { endCursor, hasNextPage } = connection.pageInfo;
  return (
    <>
      <tbody>
        {slot.isFirst && connection.edges.length === 0 && (
          <tr>
            <td colSpan={columnCount} className="muted">
              {emptyMessage}
            </td>
          </tr>
        )}
        {connection.edges.map(({ node }) => renderRow(node))}
      </tbody>
      {slot.isLast && hasNextPage && endCursor && (
        <tfoot>
          <tr>
            <td colSpan={columnCount}>
              <button type="button" className="button" onClick={() => slot.onLoadMore(endCursor)}>
                Load more
              </button>
            </td>
          </tr>
        </tfoot>
      )}
    </>
  );
}
