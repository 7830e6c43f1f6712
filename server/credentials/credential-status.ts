import { CredentialStatus } from './credential.entity.js';

/** What a credential's status depends on: the stored facts, never a stored status (it would go stale). */
export interface StatusFacts {
  expiresAt: Date;
  enabled: boolean;
}

/**
 * EXPIRED (past expiresAt), DISABLED (the credential itself), SUSPENDED (client disabled) or ACTIVE, at `nowMs`, in that
 * order: expiry is final, and enabling the client does not bring back a credential disabled by itself. The one rule that
 * GraphQL's `status`, the token endpoint's cache and the reminders all read.
 */
export function credentialStatus(credential: StatusFacts, clientEnabled: boolean, nowMs: number): CredentialStatus {
  if (credential.expiresAt.getTime() <= nowMs) return CredentialStatus.EXPIRED;
  if (!credential.enabled) return CredentialStatus.DISABLED;
  if (!clientEnabled) return CredentialStatus.SUSPENDED;
  return CredentialStatus.ACTIVE;
}

/** Whether a credential still gets expiry reminders: neither expired nor disabled (a suspended client's are still reminded of). */
export function isRemindable(credential: StatusFacts, nowMs: number): boolean {
  const status = credentialStatus(credential, true, nowMs);
  return status === CredentialStatus.ACTIVE;
}
