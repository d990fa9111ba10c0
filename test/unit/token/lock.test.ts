import { describe, expect, it } from 'vitest';
import {
  acquireOrWait,
  lockOwner,
  lockTimeoutError,
  pollDelay,
  storeLock,
  type LockAttempt,
} from '../../../src/token/lock.js';
import { createMemoryStore } from '../../../src/token/stores/memory.js';
import { flakyStore } from '../../support/token-test-kit.js';

const noSleep = () => Promise.resolve();

describe('lock helpers', () => {
  it('owner values are random', () => {
    expect(lockOwner()).not.toBe(lockOwner());
    expect(lockOwner()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('polls at 10 ms doubling up to 100 ms', () => {
    expect([0, 1, 2, 3, 4, 9].map(pollDelay)).toEqual([10, 20, 40, 80, 100, 100]);
  });
});

describe('acquireOrWait', () => {
  it('returns acquired when the lock is free', async () => {
    const outcome = await acquireOrWait({
      tryLock: () => Promise.resolve('acquired' as const),
      check: () => Promise.resolve('x'),
      maxWaitMs: 100,
      sleep: noSleep,
    });
    expect(outcome).toEqual({ kind: 'acquired' });
  });

  it('waits while the lock is busy and returns what the holder published', async () => {
    let checks = 0;
    const outcome = await acquireOrWait({
      tryLock: () => Promise.resolve('busy' as const),
      check: () => Promise.resolve(++checks === 3 ? 'TOKEN' : undefined),
      maxWaitMs: 10_000,
      sleep: noSleep,
    });
    expect(outcome).toEqual({ kind: 'published', value: 'TOKEN' });
  });

  it('takes over when the holder frees the lock without publishing', async () => {
    const attempts: LockAttempt[] = ['busy', 'busy', 'acquired'];
    const outcome = await acquireOrWait({
      tryLock: () => Promise.resolve(attempts.shift()!),
      check: () => Promise.resolve(undefined),
      maxWaitMs: 10_000,
      sleep: noSleep,
    });
    expect(outcome).toEqual({ kind: 'acquired' });
  });

  it('gives up after sleeping maxWaitMs in total', async () => {
    let slept = 0;
    const outcome = await acquireOrWait({
      tryLock: () => Promise.resolve('busy' as const),
      check: () => Promise.resolve(undefined),
      maxWaitMs: 1000,
      sleep: (ms) => {
        slept += ms;
        return Promise.resolve();
      },
    });
    expect(outcome).toEqual({ kind: 'timeout' });
    expect(slept).toBeGreaterThanOrEqual(1000);
    expect(slept).toBeLessThan(1100);
  });

  it('reports a store without a lock as unavailable', async () => {
    const outcome = await acquireOrWait({
      tryLock: () => Promise.resolve('unavailable' as const),
      check: () => Promise.resolve('x'),
      maxWaitMs: 1,
      sleep: noSleep,
    });
    expect(outcome).toEqual({ kind: 'unavailable' });
  });
});

describe('storeLock', () => {
  it("takes the store's lock for one owner at a time and releases it for the next", async () => {
    const store = createMemoryStore();
    const lock = storeLock({ store, key: 'k:lock', ttlMs: 10_000, onStoreError: () => {} });
    expect(await lock.tryLock('a')).toBe('acquired');
    expect(await lock.tryLock('b')).toBe('busy');
    await lock.release('b'); // not the holder: nothing happens
    expect(await lock.tryLock('b')).toBe('busy');
    await lock.release('a');
    expect(await lock.tryLock('b')).toBe('acquired');
  });

  it('is unavailable on a store without locks', async () => {
    const { acquireLock: _a, releaseLock: _r, ...withoutLocks } = createMemoryStore();
    const lock = storeLock({ store: withoutLocks, key: 'k:lock', ttlMs: 10_000, onStoreError: () => {} });
    expect(await lock.tryLock('a')).toBe('unavailable');
    await expect(lock.release('a')).resolves.toBeUndefined();
  });

  it('is unavailable while the store is down, and reports the errors instead of throwing', async () => {
    const store = flakyStore(createMemoryStore());
    store.down = true;
    const errors: unknown[] = [];
    const lock = storeLock({ store, key: 'k:lock', ttlMs: 10_000, onStoreError: (e) => errors.push(e) });
    expect(await lock.tryLock('a')).toBe('unavailable');
    await expect(lock.release('a')).resolves.toBeUndefined();
    expect(errors).toHaveLength(2);
  });

  it('names the credential when a holder kept the lock too long', () => {
    const err = lockTimeoutError('jsapi_ticket');
    expect(err.code).toBe('TOKEN_UNAVAILABLE');
    expect(err.message).toContain('jsapi_ticket refresh lock');
  });
});
