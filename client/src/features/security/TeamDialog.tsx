import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type ApiError, describeError } from '../../components/errors';
import { Field, fieldDescription } from '../../components/Field';
import { errorPlacement, useFocusOnError } from '../../components/formErrors';
import type { Permission, SecurityTeamFragment } from '../../gql/graphql';
import { CheckboxGroup } from './CheckboxGroup';
import { PERMISSIONS } from './permissions';
import { accessChangeContext, CreateTeamMutation, UpdateTeamMutation } from './queries';

const FIELD_CONTROL_IDS: Record<string, string> = {
  name: 'team-name',
  permissions: 'team-permissions',
};

const PERMISSION_OPTIONS = PERMISSIONS.map(({ value, label, allows }) => ({ value, label, description: allows }));

/** "Add team" without `team`, "Edit team" with it: a name and one checkbox per permission. */
export function TeamDialog({ team, onClose }: { team?: SecurityTeamFragment; onClose: () => void }) {
  const [name, setName] = useState(team?.name ?? '');
  const [permissions, setPermissions] = useState<Permission[]>(() => [...(team?.permissions ?? [])]);
  const [error, setError] = useState<ApiError>();
  const [{ fetching: creating }, createTeam] = useMutation(CreateTeamMutation);
  const [{ fetching: updating }, updateTeam] = useMutation(UpdateTeamMutation);
  const fetching = creating || updating;
  useFocusOnError(error, FIELD_CONTROL_IDS);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fetching) return;
    setError(undefined);
    const input = { name: name.trim(), permissions };
    const result = team ? await updateTeam({ id: team.id, input }, accessChangeContext) : await createTeam({ input }, accessChangeContext);
    if (result.error) setError(describeError(result.error));
    else onClose();
  }

  const title = team ? 'Edit team' : 'Add team';
  const { fieldError, topError } = errorPlacement(error, FIELD_CONTROL_IDS);
  return (
    <Dialog open wide title={title} onCancel={() => !fetching && onClose()}>
      <form onSubmit={handleSubmit} noValidate aria-label={team ? `Team ${team.name}` : 'New team'}>
        <ErrorMessage message={topError} />
        <Field id="team-name" label="Name" help="Unique in this tenant." error={fieldError('name')}>
          <input
            id="team-name"
            type="text"
            maxLength={100}
            required
            value={name}
            aria-invalid={fieldError('name') ? true : undefined}
            aria-describedby={fieldDescription('team-name', true, fieldError('name'))}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <CheckboxGroup
          id="team-permissions"
          legend="Permissions"
          options={PERMISSION_OPTIONS}
          selected={permissions}
          onChange={setPermissions}
          error={fieldError('permissions')}
        />
        <FormDialogActions submitLabel={team ? 'Save changes' : 'Add team'} busy={fetching} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
