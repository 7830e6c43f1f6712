import { useState } from 'react';
import { useQuery } from 'urql';
import { ExpiryCell } from '../../components/ExpiryBadge';
import { Link } from '../../components/Link';
import { PageBody, PagedTable, type PageSlot } from '../../components/PagedTable';
import { PermissionGate, useCan, useCanAny } from '../../components/PermissionGate';
import type { Column, SortState } from '../../components/sorting';
import { Time } from '../../components/Time';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import type { ApiClientOrder } from '../../gql/graphql';
import { permissionLabel } from '../security/permissions';
import { ApiClientCountQuery, ApiClientListQuery } from './queries';

const PAGE_SIZE = 25;
// Lists refresh after a create or delete even when they were empty (no ApiClient to match),
// and the secrets count after any credential change.
const listContext = { additionalTypenames: ['ApiClient', 'Credential'] };

export function ClientListPage() {
  // Secret administrators see clients read-only, to reach their secrets.
  const canView = useCanAny('CLIENT_ADMINISTRATION', 'SECRET_ADMINISTRATION');
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebouncedValue(search.trim(), 250);
  const [{ data: counts }] = useQuery({ query: ApiClientCountQuery, context: listContext, pause: !canView });
  const noClients = counts?.viewer.tenant.apiClientCount === 0;

  return (
    <section>
      <div className="page-header">
        <h1>API Clients</h1>
        <PermissionGate permission="CLIENT_CREATE">
          <Link to="/clients/new" className="button button-primary">
            Add API client
          </Link>
        </PermissionGate>
      </div>
      {canView ? (
        <>
          <ClientCount />
          {noClients && !search ? (
            <FirstClientHint />
          ) : (
            <>
              <div className="toolbar">
                <div className="field field-inline">
                  <label htmlFor="client-search">Search</label>
                  <input
                    id="client-search"
                    type="search"
                    placeholder="Name or client ID"
                    value={search}
                    onChange={(event) => setSearch(event.target.value)}
                  />
                </div>
              </div>
              <ClientTable key={debouncedSearch} search={debouncedSearch} />
            </>
          )}
        </>
      ) : (
        <p className="notice">You do not have permission to view API clients.</p>
      )}
    </section>
  );
}

/** What an API client is, for the list's blank slate. */
const WHAT_IS_AN_API_CLIENT =
  'An API client is an application or service that calls your APIs on its own, with no person signing in: it proves who it is with its client ID and a secret or certificate, and gets access tokens for the scopes you grant it.';

/**
 * The first-run hint, in place of the search and the table while the tenant has no API client: what one is, and the
 * way to create it or, for someone who may not, who can.
 */
function FirstClientHint() {
  const canCreate = useCan('CLIENT_CREATE');
  // "No clients yet", not "No API clients yet": "API Clients" stays the name of one heading, the page's.
  return (
    <section className="notice" aria-labelledby="first-client-title">
      <h2 id="first-client-title">{canCreate ? 'Add your first API client' : 'No clients yet'}</h2>
      <p>There are no API clients yet. {WHAT_IS_AN_API_CLIENT}</p>
      {canCreate ? (
        <Link to="/clients/new" className="button button-primary">
          Create an API client
        </Link>
      ) : (
        <p>Users with the permission {permissionLabel('CLIENT_CREATE')} can add them: ask a security administrator of this tenant.</p>
      )}
    </section>
  );
}

function ClientCount() {
  const [{ data }] = useQuery({ query: ApiClientCountQuery, context: listContext });
  if (!data) return null;
  const { apiClientCount, maxClients } = data.viewer.tenant;
  return (
    <p className="count-line">
      {apiClientCount} of {maxClients} clients
    </p>
  );
}

/** The columns the API can sort the list by; until one is chosen it is newest first. */
type SortKey = 'NAME' | 'LAST_USED_AT';
const NAME: Column<SortKey> = { label: 'Name', sortKey: 'NAME' };
const LAST_USED: Column<SortKey> = { label: 'Last used', sortKey: 'LAST_USED_AT', firstDirection: 'descending' };
const COLUMNS = [NAME, 'Client ID', 'Status', 'Scopes', LAST_USED];
// The count of secrets needs SECRET_ADMINISTRATION; without it the column is left out, not shown empty.
const COLUMNS_WITH_SECRETS = [NAME, 'Client ID', 'Status', 'Scopes', 'Secrets', 'Next expiry', LAST_USED];

function orderOf(sort: SortState<SortKey> | null): ApiClientOrder | null {
  return sort ? { field: sort.key, direction: sort.direction === 'ascending' ? 'ASC' : 'DESC' } : null;
}

function ClientTable({ search }: { search: string }) {
  const withSecrets = useCan('SECRET_ADMINISTRATION');
  const [sort, setSort] = useState<SortState<SortKey> | null>(null);
  const columns = withSecrets ? COLUMNS_WITH_SECRETS : COLUMNS;
  const orderBy = orderOf(sort);
  return (
    <PagedTable
      // A new order starts again at the first page: cursors belong to the order they were given out for.
      key={JSON.stringify(orderBy)}
      label="API clients"
      columns={columns}
      sort={sort}
      onSort={setSort}
      renderPage={(slot) => (
        <ClientPage slot={slot} search={search} orderBy={orderBy} withSecrets={withSecrets} columnCount={columns.length} />
      )}
    />
  );
}

function ClientPage({
  slot,
  search,
  orderBy,
  withSecrets,
  columnCount,
}: {
  slot: PageSlot;
  search: string;
  orderBy: ApiClientOrder | null;
  withSecrets: boolean;
  columnCount: number;
}) {
  const [{ data, error, fetching }] = useQuery({
    query: ApiClientListQuery,
    variables: { first: PAGE_SIZE, after: slot.after, search: search || null, orderBy, withSecrets },
    context: listContext,
  });
  const [{ data: counts }] = useQuery({ query: ApiClientCountQuery, context: listContext, pause: !withSecrets });
  const maxCredentials = counts?.viewer.tenant.maxCredentialsPerClient;
  return (
    <PageBody
      slot={slot}
      columnCount={columnCount}
      result={{ connection: data?.apiClients, error, fetching }}
      emptyMessage={search ? `No API clients match “${search}”.` : 'There are no API clients yet.'}
      renderRow={(node) => (
        <tr key={node.id}>
          <td>
            <Link to={`/clients/${encodeURIComponent(node.id)}`}>{node.name}</Link>
          </td>
          <td>
            <code>{node.clientId}</code>
          </td>
          <td>
            <span className={node.enabled ? 'badge badge-ok' : 'badge badge-off'}>{node.enabled ? 'Enabled' : 'Disabled'}</span>
          </td>
          <td>
            {node.scopes.length > 0 ? (
              <ul className="tag-list">
                {sortByName(node.scopes).map((scope) => (
                  <li key={scope.id} className="tag">
                    {scope.name}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">None</span>
            )}
          </td>
          {withSecrets && (
            <td className="nowrap">
              {node.credentialCount ?? '—'} / {maxCredentials ?? '—'}
            </td>
          )}
          {withSecrets &&
            (node.nearestExpiry ? (
              <ExpiryCell expiresAt={node.nearestExpiry} />
            ) : (
              <td>
                <span className="muted">—</span>
              </td>
            ))}
          <td>{node.lastUsedAt ? <Time iso={node.lastUsedAt} /> : 'Never'}</td>
        </tr>
      )}
    />
  );
}

function sortByName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name));
}
