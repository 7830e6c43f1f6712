import { ConfirmMutationDialog } from '../../components/ConfirmDialog';
import type { CredentialDetailsFragment } from '../../gql/graphql';
import { CredentialFacts, credentialIdentifier, credentialName, formatMoment, hasExpired, type RotationLinks } from './credentialFacts';
import { CREDENTIAL_DELETE_MESSAGES } from './labels';
import { credentialChangeContext, DeleteCredentialMutation } from './queries';

type Credential = CredentialDetailsFragment;

/**
 * "Delete secret kwcs_…a1B2": names the credential (after a rotation both rows share a description) and says
 * what is left when the new secret of a rotation is deleted while the old one runs out its grace period.
 */
export function DeleteCredentialDialog({
  credential,
  links,
  others,
  focusAfterDelete,
  onClose,
}: {
  credential: Credential;
  links: RotationLinks;
  /** The client's other credentials when the dialog opened, to tell whether anything else keeps working. */
  others: readonly Credential[];
  /** Where focus goes once deleted: the row and its Delete button go away. */
  focusAfterDelete: () => HTMLElement | null;
  onClose: (deleted: boolean) => void;
}) {
  return (
    <ConfirmMutationDialog
      mutation={DeleteCredentialMutation}
      variables={{ id: credential.id }}
      context={credentialChangeContext}
      title={`Delete ${credentialName(credential)}`}
      message={CREDENTIAL_DELETE_MESSAGES[credential.type]}
      wide
      details={
        <>
          <CredentialFacts credential={credential} links={links} />
          <RotationNote credential={credential} links={links} others={others} />
        </>
      }
      confirmLabel="Delete"
      focusAfterDone={focusAfterDelete}
      onDone={() => onClose(true)}
      onCancel={() => onClose(false)}
    />
  );
}

function RotationNote({ credential, links, others }: { credential: Credential; links: RotationLinks; others: readonly Credential[] }) {
  const { replaces, replacedBy } = links;
  if (replaces && !hasExpired(replaces)) {
    const old = credentialIdentifier(replaces);
    const stillWorking = others.filter((other) => other.id !== replaces.id && !hasExpired(other));
    const left =
      stillWorking.length === 0
        ? `only ${old} is left, and it stops working on ${formatMoment(replaces.expiresAt)}.`
        : `${old} stays on its shortened expiry and stops working on ${formatMoment(replaces.expiresAt)}.`;
    return (
      <p className="warning-message" role="alert">
        This is the replacement of {old}. If you delete it, {left} To keep a working secret, rotate {old} again or add a new secret before
        then.
      </p>
    );
  }
  if (credential.replacedById && replacedBy) {
    return (
      <p>
        This is the old secret of a rotation: {credentialIdentifier(replacedBy)} replaced it and keeps working until{' '}
        {formatMoment(replacedBy.expiresAt)}.
      </p>
    );
  }
  return null;
}
