import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type ApiError, describeError } from '../../components/errors';
import { Field, fieldDescription } from '../../components/Field';
import { errorPlacement, useFocusOnError } from '../../components/formErrors';
import type { ApiResourceDetailsFragment } from '../../gql/graphql';
import { CreateScopeMutation, catalogChangeContext, UpdateScopeMutation } from './queries';

type Scope = ApiResourceDetailsFragment['scopes'][number];

const FIELD_CONTROL_IDS: Record<string, string> = {
  name: 'scope-name',
  description: 'scope-description',
};

/** "Add scope" to `api`, or "Edit scope" of `scope`: only its description can change once it exists. */
export function ScopeDialog(props: { api: ApiResourceDetailsFragment; onClose: () => void } | { scope: Scope; onClose: () => void }) {
  const scope = 'scope' in props ? props.scope : undefined;
  const { onClose } = props;
  const [name, setName] = useState(scope?.name ?? '');
  const [description, setDescription] = useState(scope?.description ?? '');
  const [error, setError] = useState<ApiError>();
  const [{ fetching: creating }, createScope] = useMutation(CreateScopeMutation);
  const [{ fetching: updating }, updateScope] = useMutation(UpdateScopeMutation);
  const fetching = creating || updating;
  useFocusOnError(error, FIELD_CONTROL_IDS);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fetching) return;
    setError(undefined);
    const text = description.trim() || null;
    const result =
      'api' in props
        ? await createScope({ apiResourceId: props.api.id, input: { name: name.trim(), description: text } }, catalogChangeContext)
        : await updateScope({ id: props.scope.id, input: { description: text } }, catalogChangeContext);
    if (result.error) setError(describeError(result.error));
    else onClose();
  }

  const { fieldError, topError } = errorPlacement(error, FIELD_CONTROL_IDS);
  return (
    <Dialog open wide title={scope ? 'Edit scope' : 'Add scope'} onCancel={() => !fetching && onClose()}>
      <form onSubmit={handleSubmit} noValidate aria-label={scope ? `Scope ${scope.name}` : 'New scope'}>
        {'api' in props && <p>A new scope of {props.api.name}.</p>}
        <ErrorMessage message={topError} />
        <Field
          id="scope-name"
          label="Name"
          help={
            scope
              ? 'The name never changes: API clients and their tokens refer to it.'
              : 'An OAuth scope token without spaces, e.g. orders:read; unique in this tenant. It never changes once created.'
          }
          error={fieldError('name')}
        >
          <input
            id="scope-name"
            type="text"
            autoComplete="off"
            spellCheck={false}
            readOnly={Boolean(scope)}
            required
            value={name}
            aria-invalid={fieldError('name') ? true : undefined}
            aria-describedby={fieldDescription('scope-name', true, fieldError('name'))}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Field id="scope-description" label="Description" help="Optional, at most 300 characters." error={fieldError('description')}>
          <input
            id="scope-description"
            type="text"
            maxLength={300}
            value={description}
            aria-invalid={fieldError('description') ? true : undefined}
            aria-describedby={fieldDescription('scope-description', true, fieldError('description'))}
            onChange={(event) => setDescription(event.target.value)}
          />
        </Field>
        <FormDialogActions submitLabel={scope ? 'Save changes' : 'Add scope'} busy={fetching} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
