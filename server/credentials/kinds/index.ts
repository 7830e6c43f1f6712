import { CredentialType } from '../credential.entity.js';
import { CERTIFICATE_KIND } from './certificate.js';
import { CLIENT_SECRET_KIND } from './client-secret.js';
import { FEDERATED_KIND } from './federated.js';
import type { CredentialKind } from './kind.js';
import { PRIVATE_KEY_JWT_KIND } from './private-key-jwt.js';

/** Every credential kind, by type: a new kind is one module under kinds/ and one line here (docs/architecture.md). */
export const CREDENTIAL_KINDS: Readonly<Record<CredentialType, CredentialKind>> = {
  [CredentialType.CLIENT_SECRET]: CLIENT_SECRET_KIND,
  [CredentialType.CERTIFICATE]: CERTIFICATE_KIND,
  [CredentialType.PRIVATE_KEY_JWT]: PRIVATE_KEY_JWT_KIND,
  [CredentialType.FEDERATED]: FEDERATED_KIND,
};

export function kindOf(type: CredentialType): CredentialKind {
  return CREDENTIAL_KINDS[type];
}

export type { CachedCredential, CredentialKind } from './kind.js';
