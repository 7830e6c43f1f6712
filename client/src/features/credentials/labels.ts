import type { CertificateKeyAlgorithm, CredentialStatus, CredentialType } from '../../gql/graphql';

/** The kinds "Add credential" offers: every kind, each with its own fields in the dialog. */
export type AddableCredentialType = CredentialType;

/** The types offered in "Add credential", in order: another kind joins with one entry (and its fields in the dialog). */
export const CREDENTIAL_TYPE_OPTIONS: { value: AddableCredentialType; label: string }[] = [
  { value: 'CLIENT_SECRET', label: 'Client secret' },
  { value: 'CERTIFICATE', label: 'Certificate' },
  { value: 'PRIVATE_KEY_JWT', label: 'Private key JWT (your public key)' },
  { value: 'FEDERATED', label: 'Federated (workload identity)' },
];

/** Where a private key JWT credential's public key comes from. */
export type PublicKeySource = 'paste' | 'jwksUri';

export const PUBLIC_KEY_SOURCE_OPTIONS: { value: PublicKeySource; label: string; description: string }[] = [
  { value: 'paste', label: 'Paste a public key', description: 'One key, kept by Keyward until you delete the credential.' },
  {
    value: 'jwksUri',
    label: 'JWKS URL',
    description: 'Keyward fetches your published keys from this address, and again when you sign with a new key.',
  },
];

/** Where a federated credential's workload runs: a preset fills the issuer and builds the subject from a few inputs. */
export type FederationPreset = 'github' | 'kubernetes' | 'other';

export const FEDERATION_PRESET_OPTIONS: { value: FederationPreset; label: string; description: string }[] = [
  { value: 'github', label: 'GitHub Actions', description: 'A workflow job of one repository, on a branch or in an environment.' },
  { value: 'kubernetes', label: 'Kubernetes', description: 'Pods running as one service account of your cluster.' },
  {
    value: 'other',
    label: 'Other OIDC issuer',
    description: 'Any issuer with a discovery document: you give the issuer, audience and subject.',
  },
];

/** What a GitHub Actions job's subject names besides its repository. */
export type GitHubRunsFrom = 'branch' | 'environment';

export const GITHUB_RUNS_FROM_OPTIONS: { value: GitHubRunsFrom; label: string }[] = [
  { value: 'branch', label: 'Branch' },
  { value: 'environment', label: 'Environment' },
];

/** The keys Keyward can generate for a certificate, in order; the first is the API's default. */
export const KEY_ALGORITHM_OPTIONS: { value: CertificateKeyAlgorithm; label: string }[] = [
  { value: 'RSA_2048', label: 'RSA 2048' },
  { value: 'EC_P256', label: 'EC P-256' },
];

// A certificate's key algorithm as the API reports it: a generated key, or any key a CSR may carry.
const KEY_ALGORITHM_LABELS: Record<string, string> = {
  RSA_2048: 'RSA 2048',
  RSA_3072: 'RSA 3072',
  RSA_4096: 'RSA 4096',
  RSA_OTHER: 'RSA',
  EC_P256: 'EC P-256',
  EC_P384: 'EC P-384',
  ED25519: 'Ed25519',
};

export function keyAlgorithmLabel(algorithm: string): string {
  return KEY_ALGORITHM_LABELS[algorithm] ?? algorithm;
}

export const CREDENTIAL_TYPE_LABELS: Record<CredentialType, string> = {
  CLIENT_SECRET: 'Client secret',
  CERTIFICATE: 'Certificate',
  PRIVATE_KEY_JWT: 'Private key JWT',
  FEDERATED: 'Federated',
};

/** How a credential is called in questions such as "Delete this secret?". */
export const CREDENTIAL_TYPE_NOUNS: Record<CredentialType, string> = {
  CLIENT_SECRET: 'secret',
  CERTIFICATE: 'certificate',
  PRIVATE_KEY_JWT: 'key',
  FEDERATED: 'federated credential',
};

/** The confirmation asked before deleting a credential. */
export const CREDENTIAL_DELETE_MESSAGES: Record<CredentialType, string> = {
  CLIENT_SECRET: 'Delete this secret? Integrations using it stop working at once.',
  CERTIFICATE: 'Delete this certificate? It is revoked at once and listed on the CRL; integrations using it stop working.',
  PRIVATE_KEY_JWT: 'Delete this key? Client assertions signed with it are refused at once; integrations using it stop working.',
  FEDERATED: 'Delete this federated credential? Tokens from its issuer are refused at once; workloads using it stop working.',
};

/** The confirmation asked before disabling a credential. */
export const CREDENTIAL_DISABLE_MESSAGES: Record<CredentialType, string> = {
  CLIENT_SECRET:
    'Disable this secret? Token requests with it are refused at once, and the tokens it obtained stop working for good. You can enable it again later.',
  CERTIFICATE:
    'Disable this certificate? Token requests with it are refused at once, and the tokens it obtained stop working for good. You can enable it again later.',
  PRIVATE_KEY_JWT:
    'Disable this key? Token requests signed with it are refused at once, and the tokens it obtained stop working for good. You can enable it again later.',
  FEDERATED:
    'Disable this federated credential? Token requests with its issuer’s tokens are refused at once, and the tokens it obtained stop working for good. You can enable it again later.',
};

export const CREDENTIAL_STATUS_BADGES: Record<CredentialStatus, { label: string; className: string; title: string }> = {
  ACTIVE: { label: 'Active', className: 'badge badge-ok', title: 'Usable to obtain tokens.' },
  EXPIRED: { label: 'Expired', className: 'badge badge-danger', title: 'Past its expiry; it no longer works.' },
  SUSPENDED: {
    label: 'Suspended',
    className: 'badge badge-warning',
    title: 'The API client is disabled; it works again when the client is enabled.',
  },
  DISABLED: {
    label: 'Disabled',
    className: 'badge badge-off',
    title: 'Disabled: it obtains no tokens and gets no reminders until it is enabled again.',
  },
};
