/**
 * Where tokens live between calls and between processes: the `TokenStore` interface the manager codes against.
 *
 * A store holds records under string keys (one per account and credential kind), deletes a record only when it
 * still holds a given value, and may offer a lock and a shared call counter so several processes act as one.
 * @module
 */

/**
 * One cached credential (an access_token or a ticket).
 */
export interface TokenRecord {
  /** The credential itself; never logged. */
  value: string;
  /** When WeChat stops accepting it, in epoch milliseconds. */
  expiresAt: number;
  /** When it was fetched, in epoch milliseconds; lets other processes see a refresh has just happened. */
  fetchedAt: number;
}

/**
 * Storage for tokens. `get`, `set` and `deleteIf` are required; the lock and the call counter are optional, and a
 * store without them coordinates only the callers of one process.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from 'wxmp/token';
 * const store: TokenStore = createMemoryStore();
 * await store.set('wx1234:access_token', { value: 'T', expiresAt: Date.now() + 60_000, fetchedAt: Date.now() }, 60_000);
 * ```
 */
export interface TokenStore {
  /** Reads the record under `key`, or `undefined` when there is none. */
  get(key: string): Promise<TokenRecord | undefined>;
  /** Writes the record; `ttlMs` is how long the store should keep it (a hint; the manager checks `expiresAt`). */
  set(key: string, record: TokenRecord, ttlMs: number): Promise<void>;
  /**
   * Deletes the record only when its value is exactly `value`; true when something was deleted. This is what makes
   * `invalidate(staleToken)` harmless to a fresh token.
   */
  deleteIf(key: string, value: string): Promise<boolean>;
  /** Takes a lock held by `owner` for at most `ttlMs`; false when someone else holds it. */
  acquireLock?(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Releases the lock only when `owner` still holds it (so an expired holder cannot free a new holder's lock). */
  releaseLock?(key: string, owner: string): Promise<void>;
  /**
   * Records one call in a sliding window shared by every process using the store, when fewer than `limit` calls
   * happened in the last `windowMs`; true when the call may go ahead.
   */
  takeSlot?(key: string, limit: number, windowMs: number, now: number): Promise<boolean>;
  /** How many calls the window of {@link takeSlot} holds at `now` (for a budget an operator can see). */
  countSlots?(key: string, windowMs: number, now: number): Promise<number>;
  /** Frees what the store owns (connections it opened). */
  close?(): Promise<void>;
}
