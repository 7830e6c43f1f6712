import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateTime } from '../../components/format';
import { useCan } from '../../components/PermissionGate';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import type { AuditEventFilter, AuditEventsQuery } from '../../gql/graphql';
import { navigate, useSearchParam } from '../../router';
import { AuditClientOptionsQuery, AuditEventsQuery as AuditEventsDocument } from './queries';

const PAGE_SIZE = 50;
// Suggestions only: the filter takes any action, or a prefix ending in * such as client.*
const KNOWN_ACTIONS = [
  'client.*',
  'credential.*',
  'auth.*',
  'client.created',
  'client.updated',
  'client.deleted',
  'credential.created',
  'credential.rotated',
  'credential.deleted',
  'team.updated',
  'user.created',
  'apikey.created',
  'reminder.sent',
  'auth.login_failed',
];
// New events appear after any change the SPA makes.
const auditContext = { additionalTypenames: ['AuditEvent', 'ApiClient'] };

type AuditEvent = AuditEventsQuery['auditEvents']['edges'][number]['node'];

/** Every recorded change, newest first; `?apiClientId=` narrows it to one API client. */
export function AuditTrailPage() {
  const canAdministerClients = useCan('CLIENT_ADMINISTRATION');
  const canAdministerSecurity = useCan('SECURITY_ADMINISTRATION');
  const apiClientId = useSearchParam('apiClientId') ?? '';
  const [action, setAction] = useState('');
  const debouncedAction = useDebouncedValue(action.trim(), 250);

  if (!canAdministerClients && !canAdministerSecurity) {
    return (
      <section>
        <h1>Audit trail</h1>
        <p className="notice">You do not have permission to view the audit trail.</p>
      </section>
    );
  }

  const filter: AuditEventFilter = {};
  if (debouncedAction) filter.action = debouncedAction;
  if (apiClientId) filter.apiClientId = apiClientId;

  return (
    <section>
      <div className="page-header">
        <h1>Audit trail</h1>
      </div>
      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor="audit-action">Action</label>
          <input
            id="audit-action"
            type="search"
            list="audit-actions"
            placeholder="e.g. client.updated or client.*"
            value={action}
            onChange={(event) => setAction(event.target.value)}
          />
          <datalist id="audit-actions">
            {KNOWN_ACTIONS.map((known) => (
              <option key={known} value={known} />
            ))}
          </datalist>
        </div>
        {canAdministerClients && <ClientFilter apiClientId={apiClientId} />}
      </div>
      <AuditTable key={JSON.stringify(filter)} filter={filter} />
    </section>
  );
}

function ClientFilter({ apiClientId }: { apiClientId: string }) {
  const [{ data }] = useQuery({ query: AuditClientOptionsQuery });
  const clients = data?.apiClients.edges.map((edge) => edge.node) ?? [];
  return (
    <div className="field field-inline">
      <label htmlFor="audit-client">API client</label>
      <select
        id="audit-client"
        value={apiClientId}
        onChange={(event) =>
          navigate(event.target.value ? `/audit?apiClientId=${encodeURIComponent(event.target.value)}` : '/audit', { replace: true })
        }
      >
        <option value="">All API clients</option>
        {/* A deleted client keeps its history: keep its id selectable when it came from a link. */}
        {apiClientId && !clients.some((client) => client.id === apiClientId) && <option value={apiClientId}>{apiClientId}</option>}
        {clients.map((client) => (
          <option key={client.id} value={client.id}>
            {client.name} ({client.clientId})
          </option>
        ))}
      </select>
    </div>
  );
}

function AuditTable({ filter }: { filter: AuditEventFilter }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Actor</th>
          <th scope="col">Action</th>
          <th scope="col">Target</th>
          <th scope="col">Changes</th>
          <th scope="col">IP address</th>
        </tr>
      </thead>
      {cursors.map((after, index) => (
        <AuditRows
          key={after ?? ''}
          filter={filter}
          after={after}
          isFirst={index === 0}
          isLast={index === cursors.length - 1}
          onLoadMore={(endCursor) => setCursors([...cursors, endCursor])}
        />
      ))}
    </table>
  );
}

function AuditRows({
  filter,
  after,
  isFirst,
  isLast,
  onLoadMore,
}: {
  filter: AuditEventFilter;
  after: string | null;
  isFirst: boolean;
  isLast: boolean;
  onLoadMore: (endCursor: string) => void;
}) {
  const [{ data, error, fetching }] = useQuery({
    query: AuditEventsDocument,
    variables: { filter, first: PAGE_SIZE, after },
    context: auditContext,
  });
  const connection = data?.auditEvents;

  if (!connection) {
    return (
      <tbody>
        <tr>
          <td colSpan={6}>{error ? <ErrorMessage error={error} /> : fetching && <span className="muted">Loading…</span>}</td>
        </tr>
      </tbody>
    );
  }

  const { endCursor, hasNextPage } = connection.pageInfo;
  return (
    <>
      <tbody>
        {isFirst && connection.edges.length === 0 && (
          <tr>
            <td colSpan={6} className="muted">
              No audit events match these filters.
            </td>
          </tr>
        )}
        {connection.edges.map(({ node }) => (
          <AuditRow key={node.id} event={node} />
        ))}
      </tbody>
      {isLast && hasNextPage && endCursor && (
        <tfoot>
          <tr>
            <td colSpan={6}>
              <button type="button" className="button" onClick={() => onLoadMore(endCursor)}>
                Load more
              </button>
            </td>
          </tr>
        </tfoot>
      )}
    </>
  );
}

function AuditRow({ event }: { event: AuditEvent }) {
  return (
    <tr>
      <td>
        <span className="timestamp">{formatDateTime(event.occurredAt)}</span>
      </td>
      <td>
        {event.actor.displayName}
        <span className="muted small"> ({event.actor.type.toLowerCase().replace('_', ' ')})</span>
      </td>
      <td>
        <code>{event.action}</code>
      </td>
      <td>{event.target ? (event.target.name ?? event.target.id) : <span className="muted">—</span>}</td>
      <td>
        {event.changes.length > 0 ? (
          <ul className="change-list">
            {event.changes.map((change) => (
              <li key={change.field}>
                <span className="change-field">{change.field}</span>:{' '}
                {change.from === null || change.from === undefined
                  ? showValue(change.to)
                  : `${showValue(change.from)} → ${showValue(change.to)}`}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>{event.ipAddress ?? <span className="muted">—</span>}</td>
    </tr>
  );
}

function showValue(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length > 0 ? value.map(showValue).join(', ') : '(none)';
  return JSON.stringify(value);
}
