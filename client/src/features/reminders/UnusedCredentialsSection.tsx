import { useId } from 'react';
import { useQuery } from 'urql';
import { Link } from '../../components/Link';
import { PageBody, PagedTable, type PageSlot } from '../../components/PagedTable';
import { Time } from '../../components/Time';
import type { UnusedCredentialsQuery as UnusedCredentials } from '../../gql/graphql';
import { CREDENTIAL_TYPE_LABELS } from '../credentials/labels';
import { credentialListContext } from '../credentials/queries';
import { UnusedCredentialsQuery } from './queries';

const PAGE_SIZE = 50;
const COLUMNS = ['API client', 'Type', 'Description', 'Last used', 'Unused for', 'State'];

type UnusedCredential = UnusedCredentials['unusedCredentials']['edges'][number]['node'];

/**
 * Usage findings: credentials nobody has used for the tenant's threshold (docs/usage-findings.md), longest unused
 * first — candidates to delete, or already disabled when the tenant chose so.
 */
export function UnusedCredentialsSection() {
  const headingId = useId();
  // The threshold is read with the first page: the same query, so the line above the table is never out of step with it.
  const [{ data }] = useQuery({
    query: UnusedCredentialsQuery,
    variables: { first: PAGE_SIZE, after: null },
    context: credentialListContext,
    requestPolicy: 'cache-and-network',
  });
  const tenant = data?.viewer.tenant;
  return (
    <section className="page-section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>Unused credentials</h2>
      </div>
      <p className="count-line">
        {tenant
          ? `Secrets and certificates not used to obtain a token for ${tenant.unusedCredentialDays} days or more (counted from creation if never used), longest unused first. ${
              tenant.autoDisableUnusedCredentials
                ? 'This tenant disables them automatically.'
                : 'This tenant lists them without disabling them.'
            } Security administrators change this under Security.`
          : 'Secrets and certificates not used to obtain a token for a while, longest unused first.'}
      </p>
      <PagedTable
        label="Unused secrets and certificates"
        columns={COLUMNS}
        renderPage={(slot) => <UnusedPage key={slot.after ?? ''} slot={slot} />}
      />
    </section>
  );
}

function UnusedPage({ slot }: { slot: PageSlot }) {
  const [{ data, error, fetching }] = useQuery({
    query: UnusedCredentialsQuery,
    variables: { first: PAGE_SIZE, after: slot.after },
    context: credentialListContext,
    requestPolicy: 'cache-and-network',
  });
  return (
    <PageBody
      slot={slot}
      columnCount={COLUMNS.length}
      result={{ connection: data?.unusedCredentials, error, fetching }}
      emptyMessage="Every secret and certificate has been used recently."
      renderRow={(node) => <UnusedRow key={node.id} finding={node} />}
    />
  );
}

function UnusedRow({ finding }: { finding: UnusedCredential }) {
  const { apiClient, credential } = finding;
  const hint = credential.certificate ? `${credential.certificate.serialNumber.slice(0, 8)}…` : credential.secretHint;
  return (
    <tr>
      <td>
        <Link to={`/clients/${encodeURIComponent(apiClient.id)}`}>{apiClient.name}</Link>
        <div>
          <code className="muted small">{apiClient.clientId}</code>
        </div>
      </td>
      <td>{CREDENTIAL_TYPE_LABELS[finding.type]}</td>
      <td>
        {finding.description ?? <span className="muted">—</span>}
        {hint && (
          <div>
            <code className="secret-hint small">{hint}</code>
          </div>
        )}
      </td>
      <td>
        {finding.lastUsedAt ? (
          <Time iso={finding.lastUsedAt} />
        ) : (
          <span className="muted">
            Never (created <Time iso={finding.createdAt} />)
          </span>
        )}
      </td>
      <td className="nowrap">{finding.unusedDays === 1 ? '1 day' : `${finding.unusedDays} days`}</td>
      <td>{finding.autoDisabled ? 'Disabled automatically' : 'Enabled'}</td>
    </tr>
  );
}
