import { useId, useState } from 'react';
import { useQuery } from 'urql';
import { ConfirmMutationDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TableHead } from '../../components/PagedTable';
import { TableScroll } from '../../components/TableScroll';
import { Time } from '../../components/Time';
import type { SecurityTeamFragment } from '../../gql/graphql';
import { permissionLabel, sortPermissions } from './permissions';
import { accessChangeContext, accessListContext, DeleteTeamMutation, SecurityTeamsQuery } from './queries';
import { TeamDialog } from './TeamDialog';

const COLUMNS = ['Name', 'Permissions', 'Members', 'Created', 'Actions'];

type OpenDialog = { kind: 'add' } | { kind: 'edit'; team: SecurityTeamFragment } | { kind: 'delete'; team: SecurityTeamFragment } | null;

/** The tenant's teams and the permissions each grants its members. */
export function TeamsSection() {
  const headingId = useId();
  const [{ data, error, fetching }] = useQuery({ query: SecurityTeamsQuery, context: accessListContext });
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const teams = data?.teams ?? [];

  return (
    <section className="page-section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>Teams</h2>
        <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'add' })}>
          Add team
        </button>
      </div>
      <p className="muted">
        A team is a named set of permissions. Members hold a change to their team's permissions from their next request.
      </p>
      {error && <ErrorMessage error={error} />}
      <TableScroll label="Teams">
        <table className="table" aria-label="Teams">
          <TableHead columns={COLUMNS} />
          <tbody>
            {!data && fetching && (
              <tr>
                <td colSpan={COLUMNS.length} className="muted">
                  Loading…
                </td>
              </tr>
            )}
            {data && teams.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} className="muted">
                  There are no teams yet.
                </td>
              </tr>
            )}
            {teams.map((team) => (
              <TeamRow
                key={team.id}
                team={team}
                onEdit={() => setDialog({ kind: 'edit', team })}
                onDelete={() => setDialog({ kind: 'delete', team })}
              />
            ))}
          </tbody>
        </table>
      </TableScroll>
      {dialog?.kind === 'add' && <TeamDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <TeamDialog team={dialog.team} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'delete' && <DeleteTeamDialog team={dialog.team} onClose={() => setDialog(null)} />}
    </section>
  );
}

function TeamRow({ team, onEdit, onDelete }: { team: SecurityTeamFragment; onEdit: () => void; onDelete: () => void }) {
  return (
    <tr>
      <td>{team.name}</td>
      <td>
        {team.permissions.length > 0 ? (
          <ul className="tag-list">
            {sortPermissions(team.permissions).map((permission) => (
              <li key={permission} className="tag" title={permission}>
                {permissionLabel(permission)}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">None</span>
        )}
      </td>
      <td>
        {team.members.length > 0 ? (
          <span className="nowrap" title={team.members.map((member) => member.name).join(', ')}>
            {team.members.length === 1 ? '1 member' : `${team.members.length} members`}
          </span>
        ) : (
          <span className="muted">No members</span>
        )}
      </td>
      <td>
        <Time iso={team.createdAt} className="nowrap" />
      </td>
      <td>
        <span className="row-actions">
          <button type="button" className="button button-small" aria-label={`Edit team ${team.name}`} onClick={onEdit}>
            Edit
          </button>
          <button
            type="button"
            className="button button-small button-danger-quiet"
            aria-label={`Delete team ${team.name}`}
            onClick={onDelete}
          >
            Delete
          </button>
        </span>
      </td>
    </tr>
  );
}

function DeleteTeamDialog({ team, onClose }: { team: SecurityTeamFragment; onClose: () => void }) {
  return (
    <ConfirmMutationDialog
      mutation={DeleteTeamMutation}
      variables={{ id: team.id }}
      context={accessChangeContext}
      title="Delete team"
      message={`Delete the team “${team.name}”? ${membersLosing(team.members.length)}`}
      confirmLabel="Delete"
      onDone={onClose}
      onCancel={onClose}
    />
  );
}

function membersLosing(count: number): string {
  if (count === 0) return 'It has no members.';
  if (count === 1) return 'Its member loses the permissions it grants at once; their account stays.';
  return `Its ${count} members lose the permissions it grants at once; their accounts stay.`;
}
