import { useId, useState } from 'react';
import { useQuery } from 'urql';
import { ConfirmMutationDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useCan } from '../../components/PermissionGate';
import type { CredentialDetailsFragment } from '../../gql/graphql';
import { AddCredentialDialog } from './AddCredentialDialog';
import { CredentialTable } from './CredentialTable';
import { CREDENTIAL_DELETE_MESSAGES, CREDENTIAL_TYPE_NOUNS } from './labels';
import { ClientCredentialsQuery, credentialChangeContext, credentialListContext, DeleteCredentialMutation } from './queries';
import { RotateSecretDialog } from './RotateSecretDialog';

// Dialogs take what they need when they open, so a list refetch that fails cannot unmount one showing a new secret.
type OpenDialog =
  | { kind: 'add'; clientId: string; maxLifetimeDays: number }
  | { kind: 'rotate'; credential: CredentialDetailsFragment; maxLifetimeDays: number }
  | { kind: 'delete'; credential: CredentialDetailsFragment }
  | null;

/** "Manage Secrets" on the client page; the caller shows it only to viewers with SECRET_ADMINISTRATION. */
export function CredentialsSection({ apiClientId }: { apiClientId: string }) {
  const headingId = useId();
  const canCreate = useCan('SECRET_CREATE');
  const canRemove = useCan('SECRET_REMOVE');
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: ClientCredentialsQuery,
    variables: { id: apiClientId },
    context: credentialListContext,
  });
  const [dialog, setDialog] = useState<OpenDialog>(null);

  function closeDialog(changed: boolean) {
    setDialog(null);
    if (changed) reexecute({ requestPolicy: 'network-only' });
  }

  const tenant = data?.viewer.tenant;
  const apiClient = data?.apiClient;
  const credentials = apiClient?.credentials;

  return (
    <section className="page-section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>Manage Secrets</h2>
        {canCreate && tenant && apiClient && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => setDialog({ kind: 'add', clientId: apiClient.clientId, maxLifetimeDays: tenant.maxCredentialLifetimeDays })}
          >
            Add secret or certificate
          </button>
        )}
      </div>
      {!credentials && (error ? <ErrorMessage error={error} /> : fetching && <p className="muted">Loading…</p>)}
      {tenant && credentials && (
        <>
          <p className="count-line">
            {credentials.length} / {tenant.maxCredentialsPerClient} secrets and certificates
            {credentials.length >= tenant.maxCredentialsPerClient && canCreate && (
              <span> — the maximum. Delete one before adding a new one.</span>
            )}
          </p>
          <CredentialTable
            credentials={credentials}
            onRotate={
              canCreate
                ? (credential) => setDialog({ kind: 'rotate', credential, maxLifetimeDays: tenant.maxCredentialLifetimeDays })
                : undefined
            }
            onDelete={canRemove ? (credential) => setDialog({ kind: 'delete', credential }) : undefined}
          />
        </>
      )}
      {dialog?.kind === 'add' && (
        <AddCredentialDialog
          apiClientId={apiClientId}
          clientId={dialog.clientId}
          maxLifetimeDays={dialog.maxLifetimeDays}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'rotate' && (
        <RotateSecretDialog credential={dialog.credential} maxLifetimeDays={dialog.maxLifetimeDays} onClose={closeDialog} />
      )}
      {dialog?.kind === 'delete' && <DeleteCredentialDialog credential={dialog.credential} onClose={closeDialog} />}
    </section>
  );
}

function DeleteCredentialDialog({ credential, onClose }: { credential: CredentialDetailsFragment; onClose: (deleted: boolean) => void }) {
  return (
    <ConfirmMutationDialog
      mutation={DeleteCredentialMutation}
      variables={{ id: credential.id }}
      context={credentialChangeContext}
      title={`Delete ${CREDENTIAL_TYPE_NOUNS[credential.type]}`}
      message={CREDENTIAL_DELETE_MESSAGES[credential.type]}
      confirmLabel="Delete"
      onDone={() => onClose(true)}
      onCancel={() => onClose(false)}
    />
  );
}
