/**
 * The cross-process refresh lock, seen from one caller: take it, or wait for whoever holds it to publish a new
 * token. The lock itself is the store's (`SET key owner NX PX ttl` and a compare-and-delete release in Redis).
 * @module
 */
import { randomBytes } from 'node:crypto';
import { WeChatError } from '../errors.js';
import type { TokenStore } from './store.js';

/**
 * A random lock owner value, so only the holder can release its lock.
 *
 * @example
 * ```ts
 * const owner = lockOwner(); // 'b1946ac92492d2347c6235b4d2611184'
 * ```
 */
export function lockOwner(): string {
  return randomBytes(16).toString('hex');
}

/**
 * How long a waiter sleeps before its `attempt`-th look at the store: 10 ms doubling to 100 ms. Short at first
 * because a refresh is usually one round trip to WeChat; capped so many waiters do not hammer the store.
 *
 * @example
 * ```ts
 * [0, 1, 2, 3, 4].map(pollDelay); // [10, 20, 40, 80, 100]
 * ```
 */
export function pollDelay(attempt: number): number {
  return Math.min(100, 10 * 2 ** attempt);
}

/**
 * What one attempt to take the lock found.
 */
export type LockAttempt = 'acquired' | 'busy' | 'unavailable';

/**
 * The outcome of {@link acquireOrWait}.
 */
export type LockOutcome<T> =
  { kind: 'acquired' } | { kind: 'unavailable' } | { kind: 'published'; value: T } | { kind: 'timeout' };

/**
 * Options of {@link acquireOrWait}.
 */
export interface AcquireOrWaitOptions<T> {
  /** One attempt at the lock; `unavailable` when the store has no lock or cannot be reached. */
  tryLock: () => Promise<LockAttempt>;
  /** Looks in the store for what the holder publishes; a value ends the wait. */
  check: () => Promise<T | undefined>;
  /** Longest total sleep before giving up; longer than the lock's TTL, so a dead holder's lock expires first. */
  maxWaitMs: number;
  /** Sleeps; injectable so tests need no real time. */
  sleep: (ms: number) => Promise<void>;
}

/**
 * Takes the lock, or waits with a short backoff until the holder publishes a result, the lock frees up (its holder
 * failed or died, and we take over), or `maxWaitMs` passes.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from 'wxmp/token';
 * const store = createMemoryStore();
 * const lock = storeLock({ store, key: 'wx1234:access_token:lock', ttlMs: 22_000, onStoreError: console.warn });
 * const owner = lockOwner();
 * const outcome = await acquireOrWait({
 *   tryLock: () => lock.tryLock(owner),
 *   check: async () => (await store.get('wx1234:access_token'))?.value,
 *   maxWaitMs: 25_000,
 *   sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
 * });
 * if (outcome.kind === 'published') console.log('another process refreshed it:', outcome.value);
 * ```
 */
export async function acquireOrWait<T>(options: AcquireOrWaitOptions<T>): Promise<LockOutcome<T>> {
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    const lock = await options.tryLock();
    if (lock !== 'busy') return { kind: lock };
    if (waited >= options.maxWaitMs) return { kind: 'timeout' };
    const delay = pollDelay(attempt);
    await options.sleep(delay);
    waited += delay;
    const value = await options.check();
    if (value !== undefined) return { kind: 'published', value };
  }
}

/**
 * One lock of a {@link TokenStore}, as a credential manager uses it: `unavailable` when the store has no locks or
 * fails (then single-flight and the in-process cap alone bound the calls), and a release that never throws (a lock
 * left behind expires after its TTL).
 *
 * @example
 * ```ts
 * import { createMemoryStore } from 'wxmp/token';
 * const store = createMemoryStore();
 * const lock = storeLock({ store, key: 'wx1234:access_token:lock', ttlMs: 22_000, onStoreError: console.warn });
 * const owner = lockOwner();
 * if ((await lock.tryLock(owner)) === 'acquired') await lock.release(owner);
 * ```
 */
export function storeLock(options: {
  store: TokenStore;
  key: string;
  ttlMs: number;
  onStoreError: (err: unknown) => void;
}): { tryLock(owner: string): Promise<LockAttempt>; release(owner: string): Promise<void> } {
  const { store, key, ttlMs, onStoreError } = options;
  return {
    async tryLock(owner) {
      if (store.acquireLock === undefined) return 'unavailable';
      try {
        return (await store.acquireLock(key, owner, ttlMs)) ? 'acquired' : 'busy';
      } catch (err) {
        onStoreError(err);
        return 'unavailable';
      }
    },
    async release(owner) {
      try {
        await store.releaseLock?.(key, owner);
      } catch (err) {
        onStoreError(err);
      }
    },
  };
}

/**
 * The error of a caller that waited longer than a lock's TTL for its holder to publish `label`.
 *
 * @example
 * ```ts
 * const err = lockTimeoutError('access_token');
 * err.code; // 'TOKEN_UNAVAILABLE'
 * ```
 */
export function lockTimeoutError(label: string): WeChatError {
  return new WeChatError('TOKEN_UNAVAILABLE', `Another process held the ${label} refresh lock too long`, {
    hint: 'Check that process, or the store (REDIS_URL)',
  });
}
