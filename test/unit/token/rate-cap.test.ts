import { describe, expect, it } from 'vitest';
import { SlidingWindow, UpstreamCap } from '../../../src/token/rate-cap.js';
import { createMemoryStore } from '../../../src/token/stores/memory.js';
import { flakyStore } from '../../support/token-test-kit.js';

describe('SlidingWindow', () => {
  it('admits `limit` calls in a window, then refuses until the oldest call leaves it', () => {
    const window = new SlidingWindow(3, 60_000);
    expect([0, 10, 20, 30].map((t) => window.tryTake(t))).toEqual([true, true, true, false]);
    expect(window.tryTake(59_999)).toBe(false);
    expect(window.tryTake(60_000)).toBe(true); // the call at 0 has left the window
    expect(window.count(60_000)).toBe(3);
  });
});

describe('UpstreamCap', () => {
  it('shares its window through the store: two caps on one store admit `limit` calls together', async () => {
    const store = createMemoryStore();
    const a = new UpstreamCap({ limit: 4, windowMs: 60_000, store, key: 'k' });
    const b = new UpstreamCap({ limit: 4, windowMs: 60_000, store, key: 'k' });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await a.tryTake(i), await b.tryTake(i));
    expect(results.filter(Boolean)).toHaveLength(4);
  });

  it('falls back to the in-process window when the store fails, and reports the failure', async () => {
    const store = flakyStore(createMemoryStore());
    const errors: unknown[] = [];
    const cap = new UpstreamCap({
      limit: 2,
      windowMs: 60_000,
      store,
      key: 'k',
      onStoreError: (e) => errors.push(e),
    });
    expect(await cap.tryTake(0)).toBe(true);
    store.down = true;
    expect(await cap.tryTake(1)).toBe(true);
    expect(await cap.tryTake(2)).toBe(false); // the call taken through the store still counts locally
    expect(errors).toHaveLength(1);
  });

  it('words a refused refresh as RATE_LIMITED, with the cap and why it exists', () => {
    const cap = new UpstreamCap({ limit: 10, windowMs: 60_000, store: createMemoryStore(), key: 'k' });
    const err = cap.reachedError('access_token');
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.message).toContain('Not refreshing access_token: 10 calls to WeChat in the last minute');
    expect(err.hint).toContain('daily quota');
  });
});
