/**
 * When the renewal job renews an OAuth2 credential's access token, and how it backs off after a failure
 * (docs/vault.md#renewal). Pure: the job's SQL selects by the same rule, and the service checks it again under the lock.
 */

/** A token is renewed when this share of its lifetime is left… */
export const RENEWAL_SHARE = 0.2;
/** …or this much, whichever is more, so that even a short-lived token is renewed with time to spare. */
export const RENEWAL_MIN_MARGIN_MS = 2 * 60_000;
/** The longest wait between two attempts after failures. */
export const RENEWAL_MAX_RETRY_MS = 60 * 60_000;

export interface RenewalState {
  enabled: boolean;
  expiresAt?: Date | null;
  accessTokenExpiresAt?: Date | null;
  lastRenewedAt?: Date | null;
  nextRenewalAttemptAt?: Date | null;
  needsReauthorizationAt?: Date | null;
}

/**
 * When the job should next renew: the retry time after a failure, else the token's expiry less the margin. Null when
 * the job leaves the credential alone — disabled, expired, needing to be authorized again, or holding no token yet
 * (the first one is obtained when someone asks for it).
 */
export function renewalDueAt(credential: RenewalState, now: Date): Date | null {
  if (!credential.enabled || credential.needsReauthorizationAt || !credential.accessTokenExpiresAt) return null;
  if (credential.expiresAt && credential.expiresAt.getTime() <= now.getTime()) return null;
  if (credential.nextRenewalAttemptAt) return credential.nextRenewalAttemptAt;
  const end = credential.accessTokenExpiresAt.getTime();
  const lifetime = Math.max(0, end - (credential.lastRenewedAt?.getTime() ?? end));
  return new Date(end - Math.max(lifetime * RENEWAL_SHARE, RENEWAL_MIN_MARGIN_MS));
}

export function renewalDue(credential: RenewalState, now: Date): boolean {
  const at = renewalDueAt(credential, now);
  return at !== null && at.getTime() <= now.getTime();
}

/** The same rule as `renewalDueAt`, as a SQL condition on vault_credential (with `?` bound to now, twice). */
export const RENEWAL_DUE_SQL = `type = 'OAUTH2' and enabled and needs_reauthorization_at is null and access_token_expires_at is not null
  and (expires_at is null or expires_at > ?)
  and coalesce(next_renewal_attempt_at, access_token_expires_at - greatest(
        (access_token_expires_at - coalesce(last_renewed_at, access_token_expires_at)) * ${RENEWAL_SHARE},
        interval '${RENEWAL_MIN_MARGIN_MS / 1000} seconds')) <= ?`;

/** The wait after the `failures`-th failure in a row: the base, then twice as long each time, up to an hour. */
export function retryDelayMs(failures: number, baseSeconds: number): number {
  return Math.min(RENEWAL_MAX_RETRY_MS, baseSeconds * 1000 * 2 ** Math.max(0, failures - 1));
}

export interface RenewalPolicy {
  /** Failures in a row after which the credential needs to be authorized again. */
  maxFailures: number;
  retryBaseSeconds: number;
}
