import type { ReactNode } from 'react';
import { ChipsInput } from '../../components/ChipsInput';
import { Field, fieldDescription } from '../../components/Field';
import { GRANTS, PLACEMENTS } from './labels';
import { MAX_HEADERS, type VaultFormValues } from './vaultInput';

/** The form's control for each field the API may name (docs/vault.md#types); custom header rows are added by index. */
export function vaultControlIds(headerRows: number): Record<string, string> {
  const ids: Record<string, string> = {
    type: 'vault-type',
    name: 'vault-name',
    description: 'vault-description',
    contactEmails: 'vault-contact-emails',
    testUrl: 'vault-test-url',
    url: 'vault-test-url',
    expiresAt: 'vault-expires',
    apiKey: 'vault-apikey-key',
    'apiKey.key': 'vault-apikey-key',
    'apiKey.placement': 'vault-apikey-placement',
    'apiKey.name': 'vault-apikey-name',
    oauth2: 'vault-oauth2-token-url',
    'oauth2.grant': 'vault-oauth2-grant',
    'oauth2.tokenUrl': 'vault-oauth2-token-url',
    'oauth2.authorizationUrl': 'vault-oauth2-authorization-url',
    'oauth2.clientId': 'vault-oauth2-client-id',
    'oauth2.clientSecret': 'vault-oauth2-client-secret',
    'oauth2.scopes': 'vault-oauth2-scopes',
    'oauth2.audience': 'vault-oauth2-audience',
    'oauth2.resource': 'vault-oauth2-resource',
    bearerToken: 'vault-bearer-token',
    'bearerToken.token': 'vault-bearer-token',
    'bearerToken.expiresAt': 'vault-bearer-expires',
    basicAuth: 'vault-basic-username',
    'basicAuth.username': 'vault-basic-username',
    'basicAuth.password': 'vault-basic-password',
    customHeaders: 'vault-header-1-name',
  };
  for (let index = 0; index < headerRows; index++) {
    ids[`customHeaders.${index}.name`] = `vault-header-${index + 1}-name`;
    ids[`customHeaders.${index}.value`] = `vault-header-${index + 1}-value`;
  }
  return ids;
}

export interface TypeFieldsProps {
  values: VaultFormValues;
  onChange: (values: VaultFormValues) => void;
  /** On Edit: the stored secrets are kept when their inputs are left blank; `hint` is the masked current value. */
  editing: { hint: string; headerNames: readonly string[] } | null;
  fieldError: (field: string) => string | undefined;
}

