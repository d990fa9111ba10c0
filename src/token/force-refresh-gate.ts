/**
 * When a credential manager may send a forced refresh (stable_token's `force_refresh`, which retires the current
 * token and which WeChat allows 20 times a day, 30 s apart). Two things lead to one: an explicit
 * `refresh({ force: true })`, and WeChat handing back a value it has just rejected (stable_token returns the token
 * it holds, rejected or not). Either way at most one forced refresh goes out per interval, across every process
 * sharing the store when it has locks. A store that fails means no forced refresh at all: an instance cut off from
 * the others cannot know whether one of them just forced (each force retires the token the others serve), and a
 * plain call returns whatever token WeChat holds anyway. Forced refreshes are also rationed per day: WeChat's 20
 * less a reserve (default 5) for automatic ones, the reserve kept for an operator's explicit
 * `refresh({ force: true })`; {@link ForceRefreshGate.budget} shows what is left.
 * @module
 */
import { lockOwner } from './lock.js';
import { SlidingWindow } from './rate-cap.js';
import type { TokenStore } from './store.js';

/** WeChat allows 20 forced stable_token refreshes a day. */
export const FORCE_REFRESH_DAILY_LIMIT = 20;
/** Forced refreshes kept for an operator (`wxmp token --force`): automatic ones stop at the limit less this. */
export const DEFAULT_FORCE_REFRESH_RESERVE = 5;
/** The ration's window: any 24 hours (WeChat's day ends at midnight Beijing time; a sliding day never exceeds it). */
const DAY_MS = 24 * 60 * 60_000;

/**
 * The forced refreshes of the last 24 hours, for an operator (and a metrics endpoint).
 *
 * @example
 * ```ts
 * import { createTokenManager } from 'wxmp/token';
 * const tokens = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! });
 * const budget: ForceRefreshBudget = await tokens.forceRefreshBudget();
 * if (budget.available === 0) console.warn('no automatic force_refresh left today');
 * ```
 */
export interface ForceRefreshBudget {
  /** Forced refreshes in the last 24 hours (across processes when the store shares them, else this process's). */
  used: number;
  /** WeChat's daily allowance (20). */
  dailyLimit: number;
  /** Kept for explicit `refresh({ force: true })`. */
  reserve: number;
  /** Automatic forced refreshes still allowed: `dailyLimit - reserve - used`, at least 0. */
  available: number;
}

/** How long an invalidation is remembered in the store for other processes: longer than the force interval. */
const REJECTION_NOTE_MS = 5 * 60_000;

/**
 * Options of {@link ForceRefreshGate}.
 */
export interface ForceRefreshGateOptions {
  /** Store key of the credential; the gate keeps `<key>:force` (its lock) and `<key>:rejected` (the note). */
  key: string;
  store: TokenStore;
  /** Whether the fetcher honours `force` at all (stable_token does; the classic endpoint and getticket do not). */
  canForce: boolean;
  /** Minimum spacing of forced refreshes; default 30 s (WeChat's). */
  intervalMs?: number;
  /** Forced refreshes kept for explicit ones; default {@link DEFAULT_FORCE_REFRESH_RESERVE}. */
  reserve?: number;
  /** Told of every failed store call; the gate then decides on what this process knows. */
  onStoreError: (err: unknown) => void;
}

/**
 * The force gate of one credential, and its memory of the value WeChat rejected.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from 'wxmp/token';
 * const store = createMemoryStore();
 * const gate = new ForceRefreshGate({ key: 'wx1234:access_token', store, canForce: true, onStoreError: () => {} });
 * await gate.noteRejected('OLD_TOKEN', { now: Date.now(), share: true });
 * if (await gate.rejectedValueCameBack('OLD_TOKEN', Date.now())) console.log('send force_refresh');
 * ```
 */
/**
 * Why a forced refresh was not sent: one went out less than the interval (30 s) ago, here or in another process
 * sharing the store; the day's 20 are used; the store fails (so no process can know whether another just forced);
 * or the endpoint has no `force_refresh` (classic `/cgi-bin/token`, where every call issues a new token).
 *
 * @example
 * ```ts
 * const why: ForceRefusal = 'interval';
 * console.log(FORCE_REFUSAL_TEXT[why]);
 * ```
 */
export type ForceRefusal = 'interval' | 'ration' | 'store-unavailable' | 'not-supported';

/**
 * Each {@link ForceRefusal} in words, for the CLI and logs.
 *
 * @example
 * ```ts
 * console.error(`force_refresh not sent: ${FORCE_REFUSAL_TEXT.ration}`);
 * ```
 */
export const FORCE_REFUSAL_TEXT: Readonly<Record<ForceRefusal, string>> = {
  interval:
    'a forced refresh went out less than 30 s ago (here or in another process sharing the store); WeChat allows one per 30 s',
  ration: `the ${FORCE_REFRESH_DAILY_LIMIT} forced refreshes WeChat allows a day were used in the last 24 hours`,
  'store-unavailable':
    'the token store (Redis) cannot be reached, so no process can know whether another one just forced',
  'not-supported': 'classic mode (/cgi-bin/token) has no force_refresh: every call issues a new token',
};

