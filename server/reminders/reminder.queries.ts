import { wrap } from '@mikro-orm/core';
import { ApiClient } from '../clients/api-client.entity.js';
import { Credential } from '../credentials/credential.entity.js';
import type { Orm } from '../db/orm.js';
import type { Clock } from '../kernel/clock.js';
import { DAY_MS } from '../kernel/clock.js';
import { BadUserInputError } from '../kernel/errors.js';
import type { Viewer } from '../kernel/viewer.js';
import { daysLeft } from './cadence.js';
import { ReminderDelivery } from './reminder-delivery.entity.js';

/** What the SPA's Expiring soon page and scripts read: credentials near expiry and their reminder history. */
export class ReminderQueryService {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
  ) {}

  /**
   * The viewer's tenant's credentials that expire within `withinDays` (and have not yet), soonest first, with
   * their clients. Secrets replaced by a rotation are left out: they expire by design and get no reminders; so are
   * certificates with an enabled renewal, and disabled credentials, which get none either.
   */
  async expiring(viewer: Viewer, withinDays: number): Promise<Credential[]> {
    if (!Number.isInteger(withinDays) || withinDays < 1 || withinDays > 365) {
      throw new BadUserInputError(
        'withinDays',
        `The number of days to look ahead must be a whole number from 1 to 365; ${withinDays} was given.`,
      );
    }
    const now = this.clock.now();
    const em = this.orm.em.fork();
    const expiring = await em.find(
      Credential,
      {
        tenant: viewer.tenantId,
        replacedById: null,
        enabled: true,
        expiresAt: { $gt: now, $lte: new Date(now.getTime() + withinDays * DAY_MS) },
      },
      { populate: ['apiClient'], orderBy: { expiresAt: 'asc', id: 'asc' } },
    );
    const renewals = await em.find(
      Credential,
      { renewalOfId: { $in: expiring.map((c) => c.id) }, enabled: true },
      { fields: ['renewalOfId'] },
    );
    const renewed = new Set(renewals.map((renewal) => renewal.renewalOfId));
    return expiring.filter((credential) => !renewed.has(credential.id));
  }

  /** The client a credential belongs to (already loaded when the credential came from `expiring` or a client). */
  async clientOf(credential: Credential): Promise<ApiClient> {
    if (wrap(credential.apiClient).isInitialized()) return credential.apiClient;
    return this.orm.em.fork().findOneOrFail(ApiClient, credential.apiClient.id);
  }

  /** Whole days until the credential expires, rounded up (the cadence's count); null once it has expired. */
  daysLeftOf(credential: Credential): number | null {
    const left = daysLeft(credential.expiresAt, this.clock.now());
    return left > 0 ? left : null;
  }

  /** Every reminder sent (or being sent, or failed) about a credential, newest first: one per contact and stage. */
  async history(credentialId: string): Promise<ReminderDelivery[]> {
    return this.orm.em
      .fork()
      .find(ReminderDelivery, { credential: credentialId }, { orderBy: { claimedAt: 'desc', stage: 'asc', recipient: 'asc' } });
  }
}
