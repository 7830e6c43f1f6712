import { useState } from 'react';
import { useQuery } from 'urql';
import { Dialog } from '../../components/Dialog';
import { type Fact, Facts } from '../../components/Facts';
import { formatUtcDateTime } from '../../components/format';
import { Link } from '../../components/Link';
import { PageBody, PagedTable, type PageSlot } from '../../components/PagedTable';
import { useCan } from '../../components/PermissionGate';
import { TableScroll } from '../../components/TableScroll';
import { Time } from '../../components/Time';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import type { AuditEventFilter, AuditEventsQuery } from '../../gql/graphql';
import { navigate, useSearchParam } from '../../router';
import { permissionLabel } from '../security/permissions';
import { AuditClientOptionsQuery, AuditEventsQuery as AuditEventsDocument } from './queries';

const PAGE_SIZE = 50;
// Suggestions only: the filter takes any action, or a prefix ending in * such as client.*
const KNOWN_ACTIONS = [
  'client.*',
  'credential.*',
  'auth.*',
  'user.*',
  'team.*',
  'apikey.*',
  'client.created',
  'client.updated',
  'client.deleted',
  'credential.created',
  'credential.rotated',
  'credential.renewed',
  'credential.disabled',
  'credential.enabled',
  'credential.deleted',
  'team.updated',
  'user.created',
  'apikey.created',
  'reminder.sent',
  'auth.login_failed',
];
/** The events of secrets and certificates, which the API shows only with SECRET_ADMINISTRATION. */
const isCredentialAction = (action: string) => action.startsWith('credential.') || action.startsWith('reminder.');
// New events appear after any change the SPA makes.
const auditContext = { additionalTypenames: ['AuditEvent', 'ApiClient', 'Credential'] };

type AuditEvent = AuditEventsQuery['auditEvents']['edges'][number]['node'];

/** The filters live in the address (?apiClientId=&actorId=&actor=&action=&from=&to=), so a filtered view can be shared. */
function useAuditFilters() {
  const params = {
    apiClientId: useSearchParam('apiClientId') ?? '',
    actorId: useSearchParam('actorId') ?? '',
    actor: useSearchParam('actor') ?? '',
    action: useSearchParam('action') ?? '',
    from: useSearchParam('from') ?? '',
    to: useSearchParam('to') ?? '',
  };
  const set = (changes: Partial<typeof params>) => {
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...params, ...changes })) if (value) next.set(name, value);
    const query = next.toString();
    navigate(query ? `/audit?${query}` : '/audit', { replace: true });
  };
  return { params, set };
}

/** A day picked in the browser's time zone, as the instant it starts (`to` is inclusive: up to the next day's start). */
function dayStart(day: string, plusDays = 0): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Every recorded change, newest first, filtered by client, actor, action and days; exportable as CSV. */
export function AuditTrailPage() {
  const canAdministerClients = useCan('CLIENT_ADMINISTRATION');
  const canAdministerSecurity = useCan('SECURITY_ADMINISTRATION');
  const canSeeCredentials = useCan('SECRET_ADMINISTRATION');
  const { params, set } = useAuditFilters();
  const [action, setAction] = useState(params.action);
  const debouncedAction = useDebouncedValue(action.trim(), 250);
  const [selected, setSelected] = useState<AuditEvent | null>(null);

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
  if (params.apiClientId) filter.apiClientId = params.apiClientId;
  if (params.actorId) filter.actorId = params.actorId;
  const from = dayStart(params.from);
  const to = dayStart(params.to, 1);
  if (from) filter.from = from;
  if (to) filter.to = to;
  const exportQuery = new URLSearchParams(
    Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  ).toString();

  return (
    <section>
      <div className="page-header">
        <h1>Audit trail</h1>
        <a className="button" href={`/audit/export.csv${exportQuery ? `?${exportQuery}` : ''}`} download>
          Export CSV
        </a>
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
            onBlur={() => set({ action: action.trim() })}
          />
          <datalist id="audit-actions">
            {KNOWN_ACTIONS.filter((known) => canSeeCredentials || !isCredentialAction(known)).map((known) => (
              <option key={known} value={known} />
            ))}
          </datalist>
        </div>
        {canAdministerClients && <ClientFilter apiClientId={params.apiClientId} onChange={(apiClientId) => set({ apiClientId })} />}
        <div className="field field-inline">
          <label htmlFor="audit-from">From</label>
          <input
            id="audit-from"
            type="date"
            value={params.from}
            max={params.to || undefined}
            onChange={(e) => set({ from: e.target.value })}
          />
        </div>
        <div className="field field-inline">
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" type="date" value={params.to} min={params.from || undefined} onChange={(e) => set({ to: e.target.value })} />
        </div>
        {params.actorId && (
          <span className="chip">
            Actor: {params.actor || params.actorId}
            <button type="button" className="chip-remove" aria-label="Show every actor" onClick={() => set({ actorId: '', actor: '' })}>
              ×
            </button>
          </span>
        )}
      </div>
      {!canSeeCredentials && (
        <p className="muted small" data-testid="audit-credentials-hidden">
          Events of client secrets and certificates are not listed: they are shown only to users with{' '}
          {permissionLabel('SECRET_ADMINISTRATION')}.
        </p>
      )}
      <AuditTable
        key={JSON.stringify(filter)}
        filter={filter}
        onSelect={setSelected}
        onActor={(actorId, actor) => set({ actorId, actor })}
      />
      {selected && <AuditEventDetails event={selected} onClose={() => setSelected(null)} />}
    </section>
  );
}

