import { useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ConfirmMutationDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { describeError } from '../../components/errors';
import { TableHead } from '../../components/PagedTable';
import { useViewer } from '../../components/PermissionGate';
import { type Column, type SortState, sortRows } from '../../components/sorting';
import { TableScroll } from '../../components/TableScroll';
import { Time } from '../../components/Time';
import type { SecurityUserFragment } from '../../gql/graphql';
import { accessChangeContext, accessListContext, DisableUserMutation, EnableUserMutation, SecurityUsersQuery } from './queries';
import { AddUserDialog, EditUserDialog } from './UserDialogs';

type SortKey = 'name' | 'email' | 'createdAt' | 'lastSignInAt';
const COLUMNS: Column<SortKey>[] = [
  { label: 'Name', sortKey: 'name' },
  { label: 'Email', sortKey: 'email' },
  'Teams',
  'Status',
  { label: 'Created', sortKey: 'createdAt', firstDirection: 'descending' },
  { label: 'Last sign-in', sortKey: 'lastSignInAt', firstDirection: 'descending' },
  'Actions',
];

type OpenDialog = { kind: 'add' } | { kind: 'edit'; user: SecurityUserFragment } | { kind: 'disable'; user: SecurityUserFragment } | null;

/** The tenant's users: who they are, their teams, whether they can sign in. */
export function UsersSection() {
  const headingId = useId();
  const [{ data, error, fetching }] = useQuery({ query: SecurityUsersQuery, context: accessListContext });
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [enableError, setEnableError] = useState<string>();
  const [sort, setSort] = useState<SortState<SortKey> | null>(null);
  const users = sortRows(data?.users ?? [], sort, (user, key) => user[key]);

  return (
    <section className="page-section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>Users</h2>
        <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'add' })}>
          Add user
        </button>
      </div>
      <p className="muted">
        People who sign in to Keyward. A user holds the permissions of all their teams. A new user gets a temporary password, shown once,
        and chooses their own when they first sign in.
      </p>
      {error && <ErrorMessage error={error} />}
      <ErrorMessage message={enableError} />
      <TableScroll label="Users">
        <table className="table" aria-label="Users">
          <TableHead columns={COLUMNS} sort={sort} onSort={setSort} />
          <tbody>
            {!data && fetching && (
              <tr>
                <td colSpan={COLUMNS.length} className="muted">
                  Loading…
                </td>
              </tr>
            )}
            {users.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                onEdit={() => setDialog({ kind: 'edit', user })}
                onDisable={() => setDialog({ kind: 'disable', user })}
                onEnableError={setEnableError}
              />
            ))}
          </tbody>
        </table>
      </TableScroll>
      {dialog?.kind === 'add' && <AddUserDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <EditUserDialog user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'disable' && <DisableUserDialog user={dialog.user} onClose={() => setDialog(null)} />}
    </section>
  );
}

function UserRow({
  user,
  onEdit,
  onDisable,
  onEnableError,
}: {
  user: SecurityUserFragment;
  onEdit: () => void;
  onDisable: () => void;
  onEnableError: (message: string | undefined) => void;
}) {
  const viewer = useViewer();
  const [{ fetching: enabling }, enableUser] = useMutation(EnableUserMutation);
  const isViewer = viewer.user?.id === user.id;
  const active = user.status === 'ACTIVE';

  async function handleEnable() {
    onEnableError(undefined);
    const result = await enableUser({ id: user.id }, accessChangeContext);
    if (result.error) onEnableError(describeError(result.error).message);
  }

  return (
    <tr>
      <td>
        {user.name}
        {isViewer && <span className="muted small"> (you)</span>}
      </td>
      <td>{user.email}</td>
      <td>
        {user.teams.length > 0 ? (
          <ul className="tag-list">
            {user.teams.map((team) => (
              <li key={team.id} className="tag">
                {team.name}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">No team</span>
        )}
      </td>
      <td>
        <span className={active ? 'badge badge-ok' : 'badge badge-off'}>{active ? 'Active' : 'Disabled'}</span>
        {user.mustChangePassword && <div className="muted small">Must change password</div>}
      </td>
      <td>
        <Time iso={user.createdAt} className="nowrap" />
      </td>
      <td>{user.lastSignInAt ? <Time iso={user.lastSignInAt} /> : <span className="muted">Never</span>}</td>
      <td>
        <span className="row-actions">
          <button type="button" className="button button-small" aria-label={`Edit ${user.email}`} onClick={onEdit}>
            Edit
          </button>
          {/* The API refuses to disable yourself, so the button is not offered. */}
          {active && !isViewer && (
            <button
              type="button"
              className="button button-small button-danger-quiet"
              aria-label={`Disable ${user.email}`}
              onClick={onDisable}
            >
              Disable
            </button>
          )}
          {!active && (
            <button
              type="button"
              className="button button-small"
              aria-label={`Enable ${user.email}`}
              disabled={enabling}
              onClick={handleEnable}
            >
              Enable
            </button>
          )}
        </span>
      </td>
    </tr>
  );
}

function DisableUserDialog({ user, onClose }: { user: SecurityUserFragment; onClose: () => void }) {
  return (
    <ConfirmMutationDialog
      mutation={DisableUserMutation}
      variables={{ id: user.id }}
      context={accessChangeContext}
      title="Disable user"
      message={`Disable ${user.name} (${user.email})? Their sessions end at once and they cannot sign in; their personal API keys are suspended until they are enabled again.`}
      confirmLabel="Disable"
      onDone={onClose}
      onCancel={onClose}
    />
  );
}
