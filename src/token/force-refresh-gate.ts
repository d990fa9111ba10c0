/**
 * When a credential manager may send a forced refresh (stable_token's `force_refresh`, which retires the current
 * token and which WeChat allows 20 times a day, 30 s apart). Two things lead to one: an explicit
 * `refresh({ force: true })`, and WeChat handing back a value it has just rejected (stable_token returns the token
 * it holds, rejected or not). Either way at most one forced refresh goes out per interval, across every process
 * sharing the store when it has locks.
 * @module
 */
import { lockOwner } from './lock.js';
import type { TokenStore } from './store.js';

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
export class ForceRefreshGate {
  readonly #o: ForceRefreshGateOptions;
  readonly #intervalMs: number;
  /** A value WeChat rejected; if the next fetch hands it back, a forced refresh is due. */
  #rejected: string | undefined;
  #lastForcedAt = Number.NEGATIVE_INFINITY;

  constructor(options: ForceRefreshGateOptions) {
    this.#o = options;
    this.#intervalMs = options.intervalMs ?? 30_000;
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
   * Whether a forced refresh may go at `now`: at most one per interval, across processes when the store has a lock
   * (a lock that is never released, so it expires after the interval), else in this process. A yes counts as sent.
   */
  async tryForce(now: number): Promise<boolean> {
    if (!this.#o.canForce || now - this.#lastForcedAt < this.#intervalMs) return false;
    const { store } = this.#o;
    if (store.acquireLock !== undefined) {
      try {
        if (!(await store.acquireLock(`${this.#o.key}:force`, lockOwner(), this.#intervalMs))) return false;
      } catch (err) {
        this.#o.onStoreError(err);
      }
    }
    this.#lastForcedAt = now;
    return true;
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
