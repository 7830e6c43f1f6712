import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ConfirmMutationDialog } from '../../components/ConfirmDialog';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { daysUntil, ExpiryBadge } from '../../components/ExpiryBadge';
import { type ApiError, describeError } from '../../components/errors';
import { Field, fieldDescription } from '../../components/Field';
import { formatUtcDay } from '../../components/format';
import { errorPlacement, useFocusOnError } from '../../components/formErrors';
import { TableHead } from '../../components/PagedTable';
import { useViewer } from '../../components/PermissionGate';
import { SecretReveal } from '../../components/SecretReveal';
import { type Column, type SortState, sortRows } from '../../components/sorting';
import { TableScroll } from '../../components/TableScroll';
import { Time } from '../../components/Time';
import type { MyApiKeysQuery as MyApiKeys, Permission, PersonalApiKeyStatus } from '../../gql/graphql';
import { ExpiresField } from '../credentials/ExpiresField';
import { expiresAtOf, expiryDayProblem, expiryRange } from '../credentials/expiryDate';
import { CheckboxGroup } from '../security/CheckboxGroup';
import { PERMISSIONS, permissionLabel, sortPermissions } from '../security/permissions';
import { EXPIRY_WARNING_DAYS, expiringKeys } from './expiringKeys';
import {
  apiKeyContext,
  CreatePersonalApiKeyMutation,
  MyApiKeysQuery,
  RegeneratePersonalApiKeyMutation,
  RevokePersonalApiKeyMutation,
} from './queries';

type ApiKey = MyApiKeys['myApiKeys'][number];

const FIELD_CONTROL_IDS: Record<string, string> = {
  name: 'apikey-name',
  expiresAt: 'apikey-expires',
  permissions: 'apikey-permissions',
};

/** Keys live at most a year, and no longer than the tenant lets a credential live (docs/limits.md#personal-api-key-limits). */
const MAX_KEY_LIFETIME_DAYS = 365;
/** A key gets this one only when it is ticked (docs/permissions.md#personal-api-key-permissions); the others the owner holds are ticked to start with. */
const CHOSEN_ONLY: Permission = 'SECURITY_ADMINISTRATION';
type SortKey = 'name' | 'createdAt' | 'expiresAt' | 'lastUsedAt';
const COLUMNS: Column<SortKey>[] = [
  { label: 'Name', sortKey: 'name' },
  'Key',
  'Permissions',
  { label: 'Created', sortKey: 'createdAt', firstDirection: 'descending' },
  { label: 'Expires', sortKey: 'expiresAt' },
  { label: 'Last used', sortKey: 'lastUsedAt', firstDirection: 'descending' },
  'Status',
  '',
];
const STATUS_BADGES: Record<PersonalApiKeyStatus, { label: string; className: string; title: string }> = {
  VALID: { label: 'Valid', className: 'badge badge-ok', title: 'Works as a Bearer token, with your current permissions.' },
  SUSPENDED: {
    label: 'Suspended',
    className: 'badge badge-warning',
    title: 'Your account is disabled; the key works again once it is enabled.',
  },
  EXPIRED: { label: 'Expired', className: 'badge badge-danger', title: 'Past its expiry; it no longer works. Create a new key.' },
  REVOKED: { label: 'Revoked', className: 'badge badge-off', title: 'Revoked; it never works again.' },
};