/** A one-line input in a labelled field, with the API's message for its field. */
export function TextField({
  id,
  label,
  help,
  value,
  error,
  onChange,
  type = 'text',
  placeholder,
  required = false,
}: {
  id: string;
  label: string;
  help?: ReactNode;
  value: string;
  error?: string;
  onChange: (value: string) => void;
  type?: 'text' | 'url' | 'date';
  placeholder?: string;
  required?: boolean;
}) {
  return (
    <Field id={id} label={label} help={help} error={error}>
      <input
        id={id}
        type={type}
        value={value}
        required={required}
        spellCheck={false}
        autoComplete="off"
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={fieldDescription(id, help, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );
}

/**
 * A write-only value: typed, never shown again. On Edit the input starts empty and a blank one keeps the stored value,
 * which the help names by its masked hint.
 */
function SecretField({
  id,
  label,
  help,
  value,
  error,
  editing,
  optional = false,
  onChange,
}: {
  id: string;
  label: string;
  help?: string;
  value: string;
  error?: string;
  editing: { hint: string } | null;
  optional?: boolean;
  onChange: (value: string) => void;
}) {
  const shownHelp = editing ? (
    <>
      Current value: <code>{editing.hint}</code>. Leave blank to keep it.{help ? ` ${help}` : ''}
    </>
  ) : (
    help
  );
  return (
    <Field id={id} label={label} help={shownHelp} error={error}>
      <input
        id={id}
        type="password"
        value={value}
        required={!editing && !optional}
        spellCheck={false}
        autoComplete="new-password"
        placeholder={editing ? 'leave blank to keep' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={fieldDescription(id, shownHelp, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );
}

export function ApiKeyFields({ values, onChange, editing, fieldError }: TypeFieldsProps) {
  const apiKey = values.apiKey;
  const set = (patch: Partial<VaultFormValues['apiKey']>) => onChange({ ...values, apiKey: { ...apiKey, ...patch } });
  return (
    <>
      <SecretField
        id="vault-apikey-key"
        label="API key"
        help="As the service gave it."
        value={apiKey.key}
        editing={editing}
        error={fieldError('apiKey.key') ?? fieldError('apiKey')}
        onChange={(key) => set({ key })}
      />
      <Field id="vault-apikey-placement" label="Sent as" error={fieldError('apiKey.placement')}>
        <select
          id="vault-apikey-placement"
          value={apiKey.placement}
          onChange={(event) => set({ placement: event.target.value as VaultFormValues['apiKey']['placement'] })}
        >
          {PLACEMENTS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </Field>
      <TextField
        id="vault-apikey-name"
        label={apiKey.placement === 'HEADER' ? 'Header name' : 'Parameter name'}
        help={apiKey.placement === 'HEADER' ? 'X-API-Key when left blank.' : 'e.g. api_key'}
        value={apiKey.name}
        error={fieldError('apiKey.name')}
        onChange={(name) => set({ name })}
      />
    </>
  );
}

export function OAuth2Fields({ values, onChange, editing, fieldError }: TypeFieldsProps) {
  const o = values.oauth2;
  const set = (patch: Partial<VaultFormValues['oauth2']>) => onChange({ ...values, oauth2: { ...o, ...patch } });
  const scopesError = fieldError('oauth2.scopes');
  return (
    <>
      <Field
        id="vault-oauth2-grant"
        label="Grant"
        help={GRANTS.find((g) => g.value === o.grant)?.description}
        error={fieldError('oauth2.grant')}
      >
        <select
          id="vault-oauth2-grant"
          value={o.grant}
          aria-describedby={fieldDescription('vault-oauth2-grant', true, fieldError('oauth2.grant'))}
          onChange={(event) => set({ grant: event.target.value as VaultFormValues['oauth2']['grant'] })}
        >
          {GRANTS.map((g) => (
            <option key={g.value} value={g.value}>
              {g.label}
            </option>
          ))}
        </select>
      </Field>
      <TextField
        id="vault-oauth2-token-url"
        label="Token URL"
        type="url"
        required
        placeholder="https://auth.example.com/oauth/token"
        value={o.tokenUrl}
        error={fieldError('oauth2.tokenUrl') ?? fieldError('oauth2')}
        onChange={(tokenUrl) => set({ tokenUrl })}
      />
      {o.grant === 'AUTHORIZATION_CODE' && (
        <TextField
          id="vault-oauth2-authorization-url"
          label="Authorization URL"
          help="Where you sign in at the provider to connect the credential."
          type="url"
          required
          placeholder="https://auth.example.com/authorize"
          value={o.authorizationUrl}
          error={fieldError('oauth2.authorizationUrl')}
          onChange={(authorizationUrl) => set({ authorizationUrl })}
        />
      )}
      <TextField
        id="vault-oauth2-client-id"
        label="Client ID"
        help="The provider gave it when you registered the client."
        required
        value={o.clientId}
        error={fieldError('oauth2.clientId')}
        onChange={(clientId) => set({ clientId })}
      />
      <SecretField
        id="vault-oauth2-client-secret"
        label="Client secret"
        help={o.grant === 'AUTHORIZATION_CODE' ? 'Leave out for a public client.' : undefined}
        value={o.clientSecret}
        editing={editing}
        optional={o.grant === 'AUTHORIZATION_CODE'}
        error={fieldError('oauth2.clientSecret')}
        onChange={(clientSecret) => set({ clientSecret })}
      />
      <Field id="vault-oauth2-scopes" label="Scopes" help="The scopes to ask for; press Enter or space after each." error={scopesError}>
        <ChipsInput
          id="vault-oauth2-scopes"
          values={o.scopes}
          placeholder="read:orders"
          invalid={Boolean(scopesError)}
          describedBy={fieldDescription('vault-oauth2-scopes', true, scopesError)}
          onChange={(scopes) => set({ scopes })}
        />
      </Field>
      <TextField
        id="vault-oauth2-audience"
        label="Audience"
        help="Sent as audience, for providers that ask for it (Auth0 and others)."
        value={o.audience}
        error={fieldError('oauth2.audience')}
        onChange={(audience) => set({ audience })}
      />
      <TextField
        id="vault-oauth2-resource"
        label="Resource"
        help="The API the token is for, sent as resource (RFC 8707)."
        type="url"
        value={o.resource}
        error={fieldError('oauth2.resource')}
        onChange={(resource) => set({ resource })}
      />
    </>
  );
}

export function BearerTokenFields({ values, onChange, editing, fieldError }: TypeFieldsProps) {
  const b = values.bearerToken;
  const set = (patch: Partial<VaultFormValues['bearerToken']>) => onChange({ ...values, bearerToken: { ...b, ...patch } });
  return (
    <>
      <SecretField
        id="vault-bearer-token"
        label="Token"
        value={b.token}
        editing={editing}
        error={fieldError('bearerToken.token') ?? fieldError('bearerToken')}
        onChange={(token) => set({ token })}
      />
      <TextField
        id="vault-bearer-expires"
        label="Token expires"
        help="When the service said the token stops working (00:00 UTC); leave empty if it did not."
        type="date"
        value={b.expiresOn}
        error={fieldError('bearerToken.expiresAt')}
        onChange={(expiresOn) => set({ expiresOn })}
      />
    </>
  );
}

export function BasicAuthFields({ values, onChange, editing, fieldError }: TypeFieldsProps) {
  const b = values.basicAuth;
  const set = (patch: Partial<VaultFormValues['basicAuth']>) => onChange({ ...values, basicAuth: { ...b, ...patch } });
  return (
    <>
      <TextField
        id="vault-basic-username"
        label="User name"
        required
        value={b.username}
        error={fieldError('basicAuth.username') ?? fieldError('basicAuth')}
        onChange={(username) => set({ username })}
      />
      <SecretField
        id="vault-basic-password"
        label="Password"
        value={b.password}
        editing={editing}
        error={fieldError('basicAuth.password')}
        onChange={(password) => set({ password })}
      />
    </>
  );
}

export function CustomHeadersFields({ values, onChange, editing, fieldError }: TypeFieldsProps) {
  const rows = values.customHeaders;
  const setRows = (customHeaders: VaultFormValues['customHeaders']) => onChange({ ...values, customHeaders });
  const listError = fieldError('customHeaders');
  return (
    <fieldset className="choice-group" aria-describedby={listError ? 'vault-headers-error' : undefined}>
      <legend>Headers</legend>
      {rows.map((row, index) => {
        const number = index + 1;
        const id = `vault-header-${number}`;
        // A row that was saved keeps its stored value when its value is left blank (the header of the same name).
        const saved =
          editing?.headerNames.some((name) => name.toLowerCase() === row.name.trim().toLowerCase()) === true
            ? { hint: `${row.name.trim()}: ••••` }
            : null;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place; names change as they are typed
          <div key={index} className="claim-row">
            <TextField
              id={`${id}-name`}
              label={`Header ${number} name`}
              placeholder="X-Partner-Id"
              value={row.name}
              error={fieldError(`customHeaders.${index}.name`)}
              onChange={(name) => setRows(rows.map((r, i) => (i === index ? { ...r, name } : r)))}
            />
            <SecretField
              id={`${id}-value`}
              label={`Header ${number} value`}
              value={row.value}
              editing={saved}
              error={fieldError(`customHeaders.${index}.value`)}
              onChange={(value) => setRows(rows.map((r, i) => (i === index ? { ...r, value } : r)))}
            />
            {rows.length > 1 && (
              <button
                type="button"
                className="button button-small claim-remove"
                aria-label={`Remove header ${number}`}
                onClick={() => setRows(rows.filter((_, i) => i !== index))}
              >
                Remove
              </button>
            )}
          </div>
        );
      })}
      {listError && (
        <p id="vault-headers-error" className="field-error">
          {listError}
        </p>
      )}
      {rows.length < MAX_HEADERS && (
        <button type="button" className="button button-small" onClick={() => setRows([...rows, { name: '', value: '' }])}>
          Add header
        </button>
      )}
    </fieldset>
  );
}
