import { type FormEvent, useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ExpiryCell } from '../../components/ExpiryBadge';
import { type ApiError, describeError } from '../../components/errors';
import { Field, fieldDescription } from '../../components/Field';
import { errorPlacement, useFocusOnError } from '../../components/formErrors';
import { Link } from '../../components/Link';
import { TableScroll } from '../../components/TableScroll';
import type {
  CredentialPolicyQuery as CredentialPolicyResult,
  CredentialPolicyRule,
  CredentialType,
  KeyCurve,
  UpdateCredentialPolicyInput,
} from '../../gql/graphql';
import { CREDENTIAL_TYPE_LABELS, CREDENTIAL_TYPE_OPTIONS } from '../credentials/labels';
import { CheckboxGroup } from './CheckboxGroup';
import { CredentialPolicyQuery, CredentialPolicyViolationsQuery, policyChangeContext, UpdateCredentialPolicyMutation } from './queries';

type Tenant = CredentialPolicyResult['viewer']['tenant'];

const CURVE_OPTIONS: { value: KeyCurve; label: string; description: string }[] = [
  { value: 'P_256', label: 'EC P-256', description: 'Certificates and private_key_jwt keys (ES256).' },
  { value: 'P_384', label: 'EC P-384', description: 'Certificates issued from a CSR.' },
  { value: 'ED25519', label: 'Ed25519', description: 'Certificates issued from a CSR and private_key_jwt keys (EdDSA).' },
];
const RSA_SIZES = [2048, 3072, 4096] as const;

/** The rules in the words the API's refusals use. */
export const POLICY_RULE_LABELS: Record<CredentialPolicyRule, string> = {
  allowedKinds: 'Kind not allowed',
  maxLifetimeDays: 'Lasts longer than its kind may',
  minRsaKeyBits: 'RSA key below the minimum size',
  allowedKeyCurves: 'Key curve not allowed',
  personalApiKeyMaxLifetimeDays: 'Personal API key lasts too long',
};

const IDS = {
  allowedKinds: 'policy-allowed-kinds',
  kindLifetimes: 'policy-lifetime-CLIENT_SECRET',
  minRsaKeyBits: 'policy-min-rsa',
  allowedKeyCurves: 'policy-curves',
  personalApiKeyMaxLifetimeDays: 'policy-personal-key-lifetime',
};
const lifetimeId = (kind: CredentialType) => `policy-lifetime-${kind}`;

interface Values {
  allowedKinds: CredentialType[];
  lifetimes: Record<CredentialType, string>;
  minRsaKeyBits: string;
  allowedKeyCurves: KeyCurve[];
  personalApiKeyMaxLifetimeDays: string;
}

function valuesOf(tenant: Tenant): Values {
  const policy = tenant.credentialPolicy;
  return {
    allowedKinds: [...policy.allowedKinds],
    lifetimes: Object.fromEntries(
      policy.kindLifetimes.map((l) => [l.kind, l.maxLifetimeDays === null ? '' : String(l.maxLifetimeDays)]),
    ) as Record<CredentialType, string>,
    minRsaKeyBits: String(policy.minRsaKeyBits),
    allowedKeyCurves: [...policy.allowedKeyCurves],
    personalApiKeyMaxLifetimeDays: policy.personalApiKeyMaxLifetimeDays === null ? '' : String(policy.personalApiKeyMaxLifetimeDays),
  };
}

/** The tenant's credential policy, and the existing credentials that break it (they keep working). */
export function CredentialPolicySection() {
  const headingId = useId();
  const [{ data, error, fetching }] = useQuery({ query: CredentialPolicyQuery });
  const tenant = data?.viewer.tenant;
  return (
    <section className="page-section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>Credential policy</h2>
      </div>
      <p className="muted">
        What new secrets, certificates, keys and personal API keys must meet. Existing ones that break the policy keep working: they are
        listed below, so they can be replaced.
      </p>
      {!tenant && (error ? <ErrorMessage error={error} /> : fetching && <p className="muted">Loading…</p>)}
      {tenant && <CredentialPolicyForm key={tenant.id} tenant={tenant} />}
      <PolicyViolations />
    </section>
  );
}