/** The signed-in user's own personal API keys: create (shown once), regenerate, revoke. */
export function MyApiKeysPage() {
  // The menu's badge loads the same query on every page: opening this page asks again, for last use and status now.
  const [{ data, error, fetching }] = useQuery({ query: MyApiKeysQuery, context: apiKeyContext, requestPolicy: 'cache-and-network' });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [regenerating, setRegenerating] = useState<ApiKey | null>(null);
  const [sort, setSort] = useState<SortState<SortKey> | null>(null);
  const keys = sortRows(data?.myApiKeys ?? [], sort, (key, column) => key[column]);
  const maxLifetimeDays = Math.min(MAX_KEY_LIFETIME_DAYS, data?.viewer.tenant.maxCredentialLifetimeDays ?? MAX_KEY_LIFETIME_DAYS);

  return (
    <section>
      <div className="page-header">
        <h1>My API keys</h1>
        <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
          Create API key
        </button>
      </div>
      <p className="muted">
        A personal API key acts as you, with the permissions you choose for it (as far as you still hold them at the time of each request),
        when sent as <code>Authorization: Bearer &lt;key&gt;</code> to <code>/graphql</code>. Changes made with it are audited as you “via
        API key &lt;name&gt;”. If your account is disabled, your keys stop working until it is enabled again.
      </p>
      {error && <ErrorMessage error={error} />}
      <ExpiringKeysNotice keys={keys} />
      <TableScroll label="My API keys">
        <table className="table" aria-label="My API keys">
          <TableHead columns={COLUMNS} sort={sort} onSort={setSort} />
          <tbody>
            {keys.map((key) => (
              <ApiKeyRow key={key.id} apiKey={key} onRevoke={() => setRevoking(key)} onRegenerate={() => setRegenerating(key)} />
            ))}
            {!fetching && !error && keys.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} className="muted">
                  You have no API keys yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
      {creating && <CreateApiKeyDialog maxLifetimeDays={maxLifetimeDays} onClose={() => setCreating(false)} />}
      {revoking && <RevokeApiKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} />}
      {regenerating && <RegenerateApiKeyDialog apiKey={regenerating} onClose={() => setRegenerating(null)} />}
    </section>
  );
}

