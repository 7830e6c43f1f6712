import { describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES, webhookEventsOf } from './webhook-events.js';

const of = (action: string, changes: Record<string, { from: unknown; to: unknown }> = {}) => webhookEventsOf({ action, changes });

describe('the webhook events an audit event becomes', () => {
  it('always audit.event first, then the lifecycle event its action means', () => {
    expect(of('credential.created')).toEqual(['audit.event', 'credential.created']);
    expect(of('credential.renewed')).toEqual(['audit.event', 'credential.created']);
    expect(of('reminder.sent')).toEqual(['audit.event', 'credential.expiring']);
    expect(of('reminder.failed')).toEqual(['audit.event', 'credential.expiring']);
    expect(of('vault.renewal_failed')).toEqual(['audit.event', 'vault.renewal_failed']);
    expect(of('client.deleted')).toEqual(['audit.event', 'client.deleted']);
  });

  it('maps the governance actions written elsewhere (unused, exposed, expired) to their events', () => {
    expect(of('credential.unused')).toEqual(['audit.event', 'credential.unused']);
    expect(of('credential.exposed')).toEqual(['audit.event', 'credential.exposed']);
    expect(of('credential.expired')).toEqual(['audit.event', 'credential.expired']);
    expect(of('credential.disabled')).toEqual(['audit.event', 'credential.disabled']);
    expect(of('credential.rotated')).toEqual(['audit.event', 'credential.rotated']);
  });

  it('client.updated is also client.disabled when it turned the client off, and only then', () => {
    expect(of('client.updated', { enabled: { from: true, to: false } })).toEqual(['audit.event', 'client.updated', 'client.disabled']);
    expect(of('client.updated', { enabled: { from: false, to: true } })).toEqual(['audit.event', 'client.updated']);
    expect(of('client.updated', { name: { from: 'a', to: 'b' } })).toEqual(['audit.event', 'client.updated']);
  });

  it('any other action is audit.event alone, and every event named is one an endpoint can subscribe to', () => {
    expect(of('auth.login')).toEqual(['audit.event']);
    expect(of('webhook.endpoint_disabled')).toEqual(['audit.event']);
    for (const action of ['credential.created', 'reminder.sent', 'client.updated', 'credential.unused'])
      for (const type of of(action, { enabled: { from: true, to: false } })) expect(WEBHOOK_EVENT_TYPES).toContain(type);
  });
});
