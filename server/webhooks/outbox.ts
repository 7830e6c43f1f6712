import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEvent } from '../audit/audit-event.entity.js';
import { CHANGE_FEED_CHANNEL } from '../db/change-feed.js';
import { auditEventData, lifecycleData, webhookEventsOf } from './webhook-events.js';

/** The change feed topic that wakes the webhook dispatcher of every process when an outbox row commits. */
export const WEBHOOKS_TOPIC = 'webhooks';

/** Transactions that wrote outbox rows: the dispatcher of this process is woken when one commits (webhook-dispatcher.ts). */
const wrote = new WeakSet<object>();

/** Whether the (committed) transaction wrote webhook messages. */
export function wroteWebhookMessages(transaction: object | undefined): boolean {
  return transaction !== undefined && wrote.has(transaction);
}

/** `webhook-id`: stable across attempts and redeliveries, so a receiver deduplicates with it. */
export function newMessageId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}

/**
 * The outbox (docs/webhooks.md#ordering-and-delivery): the webhook messages an audit event becomes, and one delivery
 * per enabled endpoint of the tenant subscribed to each, in the audit event's own transaction. recordAudit calls it
 * under the tenant's chain-head lock, so messages are numbered in the audit chain's (commit) order.
 *
 * One statement per audit event: it selects the subscribed endpoints, inserts a message only where one exists, and
 * its deliveries; a tenant without endpoints pays that one cheap statement, and nothing is stored. The facts added to a
 * lifecycle event (the tenant, the client's clientId, the credential's kind and expiry) are read in it only then.
 */
export async function writeOutbox(em: EntityManager, transaction: object, event: AuditEvent): Promise<void> {
  if (!event.tenantId) return;
  const types = webhookEventsOf(event);
  const values: unknown[] = [];
  const rows = types.map((type, ordinal) => {
    const data = type === 'audit.event' ? auditEventData(event) : lifecycleData(type, event);
    const payload = { type, timestamp: event.occurredAt.toISOString(), data };
    values.push(ordinal, newMessageId(), type, JSON.stringify(payload), type !== 'audit.event');
    return '(?::int, ?::text, ?::text, ?::jsonb, ?::boolean)';
  });
  const credentialId = event.targetType === 'CREDENTIAL' ? (event.targetId ?? null) : null;
  const clientId = event.apiClientId ?? (event.targetType === 'API_CLIENT' ? (event.targetId ?? null) : null);
  const [result] = await em.getConnection().execute<{ deliveries: string }[]>(
    `with wanted (ordinal, id, type, payload, lifecycle) as (values ${rows.join(', ')}),
     subscribed as (
       select e.id as endpoint_id, w.id as message_id, w.ordinal
       from webhook_endpoint e join wanted w on w.type = any (e.event_types)
       where e.tenant_id = ? and e.enabled),
     facts as (
       select jsonb_build_object('id', t.id, 'slug', t.slug) as tenant,
         coalesce((select jsonb_build_object('id', a.id, 'clientId', a.client_id, 'name', a.name) from api_client a where a.id = ?::uuid), ?::jsonb) as client,
         coalesce((select jsonb_build_object('id', c.id, 'kind', c.type,
             'expiresAt', to_char(c.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             'daysLeft', ceil(extract(epoch from (c.expires_at - ?::timestamptz)) / 86400)::int)
          from credential c where c.id = ?::uuid), ?::jsonb) as credential
       from tenant t where t.id = ?),
     messages as (
       insert into webhook_message (id, tenant_id, type, payload, created_at)
       select w.id, ?, w.type,
         jsonb_set(w.payload, '{data}', (w.payload -> 'data') || case when w.lifecycle
           then jsonb_build_object('tenant', f.tenant, 'client', f.client, 'credential', f.credential)
           else jsonb_build_object('tenant', f.tenant) end),
         ?
       from wanted w cross join facts f
       where exists (select 1 from subscribed s where s.message_id = w.id)
       returning id),
     deliveries as (
       insert into webhook_delivery (endpoint_id, message_id, status, attempts, next_attempt_at)
       select s.endpoint_id, s.message_id, 'PENDING', 0, ?
       from subscribed s join messages m on m.id = s.message_id
       order by s.ordinal, s.endpoint_id
       returning 1)
     select n as deliveries, case when n > 0 then pg_notify(?, ?) end as notified
     from (select count(*) as n from deliveries) d`,
    [
      ...values,
      event.tenantId,
      clientId,
      JSON.stringify(clientFromChanges(event, clientId)),
      event.occurredAt,
      credentialId,
      JSON.stringify(credentialFromChanges(event, credentialId)),
      event.tenantId,
      event.tenantId,
      event.occurredAt,
      event.occurredAt,
      CHANGE_FEED_CHANNEL,
      WEBHOOKS_TOPIC,
    ],
    'all',
    transaction,
  );
  if (Number(result?.deliveries ?? 0) > 0) wrote.add(transaction);
}

/** What the event itself says of its client: all there is while it is being created (not yet written) or once deleted. */
function clientFromChanges(event: AuditEvent, id: string | null): Record<string, unknown> | null {
  if (!id) return null;
  const clientId = event.changes.clientId;
  return {
    id,
    clientId: clientId?.to ?? clientId?.from ?? null,
    name: event.targetType === 'API_CLIENT' ? (event.targetName ?? null) : null,
  };
}

/** The same for its credential: kind and expiry from a creation's (or deletion's) changes. */
function credentialFromChanges(event: AuditEvent, id: string | null): Record<string, unknown> | null {
  if (!id) return null;
  const kind = event.changes.type;
  const expiry = event.changes.expiresAt;
  const expiresAt = (expiry?.to ?? expiry?.from ?? null) as string | null;
  return {
    id,
    kind: kind?.to ?? kind?.from ?? null,
    expiresAt,
    daysLeft: expiresAt ? Math.ceil((Date.parse(expiresAt) - event.occurredAt.getTime()) / 86_400_000) : null,
  };
}
