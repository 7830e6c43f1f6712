import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ConfirmMutationDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ExpiryBadge } from '../../components/ExpiryBadge';
import { describeError } from '../../components/errors';
import { TableHead } from '../../components/PagedTable';
import { useCan } from '../../components/PermissionGate';
import { type Column, type SortState, sortRows } from '../../components/sorting';
import { TableScroll } from '../../components/TableScroll';
import { Time } from '../../components/Time';
import { useSearchParam } from '../../router';
import { STATUS_BADGES, vaultTypeLabel } from './labels';
import {
  ConnectVaultCredentialMutation,
  DeleteVaultCredentialMutation,
  RenewVaultCredentialMutation,
  TestVaultCredentialMutation,
  VaultCredentialsQuery,
  vaultContext,
} from './queries';
import { TestOutcome, type TestState } from './TestOutcome';
import { VaultCredentialDialog } from './VaultCredentialDialog';
import type { VaultCredential } from './vaultInput';

type SortKey = 'name' | 'type' | 'lastUsedAt' | 'lastRenewedAt' | 'expiresAt';
const COLUMNS: Column<SortKey>[] = [
  { label: 'Name', sortKey: 'name' },
  { label: 'Type', sortKey: 'type' },
  'Hint',
  'Status',
  { label: 'Last used', sortKey: 'lastUsedAt', firstDirection: 'descending' },
  { label: 'Last renewed', sortKey: 'lastRenewedAt', firstDirection: 'descending' },
  { label: 'Expires', sortKey: 'expiresAt' },
];

/** The credential stops working at the earlier of its own expiry and its bearer token's. */
function expiryOf(credential: VaultCredential): string | null {
  const times = [credential.expiresAt, credential.settings.tokenExpiresAt].filter((t): t is string => Boolean(t));
  return times.sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
}

/** What the last action on a row (Test, Renew now) came to, shown in the row under it. */
type RowOutcome =
  | { action: 'test'; test: TestState }
  | { action: 'renew'; done: boolean; message: string; until?: string | null }
  | { action: 'connect'; pending: boolean; message: string };

