import { type Credential, CredentialType } from '../credential.entity.js';
import type { CredentialKind } from './kind.js';

/** A generated secret, shown once and stored as a keyed hash (../client-secret.ts); sent as HTTP Basic or in the body. */
export const CLIENT_SECRET_KIND: CredentialKind = {
  type: CredentialType.CLIENT_SECRET,
  words: 'client secret',
  hint: (credential) => credential.secretHint ?? null,
  auditLabel: (credential) => `client secret ${credential.secretHint}`,
  snapshot: (credential) => ({ secretHint: credential.secretHint }),
  deletionChanges: (credential: Credential) => (credential.secretHint ? { secretHint: { from: credential.secretHint, to: null } } : {}),
  cached: (credential) => ({
    secretHash: credential.secretHash ? Buffer.from(credential.secretHash) : null,
    thumbprint: null,
    assertionKeys: null,
    federation: null,
  }),
};
