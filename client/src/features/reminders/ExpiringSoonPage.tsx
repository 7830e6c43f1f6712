import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ExpiryCell } from '../../components/ExpiryBadge';
import { Link } from '../../components/Link';
import { TableHead } from '../../components/PagedTable';
import { PermissionGate } from '../../components/PermissionGate';
import { type Column, type SortState, sortRows } from '../../components/sorting';
import { TableScroll } from '../../components/TableScroll';
import { Time } from '../../components/Time';
import type { ExpiringCredentialsQuery as ExpiringCredentials } from '../../gql/graphql';
import { CREDENTIAL_TYPE_LABELS } from '../credentials/labels';
import { credentialListContext } from '../credentials/queries';
import { ExpiringCredentialsQuery } from './queries';
import { UnusedCredentialsSection } from './UnusedCredentialsSection';

const WITHIN_DAYS = 30;
type SortKey = 'client' | 'expiresAt';
const COLUMNS: Column<SortKey>[] = [
  { label: 'API client', sortKey: 'client' },
  'Type',
  'Description',
  { label: 'Expires (UTC)', sortKey: 'expiresAt' },
  'Days left',
  'Reminders',
];
/** As the API lists them: soonest first. */
const SOONEST_FIRST: SortState<SortKey> = { key: 'expiresAt', direction: 'ascending' };

type ExpiringCredential = ExpiringCredentials['expiringCredentials'][number];
type ReminderDelivery = ExpiringCredential['reminders'][number];

/**
 * Secrets and certificates of every API client that expire in the next 30 days, with the reminders sent about them,
 * and those nobody has used for a while (usage findings).
 */
export function ExpiringSoonPage() {
  return (
    <section>
      <div className="page-header">
        <h1>Expiring soon</h1>
      </div>
      <PermissionGate
        permission="SECRET_ADMINISTRATION"
        fallback={<p className="notice">You do not have permission to view secrets and certificates.</p>}
      >
        <p className="count-line">
          Secrets and certificates of every API client that expire in the next {WITHIN_DAYS} days, soonest first.
        </p>
        <ExpiringTable />
        <UnusedCredentialsSection />
      </PermissionGate>
    </section>
  );
}

function ExpiringTable() {
  // Reminders are sent in the background, not by anything this SPA does: ask the server on every visit.
  const [{ data, error, fetching }] = useQuery({
    query: ExpiringCredentialsQuery,
    variables: { withinDays: WITHIN_DAYS },
    context: credentialListContext,
    requestPolicy: 'cache-and-network',
  });
  const [sort, setSort] = useState<SortState<SortKey> | null>(SOONEST_FIRST);
  const credentials =
    data &&
    sortRows(data.expiringCredentials, sort, (credential, key) => (key === 'client' ? credential.apiClient.name : credential.expiresAt));
  return (
    <TableScroll label="Expiring secrets and certificates">
      <table className="table" aria-label="Expiring secrets and certificates">
        <TableHead columns={COLUMNS} sort={sort} onSort={setSort} />
        <tbody>
          {!credentials && (
            <tr>
              <td colSpan={COLUMNS.length}>
                {error ? <ErrorMessage error={error} /> : fetching && <span className="muted">Loading…</span>}
              </td>
            </tr>
          )}
          {credentials?.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length} className="muted">
                No secret or certificate expires in the next {WITHIN_DAYS} days.
              </td>
            </tr>
          )}
          {credentials?.map((credential) => (
            <ExpiringRow key={credential.id} credential={credential} />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function ExpiringRow({ credential }: { credential: ExpiringCredential }) {
  const { apiClient } = credential;
  const hint = credential.certificate ? `${credential.certificate.serialNumber.slice(0, 8)}…` : credential.secretHint;
  return (
    <tr>
      <td>
        {/* This page needs SECRET_ADMINISTRATION, which also opens the client page (read-only). */}
        <Link to={`/clients/${encodeURIComponent(apiClient.id)}`}>{apiClient.name}</Link>
        <div>
          <code className="muted small">{apiClient.clientId}</code>
        </div>
      </td>
      <td>{CREDENTIAL_TYPE_LABELS[credential.type]}</td>
      <td>
        {credential.description ?? <span className="muted">—</span>}
        {hint && (
          <div>
            <code className="secret-hint small">{hint}</code>
          </div>
        )}
      </td>
      <ExpiryCell expiresAt={credential.expiresAt} />
      <td className="nowrap">{daysLeftText(credential.daysLeft)}</td>
      <td>
        <ReminderHistory reminders={credential.reminders} />
      </td>
    </tr>
  );
}

function daysLeftText(daysLeft: number | null | undefined): string {
  if (daysLeft === null || daysLeft === undefined) return 'Expired';
  return daysLeft === 1 ? '1 day left' : `${daysLeft} days left`;
}

/** The reminders about one credential in the order they went out: 30 days first, 1 day last. */
function ReminderHistory({ reminders }: { reminders: readonly ReminderDelivery[] }) {
  if (reminders.length === 0) return <span className="muted">No reminders yet</span>;
  const inOrder = [...reminders].sort((a, b) => b.stage - a.stage);
  return (
    <ul className="reminder-list">
      {inOrder.map((reminder) => (
        <li key={reminder.id}>
          <ReminderLine reminder={reminder} />
        </li>
      ))}
    </ul>
  );
}

function ReminderLine({ reminder }: { reminder: ReminderDelivery }) {
  const stage = reminder.stage === 1 ? '1 day' : `${reminder.stage} days`;
  if (reminder.status === 'SENT') {
    return (
      <span title={`Sent to ${reminder.recipients.join(', ')}`}>
        {stage}: sent {reminder.sentAt && <Time iso={reminder.sentAt} as="utc" />}
      </span>
    );
  }
  if (reminder.status === 'FAILED') {
    return (
      <span className="reminder-failed" title={reminder.lastError ?? undefined}>
        {stage}: failed
      </span>
    );
  }
  // A pending reminder with an error is waiting to be retried after a mail-server failure.
  return (
    <span className="muted" title={reminder.lastError ?? undefined}>
      {stage}: pending{reminder.lastError && ', retrying'}
    </span>
  );
}