/** The tenant's vault: credentials for calling other services. Seeing it needs VAULT_ADMINISTRATION or VAULT_MANAGE; changing it VAULT_MANAGE. */
export function VaultPage() {
  const canManage = useCan('VAULT_MANAGE');
  const [{ data, error, fetching }] = useQuery({ query: VaultCredentialsQuery, context: vaultContext });
  const [sort, setSort] = useState<SortState<SortKey> | null>(null);
  const [editing, setEditing] = useState<VaultCredential | 'new' | null>(null);
  const [deleting, setDeleting] = useState<VaultCredential | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, RowOutcome>>({});
  const [, testSaved] = useMutation(TestVaultCredentialMutation);
  const [, renew] = useMutation(RenewVaultCredentialMutation);
  const [, connect] = useMutation(ConnectVaultCredentialMutation);
  // Where Connect's callback sends the person back to (docs/vault.md#connect).
  const connectedId = useSearchParam('connected');
  const connected = data?.vaultCredentials.find((credential) => credential.id === connectedId);
  const credentials = sortRows(data?.vaultCredentials ?? [], sort, (credential, column) =>
    column === 'type' ? vaultTypeLabel(credential.type) : column === 'expiresAt' ? expiryOf(credential) : credential[column],
  );
  const columns = canManage ? [...COLUMNS, ''] : COLUMNS;
  const outcomeOf = (id: string, outcome: RowOutcome) => setOutcomes((all) => ({ ...all, [id]: outcome }));

  async function handleTest(credential: VaultCredential) {
    outcomeOf(credential.id, { action: 'test', test: { state: 'testing' } });
    const result = await testSaved({ id: credential.id });
    outcomeOf(credential.id, {
      action: 'test',
      test:
        result.error || !result.data
          ? { state: 'refused', message: result.error ? describeError(result.error).message : 'Nothing happened. Try again.' }
          : { state: 'done', result: result.data.testVaultCredential },
    });
  }

  async function handleRenew(credential: VaultCredential) {
    outcomeOf(credential.id, { action: 'renew', done: false, message: 'Renewing…' });
    const result = await renew({ id: credential.id }, vaultContext);
    const renewed = result.data?.renewVaultCredential;
    outcomeOf(credential.id, {
      action: 'renew',
      done: Boolean(renewed),
      until: renewed?.accessTokenExpiresAt,
      message: renewed
        ? 'Renewed: Keyward holds a new access token'
        : result.error
          ? describeError(result.error).message
          : 'Nothing happened. Try again.',
    });
  }

  /** The provider's sign-in, in this tab: its callback brings the person back here, connected. */
  async function handleConnect(credential: VaultCredential) {
    outcomeOf(credential.id, { action: 'connect', pending: true, message: 'Opening the provider’s sign-in…' });
    const result = await connect({ id: credential.id });
    const url = result.data?.connectVaultCredential;
    if (url) window.location.assign(url);
    else
      outcomeOf(credential.id, {
        action: 'connect',
        pending: false,
        message: result.error ? describeError(result.error).message : 'Nothing happened. Try again.',
      });
  }

  return (
    <section>
      <div className="page-header">
        <h1>Vault</h1>
        {canManage && (
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            Add credential
          </button>
        )}
      </div>
      <p className="muted">
        The vault keeps the credentials your integrations use to call other services — a partner’s API key, an OAuth 2.0 client, a bearer
        token, a user name and password, or custom headers. Values are stored sealed and never shown again after saving; integrations
        holding the scope <code>keyward:vault.use</code> get ready-to-send authorization, with OAuth 2.0 access tokens renewed for them.
      </p>
      {error && <ErrorMessage error={error} />}
      {connected && (
        <p className="success-message" role="status">
          “{connected.name}” is connected: Keyward holds its tokens from the provider and renews them.
        </p>
      )}
      {!fetching && !error && credentials.length === 0 ? (
        <div className="notice">
          <p>There are no credentials in the vault yet.</p>
          <p className="muted">
            {canManage
              ? 'Add one for each service your integrations call: Keyward keeps its value sealed, tests it against the service, and hands out its authorization to the integrations allowed to use it.'
              : 'Someone with the Vault Manage Credentials permission can add them.'}
          </p>
        </div>
      ) : (
        <TableScroll label="Vault credentials">
          <table className="table" aria-label="Vault credentials">
            <TableHead columns={columns} sort={sort} onSort={setSort} />
            <tbody>
              {credentials.map((credential) => (
                <CredentialRows
                  key={credential.id}
                  credential={credential}
                  columns={columns.length}
                  canManage={canManage}
                  outcome={outcomes[credential.id]}
                  onTest={() => handleTest(credential)}
                  onRenew={() => handleRenew(credential)}
                  onConnect={() => handleConnect(credential)}
                  onEdit={() => setEditing(credential)}
                  onDelete={() => setDeleting(credential)}
                />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {editing && <VaultCredentialDialog credential={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmMutationDialog
          mutation={DeleteVaultCredentialMutation}
          variables={{ id: deleting.id }}
          context={vaultContext}
          title={`Delete ${deleting.name}`}
          message={`Delete the vault credential “${deleting.name}” (${deleting.hint})? Integrations that use it get no authorization from it from now on. Its value is gone for good.`}
          confirmLabel="Delete"
          focusAfterDone={() => document.querySelector<HTMLElement>('main h1')}
          onDone={() => setDeleting(null)}
          onCancel={() => setDeleting(null)}
        />
      )}
    </section>
  );
}

function CredentialRows({
  credential,
  columns,
  canManage,
  outcome,
  onTest,
  onRenew,
  onConnect,
  onEdit,
  onDelete,
}: {
  credential: VaultCredential;
  columns: number;
  canManage: boolean;
  outcome: RowOutcome | undefined;
  onTest: () => void;
  onRenew: () => void;
  onConnect: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const status = STATUS_BADGES[credential.status];
  const expiry = expiryOf(credential);
  const busy =
    outcome?.action === 'test'
      ? outcome.test.state === 'testing'
      : outcome?.action === 'renew'
        ? outcome.message === 'Renewing…'
        : outcome?.action === 'connect' && outcome.pending;
  return (
    <>
      <tr>
        <td>
          {credential.name}
          {credential.description && <div className="muted small">{credential.description}</div>}
        </td>
        <td>
          {vaultTypeLabel(credential.type)}
          {credential.settings.grant === 'AUTHORIZATION_CODE' && <div className="muted small">Authorization code</div>}
        </td>
        <td>
          <code>{credential.hint}</code>
        </td>
        <td>
          <span className={status.className} title={status.title}>
            {status.label}
          </span>
          {credential.lastRenewalError && <div className="muted small">{credential.lastRenewalError}</div>}
        </td>
        <td>{credential.lastUsedAt ? <Time iso={credential.lastUsedAt} /> : <span className="muted">Never</span>}</td>
        <td>
          {credential.lastRenewedAt ? (
            <Time iso={credential.lastRenewedAt} />
          ) : (
            <span className="muted">{credential.type === 'OAUTH2' ? 'Never' : 'Does not renew'}</span>
          )}
        </td>
        <td>
          {expiry ? (
            <>
              <Time iso={expiry} as="utcDay" className="nowrap" />
              <div>
                <ExpiryBadge expiresAt={expiry} />
              </div>
            </>
          ) : (
            <span className="muted">Does not expire</span>
          )}
        </td>
        {canManage && (
          <td>
            <div className="row-actions vault-actions">
              <button type="button" className="button button-small" onClick={onTest} disabled={busy} aria-label={`Test ${credential.name}`}>
                Test
              </button>
              {credential.type === 'OAUTH2' && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={onRenew}
                  disabled={busy}
                  aria-label={`Renew now ${credential.name}`}
                >
                  Renew now
                </button>
              )}
              {credential.settings.grant === 'AUTHORIZATION_CODE' && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={onConnect}
                  disabled={busy}
                  aria-label={`Connect ${credential.name}`}
                >
                  Connect
                </button>
              )}
              <button type="button" className="button button-small" onClick={onEdit} aria-label={`Edit ${credential.name}`}>
                Edit
              </button>
              <button
                type="button"
                className="button button-small button-danger"
                onClick={onDelete}
                aria-label={`Delete ${credential.name}`}
              >
                Delete
              </button>
            </div>
          </td>
        )}
      </tr>
      {outcome && (
        <tr>
          <td colSpan={columns} className="vault-outcome-cell">
            {outcome.action === 'test' ? (
              <TestOutcome test={outcome.test} label={`Test of ${credential.name}`} />
            ) : outcome.action === 'connect' ? (
              <div role="status" aria-label={`Connecting ${credential.name}`}>
                {outcome.message}
              </div>
            ) : (
              <div role="status" aria-label={`Renewal of ${credential.name}`} className={outcome.done ? 'success-message' : undefined}>
                {outcome.message}
                {outcome.until && (
                  <>
                    {' '}
                    until <Time iso={outcome.until} />
                  </>
                )}
                {outcome.done && '.'}
              </div>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
