import { describe, expect, it } from 'vitest';
import { type ChainedEvent, canonicalJson, findFirstBreak, GENESIS_HASH, keyCheck, keyedHash, legacySha256 } from './chain.js';

const KEY = Buffer.alloc(32, 7);
const hashEvent = keyedHash(KEY);

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
    expect(findFirstBreak(events, { seq: '5', hash: events[4].hash }, hashEvent).brokenAt).toBeNull();
  });

  it('names the first altered event', () => {
    const events = chain(5);
    events[2].changes = { name: { from: 'v3', to: 'forged' } };
    expect(findFirstBreak(events, null, hashEvent).brokenAt).toEqual({
      eventId: 'event-3',
      seq: '3',
      reason: 'its content was changed after it was recorded',
    });
  });

  it('names the event after a deleted one', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(findFirstBreak(events, null, hashEvent).brokenAt).toMatchObject({
      eventId: 'event-3',
      reason: 'event #2 is missing before it (deleted?)',
    });
  });

  it('notices events cut off the end', () => {
    const events = chain(5);
    expect(findFirstBreak(events.slice(0, 3), { seq: '5', hash: events[4].hash }, hashEvent).brokenAt?.reason).toBe(
      'events after #3 are missing (deleted?)',
    );
  });

  it('notices a re-hashed event whose link no longer matches', () => {
    const events = chain(3);
    events[1].changes = {};
    events[1].hash = hashEvent(events[1]);
    expect(findFirstBreak(events, null, hashEvent).brokenAt).toMatchObject({
      eventId: 'event-3',
      reason: 'its link to the previous event does not match',
    });
  });

  it('does not verify events re-hashed without the key, with plain SHA-256 or another key', () => {
    for (const forge of [legacySha256, keyedHash(Buffer.alloc(32, 8))]) {
      const events = chain(3);
      events[1].action = 'client.deleted';
      let prevHash = events[0].hash;
      for (const event of events.slice(1)) {
        event.prevHash = prevHash;
        event.hash = forge(event);
        prevHash = event.hash;
      }
      expect(findFirstBreak(events, { seq: '3', hash: prevHash }, hashEvent).brokenAt).toEqual({
        eventId: 'event-2',
        seq: '2',
        reason: 'its content was changed after it was recorded',
      });
    }
  });

  it('tells keys apart by a check value that is neither the key nor an event hash', () => {
    expect(keyCheck(KEY)).toBe(keyCheck(Buffer.alloc(32, 7)));
    expect(keyCheck(KEY)).not.toBe(keyCheck(Buffer.alloc(32, 8)));
    expect(keyCheck(KEY)).not.toContain(KEY.toString('hex'));
  });
});
