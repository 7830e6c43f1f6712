import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type ApiError, describeError } from '../../components/errors';
import { Field, fieldDescription } from '../../components/Field';
import { errorPlacement, useFocusOnError } from '../../components/formErrors';
import { SecretReveal } from '../../components/SecretReveal';
import type { SecurityUserFragment } from '../../gql/graphql';
import { CheckboxGroup } from './CheckboxGroup';
import { permissionLabel, sortPermissions } from './permissions';
import { accessChangeContext, accessListContext, CreateUserMutation, SecurityTeamsQuery, UpdateUserMutation } from './queries';

const FIELD_CONTROL_IDS: Record<string, string> = {
  email: 'user-email',
  name: 'user-name',
  teamIds: 'user-teams',
};

/** "Add user": email, name and teams; then the temporary password, shown once. */
export function AddUserDialog({ onClose }: { onClose: () => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [error, setError] = useState<ApiError>();
  const [created, setCreated] = useState<{ name: string; email: string; temporaryPassword: string } | null>(null);
  const [{ fetching }, createUser] = useMutation(CreateUserMutation);
  useFocusOnError(error, FIELD_CONTROL_IDS);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fetching) return;
    setError(undefined);
    const result = await createUser({ input: { email: email.trim(), name: name.trim(), teamIds } }, accessChangeContext);
    if (result.error || !result.data) {
      setError(result.error ? describeError(result.error) : { message: 'The user was not created. Try again.' });
      return;
    }
    const { user, temporaryPassword } = result.data.createUser;
    setCreated({ name: user.name, email: user.email, temporaryPassword });
  }

  /** Continue: the password is dropped with the dialog. */
  function finish() {
    setCreated(null);
    onClose();
  }

  if (created) {
    return (
      <Dialog open wide title="Add user" onClosedByBrowser={finish}>
        <p>
          {created.name} ({created.email}) was added. Give them this temporary password through a safe channel; they choose their own
          password when they first sign in.
        </p>
        <SecretReveal value={created.temporaryPassword} label="Temporary password" noun="temporary password" onContinue={finish} />
      </Dialog>
    );
  }

  const { fieldError, topError } = errorPlacement(error, FIELD_CONTROL_IDS);
  return (
    <Dialog open wide title="Add user" onCancel={() => !fetching && onClose()}>
      <form onSubmit={handleSubmit} noValidate aria-label="New user">
        <ErrorMessage message={topError} />
        <Field id="user-email" label="Email" help="The address they sign in with." error={fieldError('email')}>
          <input
            id="user-email"
            type="email"
            autoComplete="off"
            required
            value={email}
            aria-invalid={fieldError('email') ? true : undefined}
            aria-describedby={fieldDescription('user-email', true, fieldError('email'))}
            onChange={(event) => setEmail(event.target.value)}
          />
        </Field>
        <UserNameField value={name} error={fieldError('name')} onChange={setName} />
        <TeamChoices selected={teamIds} error={fieldError('teamIds')} onChange={setTeamIds} />
        <FormDialogActions submitLabel="Add user" busy={fetching} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** "Edit user": name and teams; the email never changes. */
export function EditUserDialog({ user, onClose }: { user: SecurityUserFragment; onClose: () => void }) {
  const [name, setName] = useState(user.name);
  const [teamIds, setTeamIds] = useState(() => user.teams.map((team) => team.id));
  const [error, setError] = useState<ApiError>();
  const [{ fetching }, updateUser] = useMutation(UpdateUserMutation);
  useFocusOnError(error, FIELD_CONTROL_IDS);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fetching) return;
    setError(undefined);
    const result = await updateUser({ id: user.id, input: { name: name.trim(), teamIds } }, accessChangeContext);
    if (result.error) setError(describeError(result.error));
    else onClose();
  }

  const { fieldError, topError } = errorPlacement(error, FIELD_CONTROL_IDS);
  return (
    <Dialog open wide title="Edit user" onCancel={() => !fetching && onClose()}>
      <form onSubmit={handleSubmit} noValidate aria-label={`User ${user.email}`}>
        <ErrorMessage message={topError} />
        <Field id="user-email" label="Email" help="The address they sign in with; it does not change.">
          <input id="user-email" type="email" readOnly value={user.email} aria-describedby="user-email-help" />
        </Field>
        <UserNameField value={name} error={fieldError('name')} onChange={setName} />
        <TeamChoices selected={teamIds} error={fieldError('teamIds')} onChange={setTeamIds} />
        <FormDialogActions submitLabel="Save changes" busy={fetching} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function UserNameField({ value, error, onChange }: { value: string; error?: string; onChange: (name: string) => void }) {
  return (
    <Field id="user-name" label="Name" error={error}>
      <input
        id="user-name"
        type="text"
        maxLength={100}
        required
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={fieldDescription('user-name', undefined, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );
}

/** One checkbox per team of the tenant, with the permissions it grants as its description. */
function TeamChoices({ selected, error, onChange }: { selected: string[]; error?: string; onChange: (teamIds: string[]) => void }) {
  const [{ data, error: loadError }] = useQuery({ query: SecurityTeamsQuery, context: accessListContext });
  const options = (data?.teams ?? []).map((team) => ({
    value: team.id,
    label: team.name,
    description: team.permissions.length === 0 ? 'No permissions' : sortPermissions(team.permissions).map(permissionLabel).join(', '),
  }));
  return (
    <>
      {loadError && <ErrorMessage error={loadError} />}
      <CheckboxGroup
        id="user-teams"
        legend="Teams"
        options={options}
        selected={selected}
        onChange={onChange}
        emptyMessage={data ? 'This tenant has no teams yet: add one under Teams first.' : undefined}
        error={error}
      />
    </>
  );
}
