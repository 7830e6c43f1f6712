import { useId, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useCan } from '../../components/PermissionGate';
import type { ClientCredentialsQuery as ClientCredentialsResult, CredentialDetailsFragment, CredentialType } from '../../gql/graphql';
import { AddCredentialDialog } from './AddCredentialDialog';
import { CredentialTable } from './CredentialTable';
import { type RotationLinks, rotationLinks } from './credentialFacts';
import { DeleteCredentialDialog } from './DeleteCredentialDialog';
import { DisableCredentialDialog } from './DisableCredentialDialog';
import { ClientCredentialsQuery, credentialChangeContext, credentialListContext, SetCredentialEnabledMutation } from './queries';
import { RenewCertificateDialog } from './RenewCertificateDialog';
import { RotateSecretDialog } from './RotateSecretDialog';

// Dialogs take what they need when they open, so a list refetch that fails cannot unmount one showing a new secret.
/** The longest a new credential of `kind` may last: the credential policy's maximum for it, within the tenant's. */
function kindMaxLifetimeDays(tenant: ClientCredentialsResult['viewer']['tenant'], kind: CredentialType): number {
  return tenant.credentialPolicy.kindLifetimes.find((l) => l.kind === kind)?.effectiveMaxLifetimeDays ?? tenant.maxCredentialLifetimeDays;
}

type OpenDialog =
  | { kind: 'add'; clientId: string; maxLifetimeDays: number }
  | { kind: 'rotate'; credential: CredentialDetailsFragment; links: RotationLinks; maxLifetimeDays: number }
  | { kind: 'delete'; credential: CredentialDetailsFragment; links: RotationLinks; others: CredentialDetailsFragment[] }
  | { kind: 'disable'; credential: CredentialDetailsFragment; links: RotationLinks }
  | { kind: 'renew'; credential: CredentialDetailsFragment; links: RotationLinks; clientId: string; maxLifetimeDays: number }
  | null;

/** "Manage Secrets" on the client page; the caller shows it only to viewers with SECRET_ADMINISTRATION. */
export function CredentialsSection({ apiClientId }: { apiClientId: string }) {
  const headingId = useId();
  const limitReasonId = useId();
  const canCreate = useCan('SECRET_CREATE');
  const canRemove = useCan('SECRET_REMOVE');
  // Disabling stops a credential working, as deleting does: SECRET_REMOVE too (SECRET_ADMINISTRATION alone is read-only).
  const canSetEnabled = useCan('SECRET_ADMINISTRATION') && canRemove;
  // Enabling needs no confirmation: it only lets the credential obtain new tokens again.
  const [enabling, enable] = useMutation(SetCredentialEnabledMutation);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: ClientCredentialsQuery,
    variables: { id: apiClientId },
    context: credentialListContext,
  });
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const addButtonRef = useRef<HTMLButtonElement>(null);
  // Where focus goes after a delete or a rotation, whose row button (the dialog's opener) goes away.
  const sectionFocus = () => addButtonRef.current ?? headingRef.current;

  function closeDialog(changed: boolean) {
    setDialog(null);
    if (changed) reexecute({ requestPolicy: 'network-only' });
  }

  const tenant = data?.viewer.tenant;
  const apiClient = data?.apiClient;
  const credentials = apiClient?.credentials;
  const atLimit = Boolean(tenant && credentials && credentials.length >= tenant.maxCredentialsPerClient);

  return (
    <section className="page-section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          Manage Secrets
        </h2>
        {canCreate && tenant && apiClient && (
          <div className="row-actions">
            {/* The limit is known here (count and tenant maximum), so Add is not offered only to be refused. */}
            {atLimit && (
              <span id={limitReasonId} className="muted small">
                This client has {credentials?.length} of {tenant.maxCredentialsPerClient} credentials; delete one to add another.
              </span>
            )}
            <button
              ref={addButtonRef}
              type="button"
              className="button button-primary"
              disabled={atLimit}
              aria-describedby={atLimit ? limitReasonId : undefined}
              onClick={() => setDialog({ kind: 'add', clientId: apiClient.clientId, maxLifetimeDays: tenant.maxCredentialLifetimeDays })}
            >
              Add credential
            </button>
          </div>
        )}
      </div>
      {enabling.error && <ErrorMessage error={enabling.error} />}
      {!credentials && (error ? <ErrorMessage error={error} /> : fetching && <p className="muted">Loading…</p>)}
      {tenant && credentials && (
        <>
          <p className="count-line">
            {credentials.length} / {tenant.maxCredentialsPerClient} secrets and certificates
          </p>
          <CredentialTable
            credentials={credentials}
            onRotate={
              canCreate
                ? (credential) =>
                    setDialog({
                      kind: 'rotate',
                      credential,
                      links: rotationLinks(credential, credentials),
                      maxLifetimeDays: kindMaxLifetimeDays(tenant, 'CLIENT_SECRET'),
                    })
                : undefined
            }
            onDelete={
              canRemove
                ? (credential) =>
                    setDialog({
                      kind: 'delete',
                      credential,
                      links: rotationLinks(credential, credentials),
                      others: credentials.filter((other) => other.id !== credential.id),
                    })
                : undefined
            }
            onRenew={
              canCreate && apiClient
                ? (credential) =>
                    setDialog({
                      kind: 'renew',
                      credential,
                      links: rotationLinks(credential, credentials),
                      clientId: apiClient.clientId,
                      maxLifetimeDays: kindMaxLifetimeDays(tenant, 'CERTIFICATE'),
                    })
                : undefined
            }
            onSetEnabled={
              canSetEnabled
                ? (credential, enabled) => {
                    if (!enabled) setDialog({ kind: 'disable', credential, links: rotationLinks(credential, credentials) });
                    else if (!enabling.fetching) {
                      void enable({ id: credential.id, enabled: true }, credentialChangeContext).then((result) => {
                        if (!result.error) reexecute({ requestPolicy: 'network-only' });
                      });
                    }
                  }
                : undefined
            }
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
        <RotateSecretDialog
          credential={dialog.credential}
          links={dialog.links}
          maxLifetimeDays={dialog.maxLifetimeDays}
          focusAfterRotate={sectionFocus}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'renew' && (
        <RenewCertificateDialog
          credential={dialog.credential}
          links={dialog.links}
          clientId={dialog.clientId}
          maxLifetimeDays={dialog.maxLifetimeDays}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'disable' && <DisableCredentialDialog credential={dialog.credential} links={dialog.links} onClose={closeDialog} />}
      {dialog?.kind === 'delete' && (
        <DeleteCredentialDialog
          credential={dialog.credential}
          links={dialog.links}
          others={dialog.others}
          focusAfterDelete={sectionFocus}
          onClose={closeDialog}
        />
      )}
    </section>
  );
}
