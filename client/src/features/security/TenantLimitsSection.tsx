import { type FormEvent, useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type ApiError, describeError } from '../../components/errors';
import { Field, fieldDescription } from '../../components/Field';
import { formatDateTime } from '../../components/format';
import { errorPlacement, useFocusOnError } from '../../components/formErrors';
import type {
  TenantLimitsQuery as TenantLimitsResult,
  TokenQuotaMode,
  TokenSigningAlgorithm,
  UpdateTenantSettingsInput,
} from '../../gql/graphql';
import { TenantLimitsQuery, tenantChangeContext, UpdateTenantSettingsMutation } from './queries';

type Tenant = TenantLimitsResult['viewer']['tenant'];
/** The numeric limits this form edits (other tenant settings have sections of their own). */
type Limit = 'maxClients' | 'maxCredentialsPerClient' | 'maxCredentialLifetimeDays';
/** Token quota defaults (docs/token-service.md#quotas): empty means none. */
type Quota = 'tokensPerHour' | 'tokensPerDay' | 'maxActiveTokensPerCredential';

/** The three limits, in form order, with what the API allows for each (schema.graphql). */
const LIMITS: { field: Limit; id: string; label: string; help: (tenant: Tenant) => string }[] = [
  {
    field: 'maxClients',
    id: 'limit-max-clients',
    label: 'Max API clients',
    help: (tenant) => `1 to 1000, and not below the ${tenant.apiClientCount} API clients this tenant holds now.`,
  },
  {
    field: 'maxCredentialsPerClient',
    id: 'limit-max-credentials',
    label: 'Max secrets & certificates per client',
    help: () => '1 to 20, and not below the number any API client holds now.',
  },
  {
    field: 'maxCredentialLifetimeDays',
    id: 'limit-max-lifetime',
    label: 'Max credential lifetime (days)',
    help: () => '1 to 365. Applies to secrets and certificates created from now on; existing ones keep their expiry.',
  },
];

/** The token quota defaults, in form order; each client may set its own on its page. */
const QUOTAS: { field: Quota; id: string; label: string; help: string }[] = [
  {
    field: 'tokensPerHour',
    id: 'quota-tokens-per-hour',
    label: 'Tokens per hour (each client)',
    help: '1 to 1,000,000 per calendar hour (UTC); empty = no hourly quota.',
  },
  {
    field: 'tokensPerDay',
    id: 'quota-tokens-per-day',
    label: 'Tokens per day (each client)',
    help: '1 to 10,000,000 per calendar day (UTC); empty = no daily quota.',
  },
  {
    field: 'maxActiveTokensPerCredential',
    id: 'quota-max-active-tokens',
    label: 'Max active tokens per credential',
    help: '1 to 100,000 unexpired access tokens at once (10 is a common choice); empty = no limit. Always enforced.',
  },
];
const QUOTA_MODE_ID = 'token-quota-mode';

/** The TokenSigningAlgorithm enum of schema.graphql, default first. */
const ALGORITHMS: { value: TokenSigningAlgorithm; label: string }[] = [
  { value: 'ES256', label: 'ES256 (default)' },
  { value: 'RS256', label: 'RS256' },
  { value: 'EdDSA', label: 'EdDSA' },
];
const ALGORITHM_ID = 'token-signing-algorithm';

const FIELD_CONTROL_IDS: Record<string, string> = {
  ...Object.fromEntries(LIMITS.map(({ field, id }) => [field, id])),
  ...Object.fromEntries(QUOTAS.map(({ field, id }) => [field, id])),
  tokenSigningAlgorithm: ALGORITHM_ID,
  tokenQuotaMode: QUOTA_MODE_ID,
};

type Values = Record<Limit | Quota, string> & { tokenSigningAlgorithm: TokenSigningAlgorithm; tokenQuotaMode: TokenQuotaMode };

function valuesOf(tenant: Tenant): Values {
  return {
    maxClients: String(tenant.maxClients),
    maxCredentialsPerClient: String(tenant.maxCredentialsPerClient),
    maxCredentialLifetimeDays: String(tenant.maxCredentialLifetimeDays),
    tokenSigningAlgorithm: tenant.tokenSigningAlgorithm,
    tokensPerHour: tenant.tokensPerHour?.toString() ?? '',
    tokensPerDay: tenant.tokensPerDay?.toString() ?? '',
    maxActiveTokensPerCredential: tenant.maxActiveTokensPerCredential?.toString() ?? '',
    tokenQuotaMode: tenant.tokenQuotaMode,
  };
}

/** "in 6 minutes" / "in 45 seconds" from now, for a time the API named. */
function fromNow(iso: string): string {
  const seconds = Math.max(0, Math.round((new Date(iso).getTime() - Date.now()) / 1000));
  if (seconds < 120) return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
  return `in about ${Math.round(seconds / 60)} minutes`;
}

/** When the tenant's algorithm starts signing, while that lies ahead; empty once it signs. */
function pendingAlgorithm(tenant: Tenant): string {
  const at = tenant.tokenSigningAlgorithmEffectiveAt;
  if (!at || new Date(at).getTime() <= Date.now()) return '';
  return `New tokens are signed with ${tenant.tokenSigningAlgorithm} from ${formatDateTime(at)} (${fromNow(at)}); until then with the previous key.`;
}

/** The tenant's limits on API clients and their credentials. */
export function TenantLimitsSection() {
  const headingId = useId();
  const [{ data, error, fetching }] = useQuery({ query: TenantLimitsQuery });
  const tenant = data?.viewer.tenant;
  return (
    <section className="page-section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>Tenant limits</h2>
      </div>
      {!tenant && (error ? <ErrorMessage error={error} /> : fetching && <p className="muted">Loading…</p>)}
      {tenant && (
        <>
          <p className="count-line">
            This tenant holds {tenant.apiClientCount} of {tenant.maxClients} API clients.
          </p>
          <TenantLimitsForm tenant={tenant} />
        </>
      )}
    </section>
  );
}

