/**
 * The cap on calls to WeChat's token endpoints: a broken store or a storm of invalidations must never burn the daily
 * quota (2000 calls of /cgi-bin/token a day). A sliding window: at most `limit` calls in any `windowMs`.
 * @module
 */
import { WeChatError } from '../errors.js';
import type { TokenStore } from './store.js';

/**
 * An in-process sliding-window log: remembers the times of the last `limit` calls.
 *
 * @example
 * ```ts
 * const cap = new SlidingWindow(10, 60_000);
 * if (cap.tryTake(Date.now())) await fetch('https://api.weixin.qq.com/cgi-bin/stable_token', { method: 'POST' });
 * ```
 */
export class SlidingWindow {
  readonly #times: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** True when one more call at `now` stays within the cap (nothing is recorded). */
  allows(now: number): boolean {
    this.#prune(now);
    return this.#times.length < this.limit;
  }

  /** Records a call at `now`. */
  record(now: number): void {
    this.#times.push(now);
  }

  /** Records a call at `now` when the cap allows it; true when it did. */
  tryTake(now: number): boolean {
    if (!this.allows(now)) return false;
    this.record(now);
    return true;
  }

  /** How many calls the window holds at `now`. */
  count(now: number): number {
    this.#prune(now);
    return this.#times.length;
  }

  #prune(now: number): void {
    // Times are pushed in call order, so expired ones sit at the front.
    while (this.#times.length > 0 && (this.#times[0] ?? 0) <= now - this.windowMs) this.#times.shift();
  }
}

/**
 * Options of {@link UpstreamCap}.
 */
export interface UpstreamCapOptions {
  /** Calls allowed per window, across every process sharing the store. */
  limit: number;
  /** Window length; 60 s for "calls a minute". */
  windowMs: number;
  /** The store; its `takeSlot`, when present, shares the cap between processes. */
  store: TokenStore;
  /** The store key of the shared window. */
  key: string;
  /** Told when the store could not answer, so the caller can log it; the in-process window then decides alone. */
  onStoreError?: (err: unknown) => void;
}

/**
 * The cap the manager asks before each upstream call: the shared window in the store when it answers, and always an
 * in-process window too, which alone decides while the store is down (so each process still makes at most `limit`
 * calls per window).
 *
 * @example
 * ```ts
 * import { createMemoryStore } from 'wxmp/token';
 * const cap = new UpstreamCap({ limit: 10, windowMs: 60_000, store: createMemoryStore(), key: 'wxmp:wx1234:cap' });
 * if (!(await cap.tryTake(Date.now()))) throw new Error('capped');
 * ```
 */
export class UpstreamCap {
  readonly #local: SlidingWindow;

  constructor(readonly options: UpstreamCapOptions) {
    this.#local = new SlidingWindow(options.limit, options.windowMs);
  }

  /** Takes a slot for one upstream call at `now`; false when the cap is reached. */
  async tryTake(now: number): Promise<boolean> {
    const { store, key, limit, windowMs } = this.options;
    if (!this.#local.allows(now)) return false;
    if (store.takeSlot) {
      try {
        if (!(await store.takeSlot(key, limit, windowMs, now))) return false;
      } catch (err) {
        this.options.onStoreError?.(err);
      }
    }
    // Recorded locally even when the store counted it, so the local window is accurate the moment the store fails.
    this.#local.record(now);
    return true;
  }

  /** The `RATE_LIMITED` error for a refresh of `label` that {@link tryTake} refused. */
  reachedError(label: string): WeChatError {
    const { limit, windowMs } = this.options;
    const window = windowMs === 60_000 ? 'the last minute' : `the last ${windowMs} ms`;
    return new WeChatError('RATE_LIMITED', `Not refreshing ${label}: ${limit} calls to WeChat in ${window}`, {
      hint: 'This cap protects the daily quota; look for code that invalidates tokens in a loop or a store that keeps losing them',
    });
  }
}
