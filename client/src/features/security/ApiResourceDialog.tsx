import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type ApiError, describeError } from '../../components/errors';
import { Field, fieldDescription } from '../../components/Field';
import { errorPlacement, useFocusOnError } from '../../components/formErrors';
import type { ApiResourceDetailsFragment } from '../../gql/graphql';
import { CreateApiResourceMutation, catalogChangeContext, UpdateApiResourceMutation } from './queries';

const FIELD_CONTROL_IDS: Record<string, string> = {
  name: 'api-name',
  audience: 'api-audience',
  description: 'api-description',
};

/** "Add API" without `api`, "Edit API" with it: name, audience and description. */
export function ApiResourceDialog({ api, onClose }: { api?: ApiResourceDetailsFragment; onClose: () => void }) {
  const [name, setName] = useState(api?.name ?? '');
  const [audience, setAudience] = useState(api?.audience ?? '');
  const [description, setDescription] = useState(api?.description ?? '');
  const [error, setError] = useState<ApiError>();
  const [{ fetching: creating }, createApiResource] = useMutation(CreateApiResourceMutation);
  const [{ fetching: updating }, updateApiResource] = useMutation(UpdateApiResourceMutation);
  const fetching = creating || updating;
  useFocusOnError(error, FIELD_CONTROL_IDS);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fetching) return;
    setError(undefined);
    const fields = { name: name.trim(), description: description.trim() || null };
    const result = api
      ? await updateApiResource(
          // The audience is sent only when it changed: the API refuses a change while clients hold the scopes.
          { id: api.id, input: { ...fields, ...(audience.trim() !== api.audience ? { audience: audience.trim() } : {}) } },
          catalogChangeContext,
        )
      : await createApiResource({ input: { ...fields, audience: audience.trim() } }, catalogChangeContext);
    if (result.error) setError(describeError(result.error));
    else onClose();
  }

  const { fieldError, topError } = errorPlacement(error, FIELD_CONTROL_IDS);
  return (
    <Dialog open wide title={api ? 'Edit API' : 'Add API'} onCancel={() => !fetching && onClose()}>
      <form onSubmit={handleSubmit} noValidate aria-label={api ? `API ${api.name}` : 'New API'}>
        <ErrorMessage message={topError} />
        <Field id="api-name" label="Name" help="Unique in this tenant, e.g. “Orders API”." error={fieldError('name')}>
          <input
            id="api-name"
            type="text"
            maxLength={100}
            required
            value={name}
            aria-invalid={fieldError('name') ? true : undefined}
            aria-describedby={fieldDescription('api-name', true, fieldError('name'))}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Field
          id="api-audience"
          label="Audience"
          help={
            api
              ? 'The absolute URI access tokens carry in aud. It can change only while no API client holds this API’s scopes.'
              : 'The absolute URI access tokens carry in aud, e.g. https://orders.example.com; unique in this tenant.'
          }
          error={fieldError('audience')}
        >
          <input
            id="api-audience"
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            required
            value={audience}
            aria-invalid={fieldError('audience') ? true : undefined}
            aria-describedby={fieldDescription('api-audience', true, fieldError('audience'))}
            onChange={(event) => setAudience(event.target.value)}
          />
        </Field>
        <Field id="api-description" label="Description" help="Optional, at most 500 characters." error={fieldError('description')}>
          <textarea
            id="api-description"
            rows={3}
            maxLength={500}
            value={description}
            aria-invalid={fieldError('description') ? true : undefined}
            aria-describedby={fieldDescription('api-description', true, fieldError('description'))}
            onChange={(event) => setDescription(event.target.value)}
          />
        </Field>
        <FormDialogActions submitLabel={api ? 'Save changes' : 'Add API'} busy={fetching} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
