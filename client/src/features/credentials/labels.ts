import type { CredentialStatus, CredentialType } from '../../gql/graphql';

/** The types offered in "Add secret or certificate", in order. */
export const CREDENTIAL_TYPE_OPTIONS: { value: CredentialType; label: string }[] = [{ value: 'CLIENT_SECRET', label: 'Client secret' }];

export const CREDENTIAL_TYPE_LABELS: Record<CredentialType, string> = {
  CLIENT_SECRET: 'Client secret',
  CERTIFICATE: 'Certificate',
};

/** How a credential is called in questions such as "Delete this secret?". */
export const CREDENTIAL_TYPE_NOUNS: Record<CredentialType, string> = {
  CLIENT_SECRET: 'secret',
  CERTIFICATE: 'certificate',
};

export const CREDENTIAL_STATUS_BADGES: Record<CredentialStatus, { label: string; className: string; title: string }> = {
  ACTIVE: { label: 'Active', className: 'badge badge-ok', title: 'Usable to obtain tokens.' },
  EXPIRED: { label: 'Expired', className: 'badge badge-danger', title: 'Past its expiry; it no longer works.' },
  SUSPENDED: {
    label: 'Suspended',
    className: 'badge badge-warning',
    title: 'The API client is disabled; it works again when the client is enabled.',
  },
};
