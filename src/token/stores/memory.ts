/**
 * The default store: a Map in this process. Fast and simple; tokens are lost on restart and not shared with other
 * processes (use the file store to survive restarts, the Redis store to share).
 * @module
 */
import { SlidingWindow } from '../rate-cap.js';
import type { TokenRecord, TokenStore } from '../store.js';

/**
 * Options of {@link createMemoryStore}.
 *
 * @example
 * ```ts
 * let clock = Date.now();
 * const store = createMemoryStore({ now: () => clock }); // a test moves the clock past a lock's TTL
 * await store.acquireLock?.('lock', 'a', 1000); // true
 * clock += 1001;
 * await store.acquireLock?.('lock', 'b', 1000); // true: the first lock expired
 * ```
 */
export interface MemoryStoreOptions {
  /** Clock for lock expiry; defaults to `Date.now`. */
  now?: () => number;
}

/**
 * Creates an in-process store. Managers sharing one memory store (several accounts' worth of code in one process)
 * also share its lock and call cap.
 *
 * @example
 * ```ts
 * import { createTokenManager } from 'wxmp/token';
 * const manager = createTokenManager({
 *   appId: 'wx1234567890abcdef',
 *   appSecret: process.env.WECHAT_APPSECRET!,
 *   store: createMemoryStore(),
 * });
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): TokenStore {
  const now = options.now ?? Date.now;
  const records = new Map<string, TokenRecord>();
  const locks = new Map<string, { owner: string; until: number }>();
  const windows = new Map<string, SlidingWindow>();

  return {
    get(key) {
      return Promise.resolve(records.get(key));
    },
    set(key, record) {
      records.set(key, { ...record });
      return Promise.resolve();
    },
    deleteIf(key, value) {
      if (records.get(key)?.value !== value) return Promise.resolve(false);
      records.delete(key);
      return Promise.resolve(true);
    },
    acquireLock(key, owner, ttlMs) {
      const held = locks.get(key);
      if (held && held.until > now()) return Promise.resolve(false);
      locks.set(key, { owner, until: now() + ttlMs });
      return Promise.resolve(true);
    },
    releaseLock(key, owner) {
      if (locks.get(key)?.owner === owner) locks.delete(key);
      return Promise.resolve();
    },
    takeSlot(key, limit, windowMs, at) {
      let window = windows.get(key);
      if (!window || window.limit !== limit || window.windowMs !== windowMs) {
        window = new SlidingWindow(limit, windowMs);
        windows.set(key, window);
      }
      return Promise.resolve(window.tryTake(at));
    },
    countSlots(key, windowMs, at) {
      const window = windows.get(key);
      return Promise.resolve(window && window.windowMs === windowMs ? window.count(at) : 0);
    },
    close() {
      return Promise.resolve();
    },
  };
}
