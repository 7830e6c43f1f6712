import { isIP } from 'node:net';
import { BadUserInputError } from '../kernel/errors.js';
import type { OutboundPolicy } from '../outbound/outbound.js';
import { normalizeOutboundUrl } from '../vault/vault.rules.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-events.js';

/** The input rules of a webhook endpoint; each refusal names the field and the fix. */
export const WEBHOOK_RULES = { descriptionMax: 500, endpointsPerTenant: 20 } as const;

export function normalizeWebhookUrl(
  value: string | null | undefined,
  policy: Pick<OutboundPolicy, 'allowPrivate' | 'allowAddresses'>,
): string {
  const url = normalizeOutboundUrl('url', value, policy, 'The webhook URL');
  if (!url) throw new BadUserInputError('url', 'The webhook URL is required, e.g. https://hooks.example.com/keyward.');
  // Plain http only to an address the operator allows (KEYWARD_OUTBOUND_ALLOW_ADDRESSES), given as that address: a host
  // name could resolve anywhere, and events must not cross the internet unencrypted.
  const parsed = new URL(url);
  if (parsed.protocol === 'http:' && !policy.allowPrivate && isIP(parsed.hostname.replace(/^\[|\]$/g, '')) === 0)
    throw new BadUserInputError(
      'url',
      'The webhook URL must be an https:// URL; plain http is accepted only to an address KEYWARD_OUTBOUND_ALLOW_ADDRESSES allows, written as that IP address.',
    );
  return url;
}

export function normalizeEventTypes(value: readonly string[] | null | undefined): string[] {
  const types = [...new Set((value ?? []).map((type) => type.trim()).filter(Boolean))];
  if (types.length === 0) throw new BadUserInputError('eventTypes', `Choose at least one event type: ${WEBHOOK_EVENT_TYPES.join(', ')}.`);
  const unknown = types.filter((type) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0)
    throw new BadUserInputError(
      'eventTypes',
      `${unknown.map((type) => `"${type.slice(0, 64)}"`).join(', ')} ${unknown.length === 1 ? 'is not an event type' : 'are not event types'}; the event types are ${WEBHOOK_EVENT_TYPES.join(', ')}.`,
      unknown,
    );
  return types;
}

export function normalizeWebhookDescription(value: string | null | undefined): string | null {
  const text = (value ?? '').trim();
  if (text.length > WEBHOOK_RULES.descriptionMax)
    throw new BadUserInputError(
      'description',
      `The description is ${text.length} characters long; shorten it to at most ${WEBHOOK_RULES.descriptionMax}.`,
    );
  return text || null;
}

/**
 * When a delivery that has failed `attempts` times is tried next, or null when it is given up: the waits of the
 * retry schedule (KEYWARD_WEBHOOK_RETRY_SECONDS), one per failed attempt.
 */
export function nextAttemptAt(attempts: number, failedAt: Date, scheduleSeconds: readonly number[]): Date | null {
  const wait = scheduleSeconds[attempts - 1];
  return wait === undefined ? null : new Date(failedAt.getTime() + wait * 1000);
}
