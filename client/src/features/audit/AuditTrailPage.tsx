import { useState } from 'react';
import { useQuery } from 'urql';
import { formatDateTime } from '../../components/format';
import { PageBody, PagedTable, type PageSlot } from '../../components/PagedTable';
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
const auditContext = { additionalTypenames: ['AuditEvent', 'ApiClient', 'Credential'] };

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

const COLUMNS = ['Time', 'Actor', 'Action', 'Target', 'Changes', 'IP address'];

function AuditTable({ filter }: { filter: AuditEventFilter }) {
  return <PagedTable columns={COLUMNS} renderPage={(slot) => <AuditPage slot={slot} filter={filter} />} />;
}

function AuditPage({ slot, filter }: { slot: PageSlot; filter: AuditEventFilter }) {
  const [{ data, error, fetching }] = useQuery({
    query: AuditEventsDocument,
    variables: { filter, first: PAGE_SIZE, after: slot.after },
    context: auditContext,
  });
  return (
    <PageBody
      slot={slot}
      columnCount={COLUMNS.length}
      result={{ connection: data?.auditEvents, error, fetching }}
      emptyMessage="No audit events match these filters."
      renderRow={(node) => <AuditRow key={node.id} event={node} />}
    />
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
