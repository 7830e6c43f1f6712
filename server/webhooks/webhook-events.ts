import type { AuditEvent } from '../audit/audit-event.entity.js';

/**
 * The events an endpoint can subscribe to (docs/webhooks.md#events). Each is derived from an audit event:
 * `audit.event` carries every one (a stream for a SIEM), the others the lifecycle of credentials and clients.
 */
export const WEBHOOK_EVENT_TYPES = [
  'audit.event',
  'credential.created',
  'credential.rotated',
  'credential.deleted',
  'credential.disabled',
  'credential.exposed',
  'credential.unused',
  'credential.expiring',
  'credential.expired',
  'client.created',
  'client.updated',
  'client.disabled',
  'client.deleted',
  'vault.renewal_failed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent by `sendTestWebhook` only; no endpoint subscribes to it. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** The audit actions that are one lifecycle event each, as they are. */
const SAME_NAME = new Set<string>([
  'credential.rotated',
  'credential.deleted',
  'credential.disabled',
  'credential.exposed',
  'credential.unused',
  'credential.expired',
  'client.created',
  'client.updated',
  'client.deleted',
  'vault.renewal_failed',
]);

/** The part of an audit event the mapping reads. */
export type AuditFacts = Pick<AuditEvent, 'action' | 'changes'>;

/** The lifecycle events (besides `audit.event`) an audit action means, in the order they are sent. */
export function lifecycleEventsOf(event: AuditFacts): WebhookEventType[] {
  const { action } = event;
  if (action === 'credential.created' || action === 'credential.renewed') return ['credential.created'];
  if (action === 'reminder.sent' || action === 'reminder.failed') return ['credential.expiring'];
  if (action === 'client.updated') return event.changes.enabled?.to === false ? ['client.updated', 'client.disabled'] : ['client.updated'];
  if (SAME_NAME.has(action)) return [action as WebhookEventType];
  return [];
}

/** Every event an audit event becomes: `audit.event` first, then its lifecycle events. */
export function webhookEventsOf(event: AuditFacts): WebhookEventType[] {
  return ['audit.event', ...lifecycleEventsOf(event)];
}

/** The audit event as the trail shows it (the `audit.event` payload's data); it holds no secret, as the trail holds none. */
export function auditEventData(event: AuditEvent): Record<string, unknown> {
  return {
    id: event.id,
    seq: Number(event.seq),
    occurredAt: event.occurredAt.toISOString(),
    actor: { type: event.actorType, id: event.actorId ?? null, name: event.actorName },
    action: event.action,
    target: event.targetType ? { type: event.targetType, id: event.targetId ?? null, name: event.targetName ?? null } : null,
    apiClientId: event.apiClientId ?? null,
    changes: event.changes,
    ip: event.ipAddress ?? null,
    userAgent: event.userAgent ?? null,
    requestId: event.requestId ?? null,
    hash: event.hash,
  };
}

/** A lifecycle event's data, before the enrichment the outbox adds in SQL (the tenant, the client's clientId, the credential's kind). */
export function lifecycleData(type: WebhookEventType, event: AuditEvent): Record<string, unknown> {
  const data: Record<string, unknown> = {
    auditEventId: event.id,
    action: event.action,
    occurredAt: event.occurredAt.toISOString(),
    actor: { type: event.actorType, id: event.actorId ?? null, name: event.actorName },
    target: event.targetType ? { type: event.targetType, id: event.targetId ?? null, name: event.targetName ?? null } : null,
    apiClientId: event.apiClientId ?? null,
    changes: event.changes,
  };
  if (type === 'credential.expiring') {
    data.stage = event.changes.stage?.to ?? null;
    data.emailSent = event.action === 'reminder.sent';
  }
  return data;
}
