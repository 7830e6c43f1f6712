import { type FormEvent, useState } from 'react';
import { ChipsInput } from '../../components/ChipsInput';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { ApiError } from '../../components/errors';
import { Field, fieldDescription } from '../../components/Field';
import { errorPlacement, useFocusOnError } from '../../components/formErrors';
import { useCan } from '../../components/PermissionGate';
import type { ApiClientDetailsFragment, TokenQuotaMode } from '../../gql/graphql';
import { checkClientValues, QUOTA_FIELDS } from './clientInput';
import { ScopePicker, scopeValue } from './ScopePicker';

export interface ApiClientFormValues {
  name: string;
  identifier: string;
  description: string;
  scopes: string[];
  contactEmails: string[];
  allowedIpRanges: string[];
  /** As typed; checked and converted on submit. */
  accessTokenLifetimeSeconds: string;
  enabled: boolean;
  requireSenderConstrainedTokens: boolean;
  /** Token quotas as typed; empty = the tenant's default. */
  tokensPerHour: string;
  tokensPerDay: string;
  maxActiveTokensPerCredential: string;
  tokenQuotaMode: TokenQuotaMode | '';
}

export const NEW_CLIENT_VALUES: ApiClientFormValues = {
  name: '',
  identifier: '',
  description: '',
  scopes: [],
  contactEmails: [],
  allowedIpRanges: [],
  accessTokenLifetimeSeconds: '3600',
  enabled: true,
  requireSenderConstrainedTokens: false,
  tokensPerHour: '',
  tokensPerDay: '',
  maxActiveTokensPerCredential: '',
  tokenQuotaMode: '',
};

export function formValuesOf(client: ApiClientDetailsFragment): ApiClientFormValues {
  return {
    name: client.name,
    identifier: client.identifier ?? '',
    description: client.description ?? '',
    scopes: client.scopes.map(scopeValue),
    contactEmails: client.contactEmails,
    allowedIpRanges: client.allowedIpRanges,
    accessTokenLifetimeSeconds: String(client.accessTokenLifetimeSeconds),
    enabled: client.enabled,
    requireSenderConstrainedTokens: client.requireSenderConstrainedTokens,
    tokensPerHour: client.tokensPerHour?.toString() ?? '',
    tokensPerDay: client.tokensPerDay?.toString() ?? '',
    maxActiveTokensPerCredential: client.maxActiveTokensPerCredential?.toString() ?? '',
    tokenQuotaMode: client.tokenQuotaMode ?? '',
  };
}

/** The outcome of a submit: the API's error, or the values the API stored. */
export type ClientFormResult = { error: ApiError } | { saved: ApiClientFormValues };

type ClientFormProps = {
  tenantSlug: string;
  initialValues: ApiClientFormValues;
  readOnly?: boolean;
  onSubmit: (values: ApiClientFormValues) => Promise<ClientFormResult>;
} & ({ mode: 'create' } | { mode: 'edit'; clientId: string });

/** The control that takes focus when the API names its field. */
const FIELD_CONTROL_IDS: Record<string, string> = {
  name: 'client-name',
  identifier: 'client-identifier',
  description: 'client-description',
  contactEmails: 'client-contact-emails',
  allowedIpRanges: 'client-allowed-ip-ranges',
  accessTokenLifetimeSeconds: 'client-token-lifetime',
  enabled: 'client-enabled',
  requireSenderConstrainedTokens: 'client-sender-constrained',
  ...Object.fromEntries(QUOTA_FIELDS.map(({ field, id }) => [field, id])),
  tokenQuotaMode: 'client-token-quota-mode',
};

