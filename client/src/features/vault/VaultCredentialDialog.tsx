import { type FormEvent, useMemo, useState } from 'react';
import { useMutation } from 'urql';
import { ChipsInput } from '../../components/ChipsInput';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type ApiError, describeError } from '../../components/errors';
import { Field, fieldDescription } from '../../components/Field';
import { errorPlacement, useFocusOnError } from '../../components/formErrors';
import { useViewer } from '../../components/PermissionGate';
import type { VaultCredentialType } from '../../gql/graphql';
import { VAULT_TYPES, vaultTypeLabel } from './labels';
import { CreateVaultCredentialMutation, TestVaultCredentialDraftMutation, UpdateVaultCredentialMutation, vaultContext } from './queries';
import { TestOutcome, type TestState } from './TestOutcome';
import {
  ApiKeyFields,
  BasicAuthFields,
  BearerTokenFields,
  CustomHeadersFields,
  OAuth2Fields,
  TextField,
  type TypeFieldsProps,
  vaultControlIds,
} from './VaultTypeFields';
import { newVaultValues, placedOnPaths, type VaultCredential, type VaultFormValues, vaultInputOf, vaultValuesOf } from './vaultInput';

const TYPE_FIELDS: Record<VaultCredentialType, (props: TypeFieldsProps) => React.JSX.Element> = {
  API_KEY: ApiKeyFields,
  OAUTH2: OAuth2Fields,
  BEARER_TOKEN: BearerTokenFields,
  BASIC_AUTH: BasicAuthFields,
  CUSTOM_HEADERS: CustomHeadersFields,
};

/**
 * Add (no `credential`) or Edit a vault credential. The fields follow its type, which cannot change on Edit; secrets are
 * write-only, so on Edit their inputs start empty and a blank one keeps the stored value. Test tries the values as
 * they are in the form, before anything is saved.
 */
