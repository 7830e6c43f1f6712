import { ConfirmMutationDialog } from '../../components/ConfirmDialog';
import type { CredentialDetailsFragment } from '../../gql/graphql';
import { CredentialFacts, credentialName, type RotationLinks } from './credentialFacts';
import { CREDENTIAL_DISABLE_MESSAGES } from './labels';
import { credentialChangeContext, SetCredentialEnabledMutation } from './queries';

/** "Disable secret kwcs_…a1B2": names the credential, as deleting does, since both rows of a rotation share a description. */
export function DisableCredentialDialog({
  credential,
  links,
  onClose,
}: {
  credential: CredentialDetailsFragment;
  links: RotationLinks;
  onClose: (disabled: boolean) => void;
}) {
  return (
    <ConfirmMutationDialog
      mutation={SetCredentialEnabledMutation}
      variables={{ id: credential.id, enabled: false }}
      context={credentialChangeContext}
      title={`Disable ${credentialName(credential)}`}
      message={CREDENTIAL_DISABLE_MESSAGES[credential.type]}
      wide
      details={<CredentialFacts credential={credential} links={links} />}
      confirmLabel="Disable"
      onDone={() => onClose(true)}
      onCancel={() => onClose(false)}
    />
  );
}
