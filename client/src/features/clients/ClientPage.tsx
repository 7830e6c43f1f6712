import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { describeError, hasErrorCode } from '../../components/errors';
import { Link } from '../../components/Link';
import { PermissionGate, useCan, useCanAny, useViewer } from '../../components/PermissionGate';
import { Time } from '../../components/Time';
import type { ApiClientDetailsFragment } from '../../gql/graphql';
import { navigate } from '../../router';
import { CredentialsSection } from '../credentials/CredentialsSection';
import { ClientForm, type ClientFormResult, formValuesOf } from './ClientForm';
import { updateInputOf } from './clientInput';
import { QuickStart } from './QuickStart';
import { ApiClientQuery, DeleteApiClientMutation, UpdateApiClientMutation } from './queries';

// deleteApiClient answers with an ID only, so name what it changes.
const deleteContext = { additionalTypenames: ['ApiClient', 'Tenant'] };

export function ClientPage({ id }: { id: string }) {
  // Secret administrators see clients read-only, to reach their secrets.
  const canView = useCanAny('CLIENT_ADMINISTRATION', 'SECRET_ADMINISTRATION');
  const [{ data, error, fetching }] = useQuery({ query: ApiClientQuery, variables: { id }, pause: !canView });

  if (!canView) {
    return (
      <section>
        <h1>API client</h1>
        <p className="notice">You do not have permission to view API clients.</p>
      </section>
    );
  }
  if (!data) {
    if (hasErrorCode(error, 'NOT_FOUND')) return <ClientNotFound />;
    return (
      <section>
        <ErrorMessage error={error} />
        {fetching && <p className="muted">Loading…</p>}
      </section>
    );
  }
  if (!data.apiClient) return <ClientNotFound />;
  return <ClientDetails client={data.apiClient} />;
}

function ClientNotFound() {
  return (
    <section>
      <h1>API client not found</h1>
      <p>
        This API client does not exist or was deleted. <Link to="/clients">Back to API Clients</Link>
      </p>
    </section>
  );
}

function ClientDetails({ client }: { client: ApiClientDetailsFragment }) {
  const viewer = useViewer();
  const canEdit = useCan('CLIENT_EDIT');
  const canReadAudit = useCanAny('CLIENT_ADMINISTRATION', 'SECURITY_ADMINISTRATION');
  const [, updateApiClient] = useMutation(UpdateApiClientMutation);
  // The form starts from the values loaded first; later refetches do not overwrite what is being typed.
  const [initialValues] = useState(() => formValuesOf(client));

  return (
    <section>
      <p className="breadcrumb">
        <Link to="/clients">API Clients</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{client.name}</h1>
          <p className="client-id-line">
            Client ID <code>{client.clientId}</code>
            <CopyButton value={client.clientId} label="Copy client ID" />
          </p>
        </div>
        <PermissionGate permission="CLIENT_REMOVE">
          <DeleteClientButton id={client.id} name={client.name} />
        </PermissionGate>
      </div>
      <dl className="facts">
        <div>
          <dt>Created</dt>
          <dd>
            <Time iso={client.createdAt} /> by {client.createdBy.displayName}
          </dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>
            <Time iso={client.updatedAt} />
          </dd>
        </div>
        <div>
          <dt>Last used</dt>
          <dd>{client.lastUsedAt ? <Time iso={client.lastUsedAt} /> : 'Never'}</dd>
        </div>
        {canReadAudit && (
          <div>
            <dt>History</dt>
            <dd>
              <Link to={`/audit?apiClientId=${encodeURIComponent(client.id)}`}>View audit trail</Link>
            </dd>
          </div>
        )}
      </dl>
      {/* Credentials and how to use them first; the settings form is long. */}
      <PermissionGate permission="SECRET_ADMINISTRATION">
        <CredentialsSection apiClientId={client.id} />
      </PermissionGate>
      <QuickStart client={client} tenantSlug={viewer.tenant.slug} />
      <div className="section-header page-section">
        <h2>Settings</h2>
      </div>
      {!canEdit && <p className="notice">You can view this API client but not change it.</p>}
      <ClientForm
        mode="edit"
        clientId={client.clientId}
        tenantSlug={viewer.tenant.slug}
        initialValues={initialValues}
        readOnly={!canEdit}
        onSubmit={async (values): Promise<ClientFormResult> => {
          const result = await updateApiClient({ id: client.id, input: updateInputOf(values) });
          if (result.error || !result.data) {
            return { error: result.error ? describeError(result.error) : { message: 'The changes were not saved. Try again.' } };
          }
          return { saved: formValuesOf(result.data.updateApiClient) };
        }}
      />
    </section>
  );
}

function DeleteClientButton({ id, name }: { id: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const [{ fetching }, deleteApiClient] = useMutation(DeleteApiClientMutation);

  async function handleDelete() {
    setError(undefined);
    const result = await deleteApiClient({ id }, deleteContext);
    if (result.error) {
      setError(describeError(result.error).message);
      return;
    }
    setConfirming(false);
    navigate('/clients');
  }

  return (
    <>
      <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
        Delete API client
      </button>
      <ConfirmDialog
        open={confirming}
        title="Delete API client"
        message={`Delete ${name}? Its credentials stop working at once. The audit history is kept.`}
        confirmLabel="Delete"
        error={error}
        busy={fetching}
        onConfirm={handleDelete}
        onCancel={() => {
          setConfirming(false);
          setError(undefined);
        }}
      />
    </>
  );
}