function CredentialPolicyForm({ tenant }: { tenant: Tenant }) {
  const [values, setValues] = useState(() => valuesOf(tenant));
  const [error, setError] = useState<ApiError>();
  const [status, setStatus] = useState('');
  const [{ fetching }, updateCredentialPolicy] = useMutation(UpdateCredentialPolicyMutation);
  useFocusOnError(error, IDS);
  const tenantMax = tenant.maxCredentialLifetimeDays;
  const change = (next: Partial<Values>) => {
    setValues((current) => ({ ...current, ...next }));
    setStatus('');
  };

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fetching) return;
    setError(undefined);
    setStatus('');
    const days = (text: string, field: string, label: string): number | null | 'bad' => {
      const trimmed = text.trim();
      if (trimmed === '') return null;
      if (/^\d+$/.test(trimmed)) return Number(trimmed);
      setError({ field, message: `Enter a whole number of days for “${label}”, or leave it empty.` });
      return 'bad';
    };
    const kindLifetimes: { kind: CredentialType; maxLifetimeDays: number | null }[] = [];
    for (const { value, label } of CREDENTIAL_TYPE_OPTIONS) {
      const parsed = days(values.lifetimes[value] ?? '', 'kindLifetimes', label);
      if (parsed === 'bad') return;
      kindLifetimes.push({ kind: value, maxLifetimeDays: parsed });
    }
    const personal = days(values.personalApiKeyMaxLifetimeDays, 'personalApiKeyMaxLifetimeDays', 'Personal API key maximum lifetime');
    if (personal === 'bad') return;
    // The whole policy is sent: the API records only what changed.
    const input: UpdateCredentialPolicyInput = {
      allowedKinds: values.allowedKinds,
      kindLifetimes,
      minRsaKeyBits: Number(values.minRsaKeyBits),
      allowedKeyCurves: values.allowedKeyCurves,
      personalApiKeyMaxLifetimeDays: personal,
    };
    const result = await updateCredentialPolicy({ input }, policyChangeContext);
    if (result.error || !result.data) {
      setError(result.error ? describeError(result.error) : { message: 'The policy was not saved. Try again.' });
      return;
    }
    setValues(valuesOf(result.data.updateCredentialPolicy));
    setStatus('Saved. It applies to credentials created from now on.');
  }

  const { fieldError, topError } = errorPlacement(error, IDS);
  return (
    <form className="form" onSubmit={handleSubmit} noValidate aria-label="Credential policy">
      <ErrorMessage message={topError} />
      <CheckboxGroup
        id={IDS.allowedKinds}
        legend="Allowed kinds"
        options={CREDENTIAL_TYPE_OPTIONS}
        selected={values.allowedKinds}
        onChange={(allowedKinds) => change({ allowedKinds })}
        error={fieldError('allowedKinds')}
      />
      <fieldset className="choice-group" aria-describedby={fieldError('kindLifetimes') ? 'policy-lifetimes-error' : undefined}>
        <legend>Maximum lifetime per kind (days)</legend>
        <p className="muted small">Empty: the tenant’s maximum credential lifetime ({tenantMax} days). At most that.</p>
        {CREDENTIAL_TYPE_OPTIONS.map(({ value, label }) => (
          <Field key={value} id={lifetimeId(value)} label={label}>
            <input
              id={lifetimeId(value)}
              type="number"
              inputMode="numeric"
              min={1}
              max={tenantMax}
              step={1}
              placeholder={String(tenantMax)}
              value={values.lifetimes[value] ?? ''}
              aria-invalid={fieldError('kindLifetimes') ? true : undefined}
              onChange={(event) => change({ lifetimes: { ...values.lifetimes, [value]: event.target.value } })}
            />
          </Field>
        ))}
        {fieldError('kindLifetimes') && (
          <p id="policy-lifetimes-error" className="field-error">
            {fieldError('kindLifetimes')}
          </p>
        )}
      </fieldset>
      <Field
        id={IDS.minRsaKeyBits}
        label="Minimum RSA key size"
        help="For certificates (generated or from a CSR) and uploaded private_key_jwt keys."
        error={fieldError('minRsaKeyBits')}
      >
        <select
          id={IDS.minRsaKeyBits}
          value={values.minRsaKeyBits}
          aria-invalid={fieldError('minRsaKeyBits') ? true : undefined}
          aria-describedby={fieldDescription(IDS.minRsaKeyBits, true, fieldError('minRsaKeyBits'))}
          onChange={(event) => change({ minRsaKeyBits: event.target.value })}
        >
          {RSA_SIZES.map((bits) => (
            <option key={bits} value={String(bits)}>
              {bits} bits{bits === 2048 ? ' (default)' : ''}
            </option>
          ))}
        </select>
      </Field>
      <CheckboxGroup
        id={IDS.allowedKeyCurves}
        legend="Allowed key curves"
        options={CURVE_OPTIONS}
        selected={values.allowedKeyCurves}
        onChange={(allowedKeyCurves) => change({ allowedKeyCurves })}
        error={fieldError('allowedKeyCurves')}
      />
      <Field
        id={IDS.personalApiKeyMaxLifetimeDays}
        label="Personal API key maximum lifetime (days)"
        help={`Empty: no policy limit (keys last at most ${Math.min(365, tenantMax)} days).`}
        error={fieldError('personalApiKeyMaxLifetimeDays')}
      >
        <input
          id={IDS.personalApiKeyMaxLifetimeDays}
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={values.personalApiKeyMaxLifetimeDays}
          aria-invalid={fieldError('personalApiKeyMaxLifetimeDays') ? true : undefined}
          aria-describedby={fieldDescription(IDS.personalApiKeyMaxLifetimeDays, true, fieldError('personalApiKeyMaxLifetimeDays'))}
          onChange={(event) => change({ personalApiKeyMaxLifetimeDays: event.target.value })}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={fetching}>
          Save policy
        </button>
        <span className="success-message" role="status">
          {status}
        </span>
      </div>
    </form>
  );
}

