import { describe, expect, it } from 'vitest';
import { type ChainedEvent, canonicalJson, findFirstBreak, GENESIS_HASH, hashEvent } from './chain.js';

function chain(length: number): (ChainedEvent & { hash: string })[] {
  const events: (ChainedEvent & { hash: string })[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= length; i++) {
    const event: ChainedEvent = {
      id: `event-${i}`,
      chainKey: 'tenant',
      seq: String(i),
      occurredAt: new Date(Date.UTC(2026, 10, 22, 12, 0, i)),
      actorType: 'USER',
      actorName: 'Ada',
      action: 'client.updated',
      changes: { name: { from: `v${i}`, to: `v${i + 1}` } },
      prevHash,
    };
    const hash = hashEvent(event);
    events.push({ ...event, hash });
    prevHash = hash;
  }
  return events;
}

describe('the audit hash chain', () => {
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }),
    );
  });

  it('accepts an intact chain', () => {
    const events = chain(5);
    expect(findFirstBreak(events, { seq: '5', hash: events[4].hash }).brokenAt).toBeNull();
  });

  it('names the first altered event', () => {
    const events = chain(5);
    events[2].changes = { name: { from: 'v3', to: 'forged' } };
    expect(findFirstBreak(events, null).brokenAt).toEqual({
      eventId: 'event-3',
      seq: '3',
      reason: 'its content was changed after it was recorded',
    });
  });

  it('names the event after a deleted one', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(findFirstBreak(events, null).brokenAt).toMatchObject({ eventId: 'event-3', reason: 'event #2 is missing before it (deleted?)' });
  });

  it('notices events cut off the end', () => {
    const events = chain(5);
    expect(findFirstBreak(events.slice(0, 3), { seq: '5', hash: events[4].hash }).brokenAt?.reason).toBe(
      'events after #3 are missing (deleted?)',
    );
  });

  it('notices a re-hashed event whose link no longer matches', () => {
    const events = chain(3);
    events[1].changes = {};
    events[1].hash = hashEvent(events[1]);
    expect(findFirstBreak(events, null).brokenAt).toMatchObject({
      eventId: 'event-3',
      reason: 'its link to the previous event does not match',
    });
  });
});
