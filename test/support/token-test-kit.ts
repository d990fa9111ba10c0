/** Shared pieces of the token tests: a clock, a capturing logger, a store that can fail, window counting. */
import type { Logger } from '../../src/logger.js';
import type { TokenStore } from '../../src/token/store.js';

export const APP_ID = 'wx0123456789abcdef';
export const APP_SECRET = '0123456789abcdef0123456789abcdef';

/** A clock tests move by hand. */
export class Clock {
  constructor(public t = 1_700_000_000_000) {}
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A logger that keeps every line, so tests can check nothing secret was written. */
export function captureLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (obj: object, msg?: string) => {
    lines.push(JSON.stringify({ level, ...obj, msg }));
  };
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** Wraps a store; while `down` is true every call fails like an unreachable Redis. */
export function flakyStore(inner: TokenStore): TokenStore & { down: boolean } {
  const wrapper = {
    down: false,
    guard<T>(call: () => Promise<T>): Promise<T> {
      return wrapper.down ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')) : call();
    },
  };
  const store: TokenStore & { down: boolean } = {
    get down() {
      return wrapper.down;
    },
    set down(value: boolean) {
      wrapper.down = value;
    },
    get: (key) => wrapper.guard(() => inner.get(key)),
    set: (key, record, ttl) => wrapper.guard(() => inner.set(key, record, ttl)),
    deleteIf: (key, value) => wrapper.guard(() => inner.deleteIf(key, value)),
    acquireLock: (key, owner, ttl) => wrapper.guard(() => inner.acquireLock!(key, owner, ttl)),
    releaseLock: (key, owner) => wrapper.guard(() => inner.releaseLock!(key, owner)),
    takeSlot: (key, limit, windowMs, now) => wrapper.guard(() => inner.takeSlot!(key, limit, windowMs, now)),
  };
  return store;
}

/** A promise resolved from outside. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Most calls in any `windowMs` span of the given times. */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[j] ?? 0) <= (sorted[i] ?? 0) - windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** A memory store whose writes fail like a read-only Redis replica's, until `writable` is set. */
export function readOnlyStore(inner: TokenStore): TokenStore & { writable: boolean; writes: number } {
  const store = {
    ...inner,
    writable: false,
    writes: 0,
    set: (key: string, record: Parameters<TokenStore['set']>[1], ttlMs: number) => {
      store.writes += 1;
      if (!store.writable)
        return Promise.reject(new Error("READONLY You can't write against a read only replica."));
      return inner.set(key, record, ttlMs);
    },
  };
  return store;
}