const PAGE = 50;
/** A credential added or deleted anywhere may change the list; one object, so urql does not see a new query each render. */
const VIOLATIONS_CONTEXT = { additionalTypenames: ['Credential', 'PersonalApiKey'] };

/** The existing credentials and personal API keys that break the policy, a page at a time. */
function PolicyViolations() {
  const headingId = useId();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const [{ data, error, fetching }] = useQuery({
    query: CredentialPolicyViolationsQuery,
    variables: { first: PAGE, after },
    requestPolicy: 'cache-and-network',
    context: VIOLATIONS_CONTEXT,
  });
  const page = data?.credentialPolicyViolations;
  return (
    <div>
      <h3 id={headingId}>Not compliant</h3>
      {!page && (error ? <ErrorMessage error={error} /> : fetching && <p className="muted">Loading…</p>)}
      {page && page.totalCount === 0 && <p className="muted">Every credential and personal API key meets the policy.</p>}
      {page && page.totalCount > 0 && (
        <>
          <p className="count-line">
            {page.totalCount === 1 ? '1 credential breaks' : `${page.totalCount} credentials break`} the policy. They keep working until
            they expire or are deleted.
          </p>
          <TableScroll label="Credentials that break the policy">
            <table className="table" aria-labelledby={headingId}>
              <thead>
                <tr>
                  <th scope="col">Credential</th>
                  <th scope="col">API client or owner</th>
                  <th scope="col">Breaks</th>
                  <th scope="col">Expires</th>
                </tr>
              </thead>
              <tbody>
                {page.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>
                      {node.credentialType ? CREDENTIAL_TYPE_LABELS[node.credentialType] : 'Personal API key'}
                      <div>
                        <code className="secret-hint small">{node.label}</code>
                      </div>
                      {node.description && <div className="muted small">{node.description}</div>}
                    </td>
                    <td>
                      {node.apiClientId ? (
                        <Link to={`/clients/${encodeURIComponent(node.apiClientId)}`}>{node.clientId}</Link>
                      ) : (
                        (node.ownerName ?? <span className="muted">—</span>)
                      )}
                    </td>
                    <td>{node.rules.map((rule) => POLICY_RULE_LABELS[rule]).join('; ')}</td>
                    <ExpiryCell expiresAt={node.expiresAt} />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {(cursors.length > 1 || page.pageInfo.hasNextPage) && (
            <div className="form-actions">
              {cursors.length > 1 && (
                <button type="button" className="button" onClick={() => setCursors((c) => c.slice(0, -1))}>
                  Previous page
                </button>
              )}
              {page.pageInfo.hasNextPage && (
                <button type="button" className="button" onClick={() => setCursors((c) => [...c, page.pageInfo.endCursor ?? null])}>
                  Next page
                </button>
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}