function TenantLimitsForm({ tenant }: { tenant: Tenant }) {
  // The form starts from the limits loaded first and then from what the API stored; a refetch does not overwrite typing.
  const [values, setValues] = useState(() => valuesOf(tenant));
  const [saved, setSaved] = useState(() => valuesOf(tenant));
  const [error, setError] = useState<ApiError>();
  const [status, setStatus] = useState('');
  const [{ fetching }, updateTenantSettings] = useMutation(UpdateTenantSettingsMutation);
  useFocusOnError(error, FIELD_CONTROL_IDS);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fetching) return;
    setError(undefined);
    setStatus('');
    // Only the limits that changed are sent: the API changes (and audits) only those.
    const input: UpdateTenantSettingsInput = {};
    for (const { field, label } of LIMITS) {
      const text = values[field].trim();
      if (text === saved[field]) continue;
      if (!/^\d+$/.test(text)) {
        setError({ field, message: `Enter a whole number for “${label}”.` });
        return;
      }
      input[field] = Number(text);
    }
    for (const { field, label } of QUOTAS) {
      const text = values[field].trim();
      if (text === saved[field]) continue;
      if (text !== '' && !/^\d+$/.test(text)) {
        setError({ field, message: `Enter a whole number for “${label}”, or leave it empty for none.` });
        return;
      }
      input[field] = text === '' ? null : Number(text);
    }
    if (values.tokenSigningAlgorithm !== saved.tokenSigningAlgorithm) input.tokenSigningAlgorithm = values.tokenSigningAlgorithm;
    if (values.tokenQuotaMode !== saved.tokenQuotaMode) input.tokenQuotaMode = values.tokenQuotaMode;
    if (Object.keys(input).length === 0) {
      setStatus('Nothing changed.');
      return;
    }
    const result = await updateTenantSettings({ input }, tenantChangeContext);
    if (result.error || !result.data) {
      setError(result.error ? describeError(result.error) : { message: 'The limits were not saved. Try again.' });
      return;
    }
    const stored = valuesOf(result.data.updateTenantSettings);
    setValues(stored);
    setSaved(stored);
    const pending = input.tokenSigningAlgorithm ? pendingAlgorithm(result.data.updateTenantSettings) : '';
    setStatus(pending ? `Saved. ${pending}` : 'Saved.');
  }

  const { fieldError, topError } = errorPlacement(error, FIELD_CONTROL_IDS);
  return (
    <form className="form" onSubmit={handleSubmit} noValidate aria-label="Tenant limits">
      <ErrorMessage message={topError} />
      {LIMITS.map(({ field, id, label, help }) => (
        <Field key={field} id={id} label={label} help={help(tenant)} error={fieldError(field)}>
          <input
            id={id}
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            required
            value={values[field]}
            aria-invalid={fieldError(field) ? true : undefined}
            aria-describedby={fieldDescription(id, true, fieldError(field))}
            onChange={(event) => {
              setValues((current) => ({ ...current, [field]: event.target.value }));
              setStatus('');
            }}
          />
        </Field>
      ))}
      <Field
        id={ALGORITHM_ID}
        label="Token signing algorithm"
        help={
          <>
            New access tokens use it after the key rotation window (the JWKS cache lifetime plus a margin, about 6 minutes by default);
            resource servers that pin an algorithm must allow it first. {pendingAlgorithm(tenant)}
          </>
        }
        error={fieldError('tokenSigningAlgorithm')}
      >
        <select
          id={ALGORITHM_ID}
          value={values.tokenSigningAlgorithm}
          aria-invalid={fieldError('tokenSigningAlgorithm') ? true : undefined}
          aria-describedby={fieldDescription(ALGORITHM_ID, true, fieldError('tokenSigningAlgorithm'))}
          onChange={(event) => {
            setValues((current) => ({ ...current, tokenSigningAlgorithm: event.target.value as TokenSigningAlgorithm }));
            setStatus('');
          }}
        >
          {ALGORITHMS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="choice-group">
        <legend>Token quotas (defaults for every API client)</legend>
        {QUOTAS.map(({ field, id, label, help }) => (
          <Field key={field} id={id} label={label} help={help} error={fieldError(field)}>
            <input
              id={id}
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              value={values[field]}
              aria-invalid={fieldError(field) ? true : undefined}
              aria-describedby={fieldDescription(id, true, fieldError(field))}
              onChange={(event) => {
                setValues((current) => ({ ...current, [field]: event.target.value }));
                setStatus('');
              }}
            />
          </Field>
        ))}
        <Field
          id={QUOTA_MODE_ID}
          label="Past a quota"
          help="Enforce answers 429 Too Many Requests until the hour or day is over; monitor issues the token and logs the client."
          error={fieldError('tokenQuotaMode')}
        >
          <select
            id={QUOTA_MODE_ID}
            value={values.tokenQuotaMode}
            aria-invalid={fieldError('tokenQuotaMode') ? true : undefined}
            aria-describedby={fieldDescription(QUOTA_MODE_ID, true, fieldError('tokenQuotaMode'))}
            onChange={(event) => {
              setValues((current) => ({ ...current, tokenQuotaMode: event.target.value as TokenQuotaMode }));
              setStatus('');
            }}
          >
            <option value="ENFORCE">Enforce (refuse with 429)</option>
            <option value="MONITOR">Monitor (issue and log)</option>
          </select>
        </Field>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={fetching}>
          Save limits
        </button>
        <span className="success-message" role="status">
          {status}
        </span>
      </div>
    </form>
  );
}
