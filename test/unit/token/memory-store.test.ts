import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/token/stores/memory.js';
import { Clock } from '../../support/token-test-kit.js';

const record = (value: string) => ({ value, expiresAt: 2, fetchedAt: 1 });

describe('memory store', () => {
  it('deleteIf removes the record only when it holds exactly that value', async () => {
    const store = createMemoryStore();
    await store.set('k', record('FRESH'), 1000);
    expect(await store.deleteIf('k', 'STALE')).toBe(false);
    expect((await store.get('k'))?.value).toBe('FRESH');
    expect(await store.deleteIf('k', 'FRESH')).toBe(true);
    expect(await store.get('k')).toBeUndefined();
  });

  it('a lock has one holder until it is released by that holder or expires', async () => {
    const clock = new Clock();
    const store = createMemoryStore({ now: clock.now });
    expect(await store.acquireLock!('l', 'a', 1000)).toBe(true);
    expect(await store.acquireLock!('l', 'b', 1000)).toBe(false);
    await store.releaseLock!('l', 'b'); // not the holder: no effect
    expect(await store.acquireLock!('l', 'b', 1000)).toBe(false);
    clock.advance(1000);
    expect(await store.acquireLock!('l', 'b', 1000)).toBe(true);
    await store.releaseLock!('l', 'b');
    expect(await store.acquireLock!('l', 'c', 1000)).toBe(true);
  });

  it('takeSlot admits `limit` calls per window', async () => {
    const store = createMemoryStore();
    const taken = [];
    for (let t = 0; t < 5; t++) taken.push(await store.takeSlot!('cap', 3, 60_000, t));
    expect(taken).toEqual([true, true, true, false, false]);
    expect(await store.takeSlot!('cap', 3, 60_000, 60_000)).toBe(true);
  });
});