/** Create and edit form of an API client; every problem found (by its own check or the API) appears at the top and by its field. */
export function ClientForm(props: ClientFormProps) {
  const { tenantSlug, initialValues, readOnly = false, onSubmit } = props;
  const [values, setValues] = useState(initialValues);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  // A client's token quotas are a security administrator's to set (docs/token-service.md#quotas).
  const canSetQuotas = useCan('SECURITY_ADMINISTRATION');

  useFocusOnError(error, FIELD_CONTROL_IDS);
  const { fieldError, invalidItems } = errorPlacement(error, FIELD_CONTROL_IDS);

  function update<K extends keyof ApiClientFormValues>(key: K, value: ApiClientFormValues[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    setSaved(false);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (readOnly || submitting) return;
    const problems = checkClientValues(values);
    if (problems) {
      setError(problems);
      setSaved(false);
      return;
    }
    setSubmitting(true);
    setError(undefined);
    setSaved(false);
    const result = await onSubmit(values);
    setSubmitting(false);
    if ('error' in result) {
      setError(result.error);
    } else {
      setValues(result.saved);
      setSaved(true);
    }
  }

  const identifier = values.identifier.trim();
  const previewClientId = `${tenantSlug}-${identifier || '<16 random characters>'}`;

  return (
    <form className="form" onSubmit={handleSubmit} noValidate aria-label="API client">
      {error && <ErrorMessage message={error.message} />}
      <fieldset className="form-body" disabled={readOnly}>
        <Field id="client-name" label="Name" error={fieldError('name')}>
          <input
            id="client-name"
            type="text"
            required
            maxLength={100}
            value={values.name}
            aria-invalid={fieldError('name') ? true : undefined}
            aria-describedby={fieldDescription('client-name', undefined, fieldError('name'))}
            onChange={(event) => update('name', event.target.value)}
          />
        </Field>

        {props.mode === 'create' ? (
          <Field
            id="client-identifier"
            label="Identifier"
            help="Optional: 3–40 lowercase letters, digits and hyphens. The client ID never changes once created."
            error={fieldError('identifier')}
          >
            <input
              id="client-identifier"
              type="text"
              maxLength={40}
              autoComplete="off"
              spellCheck={false}
              value={values.identifier}
              aria-invalid={fieldError('identifier') ? true : undefined}
              aria-describedby={`client-id-preview ${fieldDescription('client-identifier', true, fieldError('identifier'))}`}
              onChange={(event) => update('identifier', event.target.value)}
            />
            <p id="client-id-preview" className="client-id-preview" aria-live="polite">
              Client ID: <code>{previewClientId}</code>
            </p>
          </Field>
        ) : (
          <Field id="client-id" label="Client ID" help="The client ID never changes.">
            <input id="client-id" type="text" readOnly value={props.clientId} aria-describedby="client-id-help" />
          </Field>
        )}

        <Field id="client-description" label="Description" error={fieldError('description')}>
          <textarea
            id="client-description"
            rows={3}
            maxLength={500}
            value={values.description}
            aria-invalid={fieldError('description') ? true : undefined}
            aria-describedby={fieldDescription('client-description', undefined, fieldError('description'))}
            onChange={(event) => update('description', event.target.value)}
          />
        </Field>

        <ScopePicker
          selected={values.scopes}
          onChange={(scopes) => update('scopes', scopes)}
          disabled={readOnly}
          error={fieldError('scopes')}
        />

        <Field
          id="client-contact-emails"
          label="Contact emails"
          help="At least one address; they receive credential expiry reminders. Press Enter or comma after each."
          error={fieldError('contactEmails')}
        >
          <ChipsInput
            id="client-contact-emails"
            inputType="email"
            values={values.contactEmails}
            onChange={(emails) => update('contactEmails', emails)}
            placeholder="team@example.com"
            disabled={readOnly}
            invalid={Boolean(fieldError('contactEmails'))}
            invalidValues={invalidItems('contactEmails')}
            describedBy={fieldDescription('client-contact-emails', true, fieldError('contactEmails'))}
          />
        </Field>

        <Field
          id="client-allowed-ip-ranges"
          label="Allowed IP ranges"
          help="IPv4/IPv6 addresses or CIDR blocks; empty = any address"
          error={fieldError('allowedIpRanges')}
        >
          <ChipsInput
            id="client-allowed-ip-ranges"
            values={values.allowedIpRanges}
            onChange={(ranges) => update('allowedIpRanges', ranges)}
            placeholder="203.0.113.0/24"
            disabled={readOnly}
            invalid={Boolean(fieldError('allowedIpRanges'))}
            invalidValues={invalidItems('allowedIpRanges')}
            describedBy={fieldDescription('client-allowed-ip-ranges', true, fieldError('allowedIpRanges'))}
          />
        </Field>

        <Field
          id="client-token-lifetime"
          label="Access token lifetime (seconds)"
          help="300–86400 (5 minutes to 24 hours)"
          error={fieldError('accessTokenLifetimeSeconds')}
        >
          <input
            id="client-token-lifetime"
            type="number"
            inputMode="numeric"
            min={300}
            max={86400}
            step={1}
            value={values.accessTokenLifetimeSeconds}
            aria-invalid={fieldError('accessTokenLifetimeSeconds') ? true : undefined}
            aria-describedby={fieldDescription('client-token-lifetime', true, fieldError('accessTokenLifetimeSeconds'))}
            onChange={(event) => update('accessTokenLifetimeSeconds', event.target.value)}
          />
        </Field>

        <fieldset className="choice-group" disabled={readOnly || !canSetQuotas}>
          <legend>Token quotas</legend>
          <p className="field-help">
            Empty fields take the tenant's defaults (Security → Tenant limits).
            {!canSetQuotas && ' Only security administrators can change them.'}
          </p>
          {QUOTA_FIELDS.map(({ field, id, label, help }) => (
            <Field key={field} id={id} label={label} help={`${help}; empty = the tenant's default`} error={fieldError(field)}>
              <input
                id={id}
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                value={values[field]}
                aria-invalid={fieldError(field) ? true : undefined}
                aria-describedby={fieldDescription(id, true, fieldError(field))}
                onChange={(event) => update(field, event.target.value)}
              />
            </Field>
          ))}
          <Field
            id="client-token-quota-mode"
            label="Past a quota"
            help="Enforce answers 429 Too Many Requests until the hour or day is over; monitor issues the token and logs the client."
            error={fieldError('tokenQuotaMode')}
          >
            <select
              id="client-token-quota-mode"
              value={values.tokenQuotaMode}
              aria-invalid={fieldError('tokenQuotaMode') ? true : undefined}
              aria-describedby={fieldDescription('client-token-quota-mode', true, fieldError('tokenQuotaMode'))}
              onChange={(event) => update('tokenQuotaMode', event.target.value as TokenQuotaMode | '')}
            >
              <option value="">The tenant's default</option>
              <option value="ENFORCE">Enforce (refuse with 429)</option>
              <option value="MONITOR">Monitor (issue and log)</option>
            </select>
          </Field>
        </fieldset>

        <div className={fieldError('requireSenderConstrainedTokens') ? 'field field-switch field-invalid' : 'field field-switch'}>
          <input
            id="client-sender-constrained"
            type="checkbox"
            checked={values.requireSenderConstrainedTokens}
            aria-invalid={fieldError('requireSenderConstrainedTokens') ? true : undefined}
            aria-describedby={fieldDescription('client-sender-constrained', true, fieldError('requireSenderConstrainedTokens'))}
            onChange={(event) => update('requireSenderConstrainedTokens', event.target.checked)}
          />
          <label htmlFor="client-sender-constrained">Only give out tokens bound to the client's key</label>
          <p id="client-sender-constrained-help" className="field-help">
            Each token request must bring a DPoP proof or use the client's certificate, so a copied token is of no use without the key.
          </p>
          {fieldError('requireSenderConstrainedTokens') && (
            <p id="client-sender-constrained-error" className="field-error">
              {fieldError('requireSenderConstrainedTokens')}
            </p>
          )}
        </div>

        <div className={fieldError('enabled') ? 'field field-switch field-invalid' : 'field field-switch'}>
          <input
            id="client-enabled"
            type="checkbox"
            role="switch"
            className="switch"
            checked={values.enabled}
            aria-checked={values.enabled}
            aria-describedby="client-enabled-help"
            onChange={(event) => update('enabled', event.target.checked)}
          />
          <label htmlFor="client-enabled">Enabled</label>
          <p id="client-enabled-help" className="field-help">
            A disabled client cannot obtain tokens.
          </p>
          {fieldError('enabled') && <p className="field-error">{fieldError('enabled')}</p>}
        </div>
      </fieldset>

      {!readOnly && (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={submitting}>
            {props.mode === 'create' ? 'Create API client' : 'Save changes'}
          </button>
          <span className="success-message" role="status">
            {saved ? 'Saved.' : ''}
          </span>
        </div>
      )}
    </form>
  );
}