function ApiKeyRow({ apiKey, onRevoke, onRegenerate }: { apiKey: ApiKey; onRevoke: () => void; onRegenerate: () => void }) {
  return (
    <tr>
      <td>{apiKey.name}</td>
      <td>
        <code>{apiKey.hint}</code>
      </td>
      <td>
        <KeyPermissions permissions={apiKey.permissions} />
      </td>
      <td>
        <Time iso={apiKey.createdAt} />
      </td>
      <td>
        <Time iso={apiKey.expiresAt} as="utcDay" className="nowrap" />
        {apiKey.status !== 'REVOKED' && daysUntil(apiKey.expiresAt) <= EXPIRY_WARNING_DAYS && (
          <div>
            <ExpiryBadge expiresAt={apiKey.expiresAt} />
          </div>
        )}
      </td>
      <td>
        {apiKey.lastUsedAt ? (
          <>
            <Time iso={apiKey.lastUsedAt} />
            {apiKey.lastUsedIp && <span className="muted small"> from {apiKey.lastUsedIp}</span>}
          </>
        ) : (
          <span className="muted">Never</span>
        )}
      </td>
      <td>
        <span className={STATUS_BADGES[apiKey.status].className} title={STATUS_BADGES[apiKey.status].title}>
          {STATUS_BADGES[apiKey.status].label}
        </span>
      </td>
      <td className="row-actions">
        {apiKey.status !== 'REVOKED' && (
          <>
            <button type="button" className="button button-small" onClick={onRegenerate} aria-label={`Regenerate ${apiKey.name}`}>
              Regenerate
            </button>
            <button type="button" className="button button-small button-danger" onClick={onRevoke} aria-label={`Revoke ${apiKey.name}`}>
              Revoke
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

/** "Your API key X expires on …" for each live key that expires within the warning period, soonest first. */
function ExpiringKeysNotice({ keys }: { keys: readonly ApiKey[] }) {
  const expiring = expiringKeys(keys);
  if (expiring.length === 0) return null;
  return (
    <div className="notice" role="status" aria-label="API keys expiring soon">
      {expiring.map((key) => (
        <p key={key.id}>
          Your API key “{key.name}” expires on {formatUtcDay(key.expiresAt)}. Create a new key and switch your scripts to it before then.
        </p>
      ))}
    </div>
  );
}

/** The key's permissions as tags; one its owner no longer holds is struck through, since the key cannot use it now. */
function KeyPermissions({ permissions }: { permissions: readonly Permission[] }) {
  const held = useViewer().permissions;
  if (permissions.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="tag-list">
      {sortPermissions(permissions).map((permission) =>
        held.includes(permission) ? (
          <li key={permission} className="tag" title={permission}>
            {permissionLabel(permission)}
          </li>
        ) : (
          <li key={permission} className="tag" title={`${permission}: you no longer hold it, so the key cannot use it`}>
            <s>{permissionLabel(permission)}</s>
          </li>
        ),
      )}
    </ul>
  );
}

function CreateApiKeyDialog({ maxLifetimeDays, onClose }: { maxLifetimeDays: number; onClose: () => void }) {
  const held = useViewer().permissions;
  const [range] = useState(() => expiryRange(maxLifetimeDays));
  const [options] = useState(() =>
    PERMISSIONS.filter(({ value }) => held.includes(value)).map(({ value, label, allows }) => ({
      value,
      label,
      description: value === CHOSEN_ONLY ? `${allows} Given to a key only when you tick it.` : allows,
    })),
  );
  const [permissions, setPermissions] = useState<Permission[]>(() =>
    options.map(({ value }) => value).filter((value) => value !== CHOSEN_ONLY),
  );
  const [name, setName] = useState('');
  const [expiresOn, setExpiresOn] = useState(range.initial);
  const [error, setError] = useState<ApiError>();
  const [token, setToken] = useState<string | null>(null);
  const [{ fetching }, create] = useMutation(CreatePersonalApiKeyMutation);
  useFocusOnError(error, FIELD_CONTROL_IDS);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fetching) return;
    const expiryProblem = expiryDayProblem(expiresOn, range, maxLifetimeDays);
    if (expiryProblem) {
      setError({ message: expiryProblem, field: 'expiresAt' });
      return;
    }
    setError(undefined);
    const input = { name: name.trim(), expiresAt: expiresAtOf(expiresOn), permissions: sortPermissions(permissions) };
    const result = await create({ input }, apiKeyContext);
    if (result.error || !result.data) {
      setError(result.error ? describeError(result.error) : { message: 'The key was not created. Try again.' });
      return;
    }
    setToken(result.data.createPersonalApiKey.token);
  }

  /** Continue: the value is dropped with the dialog. */
  function finish() {
    setToken(null);
    onClose();
  }

  if (token) {
    return (
      <Dialog open wide title="Create API key" onClosedByBrowser={finish}>
        <p>The API key “{name.trim()}” was created.</p>
        <SecretReveal value={token} label="API key" noun="API key" onContinue={finish} />
      </Dialog>
    );
  }

  const { fieldError, topError } = errorPlacement(error, FIELD_CONTROL_IDS);
  return (
    <Dialog open wide title="Create API key" onCancel={() => !fetching && onClose()}>
      <form onSubmit={handleSubmit} noValidate aria-label="New API key">
        <ErrorMessage message={topError} />
        <Field id="apikey-name" label="Name" help="What the key is for, e.g. “ERP integration”." error={fieldError('name')}>
          <input
            id="apikey-name"
            type="text"
            maxLength={100}
            required
            value={name}
            aria-invalid={fieldError('name') ? true : undefined}
            aria-describedby={fieldDescription('apikey-name', true, fieldError('name'))}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <ExpiresField
          id="apikey-expires"
          value={expiresOn}
          range={range}
          maxLifetimeDays={maxLifetimeDays}
          error={fieldError('expiresAt')}
          onChange={setExpiresOn}
        />
        <CheckboxGroup
          id="apikey-permissions"
          legend="Permissions"
          options={options}
          selected={permissions}
          onChange={setPermissions}
          emptyMessage="You hold no permissions, so a key could do nothing. Ask a security administrator to add you to a team."
          error={fieldError('permissions')}
        />
        <FormDialogActions submitLabel="Create" busy={fetching} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function RevokeApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  return (
    <ConfirmMutationDialog
      mutation={RevokePersonalApiKeyMutation}
      variables={{ id: apiKey.id }}
      context={apiKeyContext}
      title="Revoke API key"
      message={`Revoke “${apiKey.name}” (${apiKey.hint})? It stops working at once, and cannot be used again.`}
      confirmLabel="Revoke"
      onDone={onClose}
      onCancel={onClose}
    />
  );
}

function RegenerateApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const [token, setToken] = useState<string | null>(null);

  function finish() {
    setToken(null);
    onClose();
  }

  if (token) {
    return (
      <Dialog open wide title="Regenerate API key" onClosedByBrowser={finish}>
        <p>“{apiKey.name}” has a new value; the old one no longer works.</p>
        <SecretReveal value={token} label="API key" noun="API key" onContinue={finish} />
      </Dialog>
    );
  }
  return (
    <ConfirmMutationDialog
      mutation={RegeneratePersonalApiKeyMutation}
      variables={{ id: apiKey.id }}
      context={apiKeyContext}
      title="Regenerate API key"
      message={`Give “${apiKey.name}” a new value? The current value (${apiKey.hint}) stops working at once; update every script that uses it.`}
      confirmLabel="Regenerate"
      onDone={(data) => setToken(data.regeneratePersonalApiKey.token)}
      onCancel={onClose}
    />
  );
}
