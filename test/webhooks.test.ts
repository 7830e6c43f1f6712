import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../server/kernel/permissions.js';
import { WEBHOOK_EVENT_TYPES } from '../server/webhooks/webhook-events.js';
import { startKeyward, type TestKeyward } from './support/keyward.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const CREATE = `mutation($input: WebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { signingSecret endpoint { id url eventTypes enabled } }
}`;
const UPDATE =
  'mutation($id: ID!, $input: WebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { id enabled eventTypes } }';
const DELIVERIES = `query($id: ID!, $first: Int) { webhookDeliveries(endpointId: $id, first: $first) {
  totalCount edges { node { id messageId eventType status attemptCount attempts { attemptNo trigger statusCode error } } }
} }`;
const UPDATE_CLIENT = 'mutation($id: ID!, $input: UpdateApiClientInput!) { updateApiClient(id: $id, input: $input) { id } }';
const ROTATE =
  'mutation($id: ID!, $e: DateTimeISO!) { rotateClientSecret(id: $id, input: { expiresAt: $e }) { secret credential { id } } }';
const DELETE_CREDENTIAL = 'mutation($id: ID!) { deleteCredential(id: $id) }';

let kw: TestKeyward;
let admin: string;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  kw = await startKeyward({
    // The receivers listen on 127.0.0.1; retries come after a second, not after 5 s, 5 min, 30 min…
    env: { KEYWARD_OUTBOUND_ALLOW_ADDRESSES: '127.0.0.1', KEYWARD_WEBHOOK_RETRY_SECONDS: '1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1' },
  });
  admin = await kw.login();
});
afterAll(async () => {
  await kw?.destroy();
  for (const receiver of receivers) await receiver.close();
});

/** A receiver and an endpoint of the default tenant pointing at it, subscribed to `eventTypes`. */
async function endpointFor(eventTypes: string[]): Promise<{ id: string; receiver: WebhookReceiver }> {
  const receiver = await startWebhookReceiver();
  receivers.push(receiver);
  const created = await kw.gql(CREATE, { input: { url: receiver.url, eventTypes } }, admin);
  expect(created.errors).toBeUndefined();
  receiver.secret = created.data!.createWebhookEndpoint.signingSecret;
  return { id: created.data!.createWebhookEndpoint.endpoint.id, receiver };
}

const tenantId = async () => (await kw.sql<{ id: string }>(`select id from tenant where slug = 'default'`))[0].id;
const lastSeq = async () =>
  Number((await kw.sql<{ seq: string }>('select max(seq)::text as seq from audit_event where tenant_id = ?', [await tenantId()]))[0].seq);
const seqsAfter = async (after: number) =>
  (
    await kw.sql<{ seq: string }>('select seq::text as seq from audit_event where tenant_id = ? and seq > ? order by audit_event.seq', [
      await tenantId(),
      after,
    ])
  ).map((row) => Number(row.seq));

describe('webhook endpoints over GraphQL', () => {
  it('show the whsec_ signing secret once, at creation, and never again', async () => {
    const { id, receiver } = await endpointFor(['client.created']);
    expect(receiver.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const listed = await kw.gql('{ webhookEndpoints { id url eventTypes enabled } }', {}, admin);
    expect(listed.data!.webhookEndpoints).toContainEqual({ id, url: receiver.url, eventTypes: ['client.created'], enabled: true });
    expect(JSON.stringify(listed)).not.toContain(receiver.secret);
    const asked = await kw.gql('{ webhookEndpoints { id signingSecret } }', {}, admin);
    expect(asked.errors?.[0].message).toMatch(/Cannot query field "signingSecret" on type "WebhookEndpoint"/);
    const [stored] = await kw.sql<{ sealed_secret: string }>('select sealed_secret from webhook_endpoint where id = ?', [id]);
    expect(stored.sealed_secret).not.toContain(receiver.secret.slice('whsec_'.length));
    // Nor in the audit trail of its creation.
    const [audit] = await kw.sql<{ changes: unknown }>(
      `select changes from audit_event where action = 'webhook.endpoint_created' and target_id = ?`,
      [id],
    );
    expect(JSON.stringify(audit.changes)).toContain(receiver.url);
    expect(JSON.stringify(audit.changes)).not.toContain(receiver.secret);
  });

  it('refuse a URL that is not https, an unknown event type and no event type, naming the field and the fix', async () => {
    const plain = await kw.gql(CREATE, { input: { url: 'http://hooks.example.com/in', eventTypes: ['audit.event'] } }, admin);
    expect(plain.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    expect(plain.errors?.[0].message).toMatch(/must be an https:\/\/ URL/);
    const unknown = await kw.gql(CREATE, { input: { url: 'https://hooks.example.com/in', eventTypes: ['credential.exploded'] } }, admin);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'eventTypes', invalid: ['credential.exploded'] });
    expect(unknown.errors?.[0].message).toContain('"credential.exploded" is not an event type');
    for (const type of WEBHOOK_EVENT_TYPES) expect(unknown.errors?.[0].message).toContain(type);
    const none = await kw.gql(CREATE, { input: { url: 'https://hooks.example.com/in', eventTypes: [] } }, admin);
    expect(none.errors?.[0].extensions).toMatchObject({ field: 'eventTypes' });
    expect(none.errors?.[0].message).toMatch(/^Choose at least one event type: audit\.event, /);
    expect((await kw.sql(`select 1 from webhook_endpoint where url like 'https://hooks.example.com%'`)).length).toBe(0);
  });

  it('are for security administrators only', async () => {
    const clientAdmin = await kw.userWith([Permission.CLIENT_ADMINISTRATION, Permission.VAULT_MANAGE]);
    for (const [query, variables] of [
      ['{ webhookEndpoints { id } }', {}],
      [CREATE, { input: { url: 'https://hooks.example.com/in', eventTypes: ['audit.event'] } }],
    ] as const) {
      const refused = await kw.gql(query, variables, clientAdmin);
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(refused.errors?.[0].message).toContain('SECURITY_ADMINISTRATION');
    }
  });
});

describe('deliveries', () => {
  it('audit.event carries every audit event of a flow, in order, signed, and never a secret value', async () => {
    const { id, receiver } = await endpointFor(['audit.event']);
    const from = await lastSeq();
    const client = await kw.clientWithSecret(admin, { client: { name: 'Webhook flow' } });
    const rotated = await kw.gql(ROTATE, { id: client.secretId, e: new Date(Date.now() + 20 * 86_400_000).toISOString() }, admin);
    expect(rotated.errors).toBeUndefined();
    const newSecret = rotated.data!.rotateClientSecret.secret as string;
    expect((await kw.gql(DELETE_CREDENTIAL, { id: rotated.data!.rotateClientSecret.credential.id }, admin)).errors).toBeUndefined();
    const expected = await seqsAfter(from);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    await expect.poll(() => receiver.acceptedIds().length, { timeout: 15_000 }).toBe(expected.length);
    const received = receiver.accepted();
    expect(received.every((request) => request.verified)).toBe(true);
    expect(received.map((request) => request.payload.data.seq)).toEqual(expected);
    expect(received.map((request) => request.payload.data.action)).toEqual([
      'client.created',
      'credential.created',
      'credential.rotated',
      'credential.deleted',
    ]);
    expect(received[0].payload).toMatchObject({ type: 'audit.event', data: { target: { type: 'API_CLIENT', id: client.id } } });
    for (const request of receiver.requests) {
      expect(request.body).not.toContain(client.secret);
      expect(request.body).not.toContain(newSecret);
      expect(request.body).not.toContain(receiver.secret);
    }
    expect(kw.logs.join('')).not.toContain(receiver.secret);
    // The log says the same: every delivery DELIVERED at its first attempt.
    const log = await kw.gql(DELIVERIES, { id, first: 50 }, admin);
    expect(log.data!.webhookDeliveries.totalCount).toBe(expected.length);
    for (const { node } of log.data!.webhookDeliveries.edges)
      expect(node).toMatchObject({
        eventType: 'audit.event',
        status: 'DELIVERED',
        attemptCount: 1,
        attempts: [{ attemptNo: 1, trigger: 'scheduled', statusCode: 204, error: null }],
      });
  });

  it('lifecycle events: client.created, credential.created with its kind, client.updated and client.disabled', async () => {
    const { receiver } = await endpointFor(['client.created', 'client.updated', 'client.disabled', 'credential.created']);
    const client = await kw.clientWithSecret(admin, { client: { name: 'Lifecycle' } });
    expect((await kw.gql(UPDATE_CLIENT, { id: client.id, input: { enabled: false } }, admin)).errors).toBeUndefined();
    await expect.poll(() => receiver.acceptedIds().length, { timeout: 15_000 }).toBe(4);
    const [created, credential, updated, disabled] = receiver.accepted();
    expect(receiver.accepted().every((request) => request.verified)).toBe(true);
    expect(created.payload).toMatchObject({
      type: 'client.created',
      data: {
        action: 'client.created',
        tenant: { slug: 'default' },
        client: { id: client.id, clientId: client.clientId },
        actor: { type: 'USER' },
      },
    });
    expect(credential.payload).toMatchObject({
      type: 'credential.created',
      data: {
        action: 'credential.created',
        credential: { id: client.secretId, kind: 'CLIENT_SECRET' },
        client: { clientId: client.clientId },
      },
    });
    expect(updated.payload).toMatchObject({ type: 'client.updated', data: { changes: { enabled: { from: true, to: false } } } });
    expect(disabled.payload).toMatchObject({ type: 'client.disabled', data: { auditEventId: updated.payload.data.auditEventId } });
    expect(Date.parse(created.payload.timestamp)).not.toBeNaN();
    for (const request of receiver.requests) expect(request.body).not.toContain(client.secret);
  });

  it('a receiver that fails for a while gets every event once it recovers, each once, in order, after retries', async () => {
    const { id, receiver } = await endpointFor(['audit.event']);
    receiver.failWith = 503;
    const from = await lastSeq();
    const client = await kw.apiClient(admin, { name: 'While down' });
    for (let i = 1; i <= 4; i++) await kw.gql(UPDATE_CLIENT, { id: client.id, input: { description: `change ${i}` } }, admin);
    const expected = await seqsAfter(from);
    // Only the head is tried while it fails: the first event, again and again.
    await expect.poll(() => receiver.requests.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    expect(new Set(receiver.requests.map((request) => request.id)).size).toBe(1);
    const log = await kw.gql(DELIVERIES, { id, first: 50 }, admin);
    const head = log.data!.webhookDeliveries.edges.at(-1).node;
    expect(head.status).toBe('PENDING');
    expect(head.attempts.length).toBeGreaterThanOrEqual(2);
    expect(head.attempts[0]).toMatchObject({ statusCode: 503, error: expect.stringContaining('HTTP 503') });
    receiver.failWith = null;
    await expect.poll(() => receiver.acceptedIds().length, { timeout: 20_000 }).toBe(expected.length);
    expect(receiver.accepted().map((request) => request.payload.data.seq)).toEqual(expected);
    expect(receiver.requests.every((request) => request.verified)).toBe(true);
    const [{ failing_since }] = await kw.sql<{ failing_since: unknown }>('select failing_since from webhook_endpoint where id = ?', [id]);
    expect(failing_since).toBeNull();
  });

  it('redeliver sends the same message again (same webhook-id); send test delivers webhook.test at once', async () => {
    const { id, receiver } = await endpointFor(['client.created']);
    await kw.apiClient(admin, { name: 'Redelivered' });
    await expect.poll(() => receiver.acceptedIds().length, { timeout: 15_000 }).toBe(1);
    const log = await kw.gql(DELIVERIES, { id, first: 10 }, admin);
    const delivery = log.data!.webhookDeliveries.edges[0].node;
    const again = await kw.gql(
      'mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { ok statusCode message deliveryId } }',
      { id: delivery.id },
      admin,
    );
    expect(again.data!.redeliverWebhook).toMatchObject({ ok: true, statusCode: 204, deliveryId: delivery.id });
    expect(receiver.requests.map((request) => request.id)).toEqual([delivery.messageId, delivery.messageId]);
    expect(receiver.requests[1].verified).toBe(true);
    const after = await kw.gql(DELIVERIES, { id, first: 10 }, admin);
    expect(after.data!.webhookDeliveries.edges[0].node.attempts.map((a: { trigger: string }) => a.trigger)).toEqual([
      'scheduled',
      'redelivery',
    ]);

    const test = await kw.gql('mutation($id: ID!) { sendTestWebhook(endpointId: $id) { ok statusCode message } }', { id }, admin);
    expect(test.data!.sendTestWebhook).toMatchObject({ ok: true, statusCode: 204 });
    expect(receiver.requests.at(-1)).toMatchObject({ type: 'webhook.test', verified: true });
    receiver.failWith = 500;
    const failed = await kw.gql('mutation($id: ID!) { sendTestWebhook(endpointId: $id) { ok statusCode message } }', { id }, admin);
    expect(failed.data!.sendTestWebhook).toMatchObject({ ok: false, statusCode: 500, message: expect.stringContaining('HTTP 500') });
  });

  it('a disabled endpoint gets nothing; editing its event types changes what it gets', async () => {
    const { id, receiver } = await endpointFor(['client.created']);
    expect((await kw.gql(UPDATE, { id, input: { enabled: false } }, admin)).data!.updateWebhookEndpoint.enabled).toBe(false);
    await kw.apiClient(admin, { name: 'Unheard' });
    expect((await kw.gql(UPDATE, { id, input: { enabled: true, eventTypes: ['client.deleted'] } }, admin)).errors).toBeUndefined();
    const heard = await kw.apiClient(admin, { name: 'Heard when deleted' });
    await kw.gql('mutation($id: ID!) { deleteApiClient(id: $id) }', { id: heard.id }, admin);
    await expect.poll(() => receiver.acceptedIds().length, { timeout: 15_000 }).toBe(1);
    expect(receiver.accepted()[0].payload).toMatchObject({ type: 'client.deleted', data: { target: { id: heard.id } } });
    expect((await kw.gql('mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }', { id }, admin)).data).toEqual({
      deleteWebhookEndpoint: true,
    });
    expect(await kw.sql('select 1 from webhook_delivery where endpoint_id = ?', [id])).toHaveLength(0);
  });

  it('authenticate with the endpoint’s vault credential, without a vault.used audit event per delivery', async () => {
    const token = 'partner-bearer-token-0123456789';
    const vault = await kw.gql(
      'mutation($input: VaultCredentialInput!) { createVaultCredential(input: $input) { id } }',
      { input: { name: 'Webhook receiver token', type: 'BEARER_TOKEN', contactEmails: ['ops@example.com'], bearerToken: { token } } },
      admin,
    );
    expect(vault.errors).toBeUndefined();
    const { id, receiver } = await endpointFor(['client.created']);
    const linked = await kw.gql(
      'mutation($id: ID!, $input: WebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { id vaultCredentialId } }',
      { id, input: { vaultCredentialId: vault.data!.createVaultCredential.id } },
      admin,
    );
    expect(linked.data!.updateWebhookEndpoint.vaultCredentialId).toBe(vault.data!.createVaultCredential.id);
    await kw.apiClient(admin, { name: 'Authenticated delivery' });
    await expect.poll(() => receiver.acceptedIds().length, { timeout: 15_000 }).toBe(1);
    expect(receiver.accepted()[0]).toMatchObject({ verified: true, headers: { authorization: `Bearer ${token}` } });
    const used = await kw.sql(`select 1 from audit_event where action = 'vault.used' and target_id = ?`, [
      vault.data!.createVaultCredential.id,
    ]);
    expect(used).toHaveLength(0);
    expect(kw.logs.join('')).not.toContain(token);
  });

  it('belong to their tenant: another tenant neither sees nor redelivers them, and its events do not reach them', async () => {
    const { id, receiver } = await endpointFor(['audit.event']);
    await kw.apiClient(admin, { name: 'Ours' });
    await expect.poll(() => receiver.acceptedIds().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const log = await kw.gql(DELIVERIES, { id, first: 1 }, admin);
    const deliveryId = log.data!.webhookDeliveries.edges[0].node.id;
    const other = await kw.createTenant('webhook-neighbour');
    expect((await kw.gql('{ webhookEndpoints { id } }', {}, other.cookie)).data!.webhookEndpoints).toEqual([]);
    const theirs = await kw.gql(DELIVERIES, { id, first: 1 }, other.cookie);
    expect(theirs.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const redelivered = await kw.gql('mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { ok } }', { id: deliveryId }, other.cookie);
    expect(redelivered.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const tested = await kw.gql('mutation($id: ID!) { sendTestWebhook(endpointId: $id) { ok } }', { id }, other.cookie);
    expect(tested.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const before = receiver.requests.length;
    await kw.apiClient(other.cookie, { name: 'Theirs' });
    await kw.apiClient(admin, { name: 'Ours again' });
    await expect
      .poll(() => receiver.accepted().some((request) => request.payload.data.target?.name === 'Ours again'), { timeout: 15_000 })
      .toBe(true);
    const names = receiver.requests.slice(before).map((request) => request.payload.data.target?.name);
    expect(names).not.toContain('Theirs');
    expect(receiver.requests.slice(before).every((request) => request.payload.data.tenant.slug === 'default')).toBe(true);
    // A tenant without endpoints stores nothing for its events.
    const stored = await kw.sql(`select 1 from webhook_message m join tenant t on t.id = m.tenant_id where t.slug = 'webhook-neighbour'`);
    expect(stored).toHaveLength(0);
  });
});