export class ForceRefreshGate {
  readonly #o: ForceRefreshGateOptions;
  /** Why the last forced refresh asked for was not sent (undefined once one is sent). */
  #lastRefusal: ForceRefusal | undefined;
  readonly #intervalMs: number;
  /** A value WeChat rejected; if the next fetch hands it back, a forced refresh is due. */
  #rejected: string | undefined;
  #lastForcedAt = Number.NEGATIVE_INFINITY;
  readonly #reserve: number;
  /** This process's forced refreshes of the last day: the ration when the store cannot share one. */
  readonly #day = new SlidingWindow(FORCE_REFRESH_DAILY_LIMIT, DAY_MS);

  constructor(options: ForceRefreshGateOptions) {
    this.#o = options;
    this.#intervalMs = options.intervalMs ?? 30_000;
    this.#reserve = Math.min(FORCE_REFRESH_DAILY_LIMIT, options.reserve ?? DEFAULT_FORCE_REFRESH_RESERVE);
  }

  /**
   * Remembers that WeChat rejected `value`. With `share` (the value was still the stored one) and a fetcher that
   * can force, a note in the store tells whichever process refreshes next, so it too asks for a forced refresh if
   * WeChat hands the value back; the note outlives the force interval and then expires.
   */
  async noteRejected(value: string, options: { now: number; share: boolean }): Promise<void> {
    this.#rejected = value;
    if (!options.share || !this.#o.canForce) return;
    const { now } = options;
    const note = { value, expiresAt: now + REJECTION_NOTE_MS, fetchedAt: now };
    await this.#o.store.set(this.#rejectedKey, note, REJECTION_NOTE_MS).catch(this.#o.onStoreError);
  }

  /** Whether `value` is the one this process knows WeChat rejected (so it must not be served). */
  isRejected(value: string): boolean {
    return value === this.#rejected;
  }

  /** A fetched value was accepted: the rejection is forgotten, unless WeChat handed back that very value. */
  accepted(value: string): void {
    if (value !== this.#rejected) this.#rejected = undefined;
  }

  /**
   * Whether `value`, just fetched without force, is one WeChat rejected (as this process or another one knows) and
   * a forced refresh may go at `now`, which it then counts as sent.
   */
  async rejectedValueCameBack(value: string, now: number): Promise<boolean> {
    return this.#o.canForce && (await this.#wasRejected(value)) && (await this.tryForce(now));
  }

  /**
   * Whether a forced refresh may go at `now`, which it then counts as sent: at most one per interval, across
   * processes when the store has a lock (a lock that is never released, so it expires after the interval), else in
   * this process; within the day's ration (an `explicit` one may use the reserve); and never while the store fails.
   */
  async tryForce(now: number, options: { explicit?: boolean } = {}): Promise<boolean> {
    const refusal = await this.#refusal(now, options.explicit === true);
    this.#lastRefusal = refusal;
    if (refusal !== undefined) return false;
    this.#day.record(now);
    this.#lastForcedAt = now;
    return true;
  }

  /** Why the last forced refresh asked for was not sent; undefined when it was. */
  lastRefusal(): ForceRefusal | undefined {
    return this.#lastRefusal;
  }

  /** Why a forced refresh may not go at `now`; taking the interval lock and a slot of the day when it may. */
  async #refusal(now: number, explicit: boolean): Promise<ForceRefusal | undefined> {
    if (!this.#o.canForce) return 'not-supported';
    if (now - this.#lastForcedAt < this.#intervalMs) return 'interval';
    const { store } = this.#o;
    const ration = FORCE_REFRESH_DAILY_LIMIT - (explicit ? 0 : this.#reserve);
    try {
      if (
        store.acquireLock &&
        !(await store.acquireLock(`${this.#o.key}:force`, lockOwner(), this.#intervalMs))
      )
        return 'interval';
      if ((await this.#usedToday(now)) >= ration) return 'ration';
      if (store.takeSlot && !(await store.takeSlot(this.#dayKey, FORCE_REFRESH_DAILY_LIMIT, DAY_MS, now)))
        return 'ration';
    } catch (err) {
      this.#o.onStoreError(err);
      return 'store-unavailable';
    }
    return undefined;
  }

  /** The forced refreshes of the last 24 hours and what is left of the ration (this process's count if the store fails). */
  async budget(now: number): Promise<ForceRefreshBudget> {
    let used: number;
    try {
      used = await this.#usedToday(now);
    } catch (err) {
      this.#o.onStoreError(err);
      used = this.#day.count(now);
    }
    const available = Math.max(0, FORCE_REFRESH_DAILY_LIMIT - this.#reserve - used);
    return { used, dailyLimit: FORCE_REFRESH_DAILY_LIMIT, reserve: this.#reserve, available };
  }

  async #usedToday(now: number): Promise<number> {
    const shared = this.#o.store.countSlots ? await this.#o.store.countSlots(this.#dayKey, DAY_MS, now) : 0;
    return Math.max(shared, this.#day.count(now));
  }

  get #dayKey(): string {
    return `${this.#o.key}:forced`;
  }

  async #wasRejected(value: string): Promise<boolean> {
    if (value === this.#rejected) return true;
    try {
      return (await this.#o.store.get(this.#rejectedKey))?.value === value;
    } catch (err) {
      this.#o.onStoreError(err);
      return false;
    }
  }

  get #rejectedKey(): string {
    return `${this.#o.key}:rejected`;
  }
}