export function VaultCredentialDialog({ credential, onClose }: { credential: VaultCredential | null; onClose: () => void }) {
  const viewer = useViewer();
  const [initial] = useState(() => (credential ? vaultValuesOf(credential) : newVaultValues(viewer.user?.email ?? '')));
  const [values, setValues] = useState<VaultFormValues>(initial);
  const [error, setError] = useState<ApiError>();
  const [test, setTest] = useState<TestState>({ state: 'idle' });
  const [{ fetching: creating }, create] = useMutation(CreateVaultCredentialMutation);
  const [{ fetching: updating }, update] = useMutation(UpdateVaultCredentialMutation);
  const [{ fetching: testing }, testDraft] = useMutation(TestVaultCredentialDraftMutation);
  const busy = creating || updating;
  const controlIds = useMemo(() => vaultControlIds(values.customHeaders.length), [values.customHeaders.length]);
  const placedError = useMemo(() => placedOnPaths(error, controlIds), [error, controlIds]);
  useFocusOnError(placedError, controlIds);
  const { fieldError, invalidItems, topError } = errorPlacement(placedError, controlIds);
  const editing = credential ? { hint: credential.hint, headerNames: credential.settings.headerNames ?? [] } : null;
  const title = credential ? `Edit ${credential.name}` : 'Add vault credential';

  function inputNow() {
    return vaultInputOf(values, credential ? initial : undefined);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setError(undefined);
    const result = credential
      ? await update({ id: credential.id, input: inputNow() }, vaultContext)
      : await create({ input: inputNow() }, vaultContext);
    if (result.error || !result.data) {
      setError(result.error ? describeError(result.error) : { message: 'The credential was not saved. Try again.' });
      return;
    }
    onClose();
  }

  async function handleTest() {
    if (testing) return;
    setError(undefined);
    setTest({ state: 'testing' });
    const result = await testDraft({ input: inputNow(), id: credential?.id ?? null });
    if (result.error || !result.data) {
      const refused = result.error ? describeError(result.error) : { message: 'Nothing happened. Try again.' };
      // A field the API refused is shown on that field, as on save; the region says the test did not run.
      setError(refused);
      setTest({ state: 'refused', message: refused.message });
      return;
    }
    setTest({ state: 'done', result: result.data.testVaultCredentialDraft });
  }

  const set = (patch: Partial<VaultFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const TypeFields = TYPE_FIELDS[values.type];
  const typeHelp = VAULT_TYPES.find((t) => t.value === values.type)?.description;

  return (
    <Dialog open wide title={title} onCancel={() => !busy && onClose()}>
      <form onSubmit={handleSubmit} noValidate aria-label={credential ? `Edit ${credential.name}` : 'New vault credential'}>
        <ErrorMessage message={topError} />
        {credential ? (
          <dl className="facts">
            <div>
              <dt>Type</dt>
              <dd>{vaultTypeLabel(credential.type)}</dd>
            </div>
            <div>
              <dt>Current value</dt>
              <dd>
                <code>{credential.hint}</code>
              </dd>
            </div>
          </dl>
        ) : (
          <Field id="vault-type" label="Type" help={`${typeHelp} The type cannot change later.`} error={fieldError('type')}>
            <select
              id="vault-type"
              value={values.type}
              aria-describedby={fieldDescription('vault-type', true, fieldError('type'))}
              onChange={(event) => {
                set({ type: event.target.value as VaultCredentialType });
                setTest({ state: 'idle' });
              }}
            >
              {VAULT_TYPES.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </Field>
        )}
        <TextField
          id="vault-name"
          label="Name"
          help="Unique in the tenant, e.g. “Partner orders API”."
          required
          value={values.name}
          error={fieldError('name')}
          onChange={(name) => set({ name })}
        />
        <Field id="vault-description" label="Description" error={fieldError('description')}>
          <textarea
            id="vault-description"
            rows={2}
            value={values.description}
            aria-invalid={fieldError('description') ? true : undefined}
            aria-describedby={fieldDescription('vault-description', false, fieldError('description'))}
            onChange={(event) => set({ description: event.target.value })}
          />
        </Field>
        <TypeFields values={values} onChange={setValues} editing={editing} fieldError={fieldError} />
        <Field
          id="vault-contact-emails"
          label="Contact emails"
          help="At least one address; told when the credential cannot be renewed or is about to expire. Press Enter or comma after each."
          error={fieldError('contactEmails')}
        >
          <ChipsInput
            id="vault-contact-emails"
            inputType="email"
            values={values.contactEmails}
            onChange={(contactEmails) => set({ contactEmails })}
            placeholder="team@example.com"
            invalid={Boolean(fieldError('contactEmails'))}
            invalidValues={invalidItems('contactEmails')}
            describedBy={fieldDescription('vault-contact-emails', true, fieldError('contactEmails'))}
          />
        </Field>
        <TextField
          id="vault-expires"
          label="Expires"
          help="Optional: the day it stops being usable (00:00 UTC). Leave empty if it does not expire."
          type="date"
          value={values.expiresOn}
          error={fieldError('expiresAt')}
          onChange={(expiresOn) => set({ expiresOn })}
        />
        <TextField
          id="vault-test-url"
          label="Test URL"
          help="What Test calls with a GET and the credential applied, e.g. https://api.partner.example/v1/me."
          type="url"
          placeholder="https://api.partner.example/v1/me"
          value={values.testUrl}
          error={fieldError('testUrl') ?? fieldError('url')}
          onChange={(testUrl) => set({ testUrl })}
        />
        <div className="vault-test">
          <button type="button" className="button" onClick={handleTest} disabled={testing || busy}>
            Test
          </button>
          <span className="muted small">
            Tries the values above{credential ? ' (blank secrets: the stored ones)' : ''}; nothing is saved.
          </span>
        </div>
        <TestOutcome test={test} label="Test result" />
        <FormDialogActions submitLabel={credential ? 'Save changes' : 'Add credential'} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