function ClientFilter({ apiClientId, onChange }: { apiClientId: string; onChange: (apiClientId: string) => void }) {
  const [{ data }] = useQuery({ query: AuditClientOptionsQuery });
  const clients = data?.apiClients.edges.map((edge) => edge.node) ?? [];
  return (
    <div className="field field-inline">
      <label htmlFor="audit-client">API client</label>
      <select id="audit-client" value={apiClientId} onChange={(event) => onChange(event.target.value)}>
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

const COLUMNS = ['Time', 'Actor', 'Action', 'Target', 'Changes', 'IP address', ''];

interface RowHandlers {
  onSelect: (event: AuditEvent) => void;
  onActor: (actorId: string, actor: string) => void;
}

function AuditTable({ filter, ...handlers }: { filter: AuditEventFilter } & RowHandlers) {
  return (
    <PagedTable
      label="Audit events"
      className="audit-table"
      columns={COLUMNS}
      renderPage={(slot) => <AuditPage slot={slot} filter={filter} {...handlers} />}
    />
  );
}

function AuditPage({ slot, filter, ...handlers }: { slot: PageSlot; filter: AuditEventFilter } & RowHandlers) {
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
      renderRow={(node) => <AuditRow key={node.id} event={node} {...handlers} />}
    />
  );
}

function AuditRow({ event, onSelect, onActor }: { event: AuditEvent } & RowHandlers) {
  const actorId = event.actor.id;
  return (
    <tr>
      <td>
        <Time iso={event.occurredAt} className="timestamp" />
      </td>
      <td>
        {actorId ? (
          <button
            type="button"
            className="link-button"
            title="Show only this actor’s events"
            onClick={() => onActor(actorId, event.actor.displayName)}
          >
            {event.actor.displayName}
          </button>
        ) : (
          event.actor.displayName
        )}
        <span className="muted small"> ({actorTypeLabel(event.actor.type)})</span>
      </td>
      <td>
        <code>{event.action}</code>
      </td>
      <td>{event.target ? (event.target.name ?? event.target.id) : <span className="muted">—</span>}</td>
      <td>
        <ChangeList changes={event.changes} />
      </td>
      <td>{event.ipAddress ?? <span className="muted">—</span>}</td>
      <td>
        <button type="button" className="button button-small" onClick={() => onSelect(event)} aria-label={`Details of ${event.action}`}>
          Details
        </button>
      </td>
    </tr>
  );
}

function ChangeList({ changes }: { changes: AuditEvent['changes'] }) {
  if (changes.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="change-list">
      {changes.map((change) => (
        <li key={change.field}>
          <span className="change-field">{change.field}</span>:{' '}
          {change.from === null || change.from === undefined ? showValue(change.to) : `${showValue(change.from)} → ${showValue(change.to)}`}
        </li>
      ))}
    </ul>
  );
}

/** Everything recorded about one event, including what the table leaves out (ids, user agent, request ID). */
function AuditEventDetails({ event, onClose }: { event: AuditEvent; onClose: () => void }) {
  const facts: Fact[] = [
    [
      'Time',
      <span key="time">
        <Time iso={event.occurredAt} /> ({formatUtcDateTime(event.occurredAt)})
      </span>,
    ],
    ['Actor', `${event.actor.displayName} (${actorTypeLabel(event.actor.type)}${event.actor.id ? `, ${event.actor.id}` : ''})`],
    ['Action', <code key="action">{event.action}</code>],
    ['Target', event.target ? `${event.target.name ?? ''} (${event.target.type.toLowerCase()}, ${event.target.id})` : '—'],
    [
      'API client',
      event.apiClientId ? (
        <Link key="client" to={`/clients/${event.apiClientId}`}>
          {event.apiClientId}
        </Link>
      ) : (
        '—'
      ),
    ],
    ['IP address', event.ipAddress ?? '—'],
    ['User agent', event.userAgent ?? '—'],
    ['Request ID', event.requestId ?? '—'],
    ['Event ID', event.id],
  ];
  return (
    <Dialog open title="Audit event" onCancel={onClose} wide>
      <Facts facts={facts} />
      <h3>Changes</h3>
      {event.changes.length === 0 ? (
        <p className="muted">This event changed no fields.</p>
      ) : (
        <TableScroll label="Changes">
          <table className="table">
            <thead>
              <tr>
                <th>Field</th>
                <th>Before</th>
                <th>After</th>
              </tr>
            </thead>
            <tbody>
              {event.changes.map((change) => (
                <tr key={change.field}>
                  <td className="change-field">{change.field}</td>
                  <td>{showValue(change.from)}</td>
                  <td>{showValue(change.to)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

function actorTypeLabel(type: string): string {
  return type.toLowerCase().replace('_', ' ');
}

function showValue(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length > 0 ? value.map(showValue).join(', ') : '(none)';
  return JSON.stringify(value);
}
