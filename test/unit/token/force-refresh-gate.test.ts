import { describe, expect, it } from 'vitest';
import { ForceRefreshGate } from '../../../src/token/force-refresh-gate.js';
import type { TokenStore } from '../../../src/token/store.js';
import { createMemoryStore } from '../../../src/token/stores/memory.js';
import { Clock, flakyStore } from '../../support/token-test-kit.js';

const KEY = 'wx1:access_token';

function gateOn(store: TokenStore, options: { canForce?: boolean; errors?: unknown[] } = {}) {
  const errors = options.errors ?? [];
  return new ForceRefreshGate({
    key: KEY,
    store,
    canForce: options.canForce ?? true,
    onStoreError: (err) => errors.push(err),
  });
}

describe('ForceRefreshGate', () => {
  it('allows one forced refresh per 30 s', async () => {
    const clock = new Clock();
    const gate = gateOn(createMemoryStore({ now: clock.now }));
    expect(await gate.tryForce(clock.t)).toBe(true);
    clock.advance(29_999);
    expect(await gate.tryForce(clock.t)).toBe(false);
    clock.advance(1);
    expect(await gate.tryForce(clock.t)).toBe(true);
  });

  it('spaces forced refreshes across processes sharing the store (its lock)', async () => {
    const clock = new Clock();
    const store = createMemoryStore({ now: clock.now });
    const a = gateOn(store);
    const b = gateOn(store);
    expect(await a.tryForce(clock.t)).toBe(true);
    expect(await b.tryForce(clock.t)).toBe(false);
    clock.advance(30_000);
    expect(await b.tryForce(clock.t)).toBe(true);
  });

  it('never forces while the store is down (another instance may have), and reports the store error', async () => {
    const clock = new Clock();
    const store = flakyStore(createMemoryStore({ now: clock.now }));
    store.down = true;
    const errors: unknown[] = [];
    const gate = gateOn(store, { errors });
    expect(await gate.tryForce(clock.t)).toBe(false);
    expect(await gate.tryForce(clock.t, { explicit: true })).toBe(false);
    expect(errors).toHaveLength(2);
    store.down = false;
    expect(await gate.tryForce(clock.t)).toBe(true);
  });

  it('rations forced refreshes per day: 15 automatic ones, the reserve of 5 for explicit ones', async () => {
    const clock = new Clock();
    const store = createMemoryStore({ now: clock.now });
    const gate = gateOn(store);
    let automatic = 0;
    for (let i = 0; i < 30; i++, clock.advance(31_000)) if (await gate.tryForce(clock.t)) automatic++;
    expect(automatic).toBe(15);
    expect(await gate.budget(clock.t)).toEqual({ used: 15, dailyLimit: 20, reserve: 5, available: 0 });
    let explicit = 0;
    for (let i = 0; i < 10; i++, clock.advance(31_000))
      if (await gate.tryForce(clock.t, { explicit: true })) explicit++;
    expect(explicit).toBe(5);
    // Another process on the same store sees the same count, and a day later the ration is back.
    expect((await gateOn(store).budget(clock.t)).used).toBe(20);
    clock.advance(24 * 60 * 60_000);
    expect(await gate.budget(clock.t)).toMatchObject({ used: 0, available: 15 });
  });

  it('never forces for a fetcher without force_refresh', async () => {
    const clock = new Clock();
    const gate = gateOn(createMemoryStore({ now: clock.now }), { canForce: false });
    expect(await gate.tryForce(clock.t)).toBe(false);
    await gate.noteRejected('T1', { now: clock.t, share: true });
    expect(await gate.rejectedValueCameBack('T1', clock.t)).toBe(false);
    expect(gate.isRejected('T1')).toBe(true); // still never served again
  });

  it('a rejected value handed back calls for a forced refresh, once per interval', async () => {
    const clock = new Clock();
    const gate = gateOn(createMemoryStore({ now: clock.now }));
    await gate.noteRejected('T1', { now: clock.t, share: false });
    expect(gate.isRejected('T1')).toBe(true);
    expect(await gate.rejectedValueCameBack('T2', clock.t)).toBe(false);
    expect(await gate.rejectedValueCameBack('T1', clock.t)).toBe(true);
    expect(await gate.rejectedValueCameBack('T1', clock.t)).toBe(false); // the interval holds it back
  });

  it('shares a rejection through the store, so another process forces when WeChat hands the value back', async () => {
    const clock = new Clock();
    const store = createMemoryStore({ now: clock.now });
    await gateOn(store).noteRejected('T1', { now: clock.t, share: true });
    const other = gateOn(store);
    expect(other.isRejected('T1')).toBe(false);
    expect(await other.rejectedValueCameBack('T1', clock.t)).toBe(true);
  });

  it('keeps the rejection only until a different value is accepted', async () => {
    const clock = new Clock();
    const gate = gateOn(createMemoryStore({ now: clock.now }));
    await gate.noteRejected('T1', { now: clock.t, share: false });
    gate.accepted('T1'); // WeChat handed it back and no forced refresh could go
    expect(gate.isRejected('T1')).toBe(true);
    gate.accepted('T2');
    expect(gate.isRejected('T1')).toBe(false);
  });
});
