/**
 * The machinery shared by the access_token manager and the ticket managers: one cached credential, refreshed by a
 * fetcher, with single-flight, a cross-process lock, refresh ahead of expiry, exact invalidation, backoff, and a cap
 * on upstream calls.
 *
 * How one `get()` goes: read the store (or, when the store fails, the last record this process saw; when it answers
 * but refused to keep the record this process fetched, that record); a usable record is returned at once, and when
 * it is close to expiry a background refresh starts. Without a usable record the caller joins this process's one
 * refresh, which takes the store's lock or waits for the holder to publish. The holder re-reads the store (someone
 * may have just finished), asks the cap for a slot, calls WeChat and writes the result. Whatever fails, a record
 * that has not expired is served rather than an error.
 * @module
 */
import { errorMessage, WeChatError } from '../errors.js';
import type { Logger } from '../logger.js';
import { retryDelay, type BackoffOptions } from './backoff.js';
import type { CredentialFetcher, FetchedCredential } from './fetchers.js';
import { acquireOrWait, lockOwner, type LockAttempt } from './lock.js';
import { UpstreamCap } from './rate-cap.js';
import type { TokenRecord, TokenStore } from './store.js';

/**
 * Options of {@link CredentialManager}; the public factories fill them in.
 *
 * @example
 * ```ts
 * const options: CredentialManagerOptions = { label: 'access_token', key: 'wx1234:access_token', fetcher, store,
 *   now: Date.now, logger, refreshAheadMs: 300_000, maxUpstreamCallsPerMinute: 10, lockTtlMs: 22_000, canForce: true };
 * ```
 */
export interface CredentialManagerOptions {
  /** What is cached, for logs and errors: `access_token`, `jsapi_ticket`. */
  label: string;
  /** Store key of the record; the lock, the force gate and the cap use keys derived from it. */
  key: string;
  fetcher: CredentialFetcher;
  store: TokenStore;
  now: () => number;
  logger: Logger;
  /** Refresh in the background once less than this is left. */
  refreshAheadMs: number;
  /** Cap on fetcher calls per minute (shared through the store when it can). */
  maxUpstreamCallsPerMinute: number;
  /** How long the refresh lock is held at most; longer than the slowest fetch. */
  lockTtlMs: number;
  /**
   * Whether the fetcher honours `force` (stable_token's `force_refresh`). Only then is a value WeChat hands back
   * right after rejecting it worth a second, forced call.
   */
  canForce?: boolean;
  /** Minimum spacing of forced refreshes (WeChat: `force_refresh` at least 30 s apart). */
  forceIntervalMs?: number;
  backoff?: BackoffOptions;
  /** Sleeps while waiting for another process; default a timer. */
  sleep?: (ms: number) => Promise<void>;
}

const MINUTE_MS = 60_000;
/** How long an invalidation is remembered in the store for other processes. */
const REJECTION_NOTE_MS = 5 * MINUTE_MS;
/** Spacing of the retried writes of a record the store refused: one store write per second, not one per call. */
const WRITE_RETRY_MS = 1000;

/**
 * Why a refresh runs: `due` (no usable record, or one close to expiry) fetches only when the record is due;
 * `now` (an explicit `refresh()`) fetches unless a record was fetched moments ago; `force` always fetches.
 */
type RefreshMode = 'due' | 'now' | 'force';

/**
 * One cached credential kept fresh by a fetcher. `createTokenManager` and `createTicketManager` wrap it; use those.
 *
 * @example
 * ```ts
 * const cache = new CredentialManager({ label: 'access_token', key: 'wx1234:access_token', fetcher, store,
 *   now: Date.now, logger, refreshAheadMs: 300_000, maxUpstreamCallsPerMinute: 10, lockTtlMs: 22_000 });
 * const token = await cache.get();
 * ```
 */
export class CredentialManager {
  readonly #o: CredentialManagerOptions;
  readonly #cap: UpstreamCap;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #forceIntervalMs: number;
  /** A just-fetched record is not refreshed again for this long, even inside the refresh-ahead window. */
  readonly #settleMs: number;

  /** The last record this process read or fetched: what is served while the store is down. */
  #last: TokenRecord | undefined;
  /**
   * A record this process fetched but the store refused to keep (a read-only replica, an out-of-memory Redis):
   * served in place of the store's empty or older answer until it expires, is invalidated or gets written.
   */
  #unsaved: TokenRecord | undefined;
  #nextWriteAt = Number.NEGATIVE_INFINITY;
  #writeFailing = false;
  /** This process's one refresh in progress (single-flight); `force` says whether it sends force_refresh. */
  #inflight: { force: boolean; promise: Promise<TokenRecord> } | undefined;
  #background: Promise<void> | undefined;
  #failures = 0;
  #retryAt = Number.NEGATIVE_INFINITY;
  #lastError: unknown;
  /** A value WeChat rejected; if the next fetch hands it back, a forced refresh is due. */
  #rejected: string | undefined;
  #lastForcedAt = Number.NEGATIVE_INFINITY;
  #storeDown = false;
  #closed = false;

  constructor(options: CredentialManagerOptions) {
    this.#o = options;
    this.#forceIntervalMs = options.forceIntervalMs ?? 30_000;
    this.#settleMs = Math.min(30_000, options.refreshAheadMs / 2);
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#cap = new UpstreamCap({
      limit: options.maxUpstreamCallsPerMinute,
      windowMs: MINUTE_MS,
      store: options.store,
      key: `${options.key}:cap`,
      onStoreError: (err) => this.#storeFailed(err),
    });
  }

  /** Returns a usable credential; waits only when none is cached (or it has expired). */
  async get(): Promise<string> {
    const record = await this.#read();
    const now = this.#o.now();
    if (record !== undefined && record.expiresAt > now) {
      if (this.#due(record, now) && now >= this.#retryAt) this.#refreshInBackground();
      return record.value;
    }
    if (this.#closed) throw new WeChatError('TOKEN_UNAVAILABLE', `The ${this.#o.label} manager is closed`);
    return (await this.#refreshOnce('due')).value;
  }

  /** The cached record if it has not expired; never calls WeChat. */
  async peek(): Promise<TokenRecord | undefined> {
    const record = await this.#read();
    return record !== undefined && record.expiresAt > this.#o.now() ? { ...record } : undefined;
  }

  /**
   * Refreshes now, however far the cached record is from expiry, unless another caller (or process) just did;
   * concurrent callers share one call. `force` skips the cache and, for stable_token, asks WeChat for a new token
   * (`force_refresh`, at most once per 30 s; more often it falls back to a plain call).
   */
  async refresh(options: { force?: boolean } = {}): Promise<string> {
    return (await this.#refreshOnce(options.force === true ? 'force' : 'now')).value;
  }

  /** Drops `value` if, and only if, it is still the cached one. */
  async invalidate(value: string): Promise<void> {
    let deleted = false;
    try {
      deleted = await this.#o.store.deleteIf(this.#o.key, value);
    } catch (err) {
      this.#storeFailed(err);
    }
    const wasLast = this.#last?.value === value || this.#unsaved?.value === value;
    if (this.#last?.value === value) this.#last = undefined;
    if (this.#unsaved?.value === value) this.#unsaved = undefined;
    // A stale value (already replaced) says nothing about the current one, so it must not lead to a forced refresh.
    if (deleted || wasLast) {
      this.#rejected = value;
      this.#o.logger.info({ credential: this.#o.label }, 'credential invalidated');
    }
    if (deleted && this.#o.canForce === true) {
      // Whichever process refreshes next must know WeChat rejected this value, to ask for a forced refresh if
      // WeChat hands it back; the note outlives the 30 s force interval and then expires.
      const now = this.#o.now();
      const note = { value, expiresAt: now + REJECTION_NOTE_MS, fetchedAt: now };
      await this.#o.store
        .set(`${this.#o.key}:rejected`, note, REJECTION_NOTE_MS)
        .catch((err: unknown) => this.#storeFailed(err));
    }
  }

  /** Waits for a background refresh to finish; later calls fail instead of starting new work. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#background;
  }

  /** Whether `record` should be replaced: expired, or close to expiry and not fetched just now. */
  #due(record: TokenRecord, now: number): boolean {
    if (record.expiresAt <= now) return true;
    return record.expiresAt - now <= this.#o.refreshAheadMs && now - record.fetchedAt >= this.#settleMs;
  }

  async #read(): Promise<TokenRecord | undefined> {
    let stored: TokenRecord | undefined;
    try {
      stored = await this.#o.store.get(this.#o.key);
    } catch (err) {
      this.#storeFailed(err);
      return this.#last;
    }
    if (this.#storeDown) {
      this.#storeDown = false;
      this.#o.logger.info({ credential: this.#o.label }, 'token store reachable again');
    }
    const record = await this.#orUnsaved(stored);
    this.#last = record;
    return record;
  }

  /**
   * `stored`, unless the store lacks a record this process fetched and could not write: then that record, written
   * again (at most once per second). Forgetting it would make every call fetch (and, in classic mode, rotate) anew.
   */
  async #orUnsaved(stored: TokenRecord | undefined): Promise<TokenRecord | undefined> {
    const unsaved = this.#unsaved;
    if (unsaved === undefined) return stored;
    const now = this.#o.now();
    // Expired, or the store now holds it or a later record (another process's): the store is right again.
    if (unsaved.expiresAt <= now || (stored !== undefined && stored.fetchedAt >= unsaved.fetchedAt)) {
      this.#unsaved = undefined;
      return stored;
    }
    if (now >= this.#nextWriteAt) {
      this.#nextWriteAt = now + WRITE_RETRY_MS;
      if ((await this.#write(unsaved)) && this.#unsaved === unsaved) this.#unsaved = undefined;
    }
    return unsaved;
  }

  /** Writes `record`; false when the store refused it (logged once per streak of refusals, not per call). */
  async #write(record: TokenRecord): Promise<boolean> {
    try {
      await this.#o.store.set(this.#o.key, record, Math.max(1, record.expiresAt - this.#o.now()));
    } catch (err) {
      if (!this.#writeFailing) {
        this.#writeFailing = true;
        this.#o.logger.warn(
          { credential: this.#o.label, err: errorMessage(err) },
          'token store refused the write; serving the credential from this process and retrying',
        );
      }
      return false;
    }
    if (this.#writeFailing) {
      this.#writeFailing = false;
      this.#o.logger.info({ credential: this.#o.label }, 'token store accepts writes again');
    }
    return true;
  }

  #storeFailed(err: unknown): void {
    if (this.#storeDown) return; // logged once per outage, not once per call
    this.#storeDown = true;
    this.#o.logger.warn(
      { credential: this.#o.label, err: errorMessage(err) },
      'token store unavailable; serving the cached credential and capping calls in this process',
    );
  }

  #refreshInBackground(): void {
    if (this.#inflight !== undefined || this.#closed) return;
    this.#background = this.#refreshOnce('due').then(
      () => {},
      (err: unknown) => {
        // Callers are still served the cached record; the next due call tries again after the backoff.
        this.#o.logger.warn(
          { credential: this.#o.label, err: errorMessage(err) },
          'background refresh failed',
        );
      },
    );
  }

  /**
   * Joins this process's refresh in progress, or starts one. A forced refresh never joins a plain one (which would
   * not send force_refresh): it runs after it, and later callers join the forced one.
   */
  #refreshOnce(mode: RefreshMode): Promise<TokenRecord> {
    const force = mode === 'force';
    const running = this.#inflight;
    if (running !== undefined && (running.force || !force)) return running.promise;
    const started =
      running === undefined
        ? this.#refresh(mode)
        : running.promise.then(
            () => this.#refresh(mode),
            () => this.#refresh(mode),
          );
    const promise = started.finally(() => {
      if (this.#inflight?.promise === promise) this.#inflight = undefined;
    });
    this.#inflight = { force, promise };
    return promise;
  }

  async #refresh(mode: RefreshMode): Promise<TokenRecord> {
    const force = mode === 'force';
    const before = await this.#read();
    const now = this.#o.now();
    if (before !== undefined && before.expiresAt > now) {
      if (mode === 'due' && !this.#due(before, now)) return before;
      // An explicit refresh ignores the refresh-ahead window; only a record fetched moments ago holds it back.
      if (mode === 'now' && now - before.fetchedAt < this.#settleMs) return before;
    }
    // While backing off, callers get the cached record or the last error at once; WeChat is not asked.
    if (now < this.#retryAt) return this.#fallback(before, this.#lastError);

    const owner = lockOwner();
    const outcome = await acquireOrWait({
      tryLock: () => this.#tryLock(owner),
      check: () => this.#published(before, mode),
      maxWaitMs: this.#o.lockTtlMs + 1000,
      sleep: this.#sleep,
    });
    if (outcome.kind === 'published') return outcome.value;
    if (outcome.kind === 'timeout') {
      const err = new WeChatError(
        'TOKEN_UNAVAILABLE',
        `Another process held the ${this.#o.label} refresh lock too long`,
        {
          hint: 'Check that process, or the store (REDIS_URL)',
        },
      );
      return this.#fallback(before, err);
    }
    try {
      if (outcome.kind === 'acquired') {
        // Someone may have published between our read and our lock.
        const published = await this.#published(before, mode);
        if (published !== undefined) return published;
      }
      return await this.#fetchAndStore(force, before);
    } finally {
      if (outcome.kind === 'acquired') await this.#unlock(owner);
    }
  }

  /**
   * A record someone else published since `before` that ends our need: fresh for a `due` refresh; newer than
   * `before` for an explicit or forced one, which `before` (not due) would otherwise satisfy at once.
   */
  async #published(before: TokenRecord | undefined, mode: RefreshMode): Promise<TokenRecord | undefined> {
    const current = await this.#read();
    if (current === undefined || this.#due(current, this.#o.now())) return undefined;
    if (mode !== 'due' && before !== undefined && current.fetchedAt <= before.fetchedAt) return undefined;
    return current;
  }

  async #tryLock(owner: string): Promise<LockAttempt> {
    const { store } = this.#o;
    if (store.acquireLock === undefined) return 'unavailable';
    try {
      return (await store.acquireLock(`${this.#o.key}:lock`, owner, this.#o.lockTtlMs)) ? 'acquired' : 'busy';
    } catch (err) {
      // Without the store there is no shared lock: single-flight and the in-process cap still bound the calls.
      this.#storeFailed(err);
      return 'unavailable';
    }
  }

  async #unlock(owner: string): Promise<void> {
    try {
      await this.#o.store.releaseLock?.(`${this.#o.key}:lock`, owner);
    } catch (err) {
      this.#storeFailed(err); // the lock expires by itself after lockTtlMs
    }
  }

  async #fetchAndStore(force: boolean, before: TokenRecord | undefined): Promise<TokenRecord> {
    const startedAt = this.#o.now();
    let fetched: FetchedCredential;
    try {
      const forced = force && this.#o.canForce === true && (await this.#forceAllowed(startedAt));
      fetched = await this.#callUpstream(forced, startedAt);
    } catch (err) {
      return this.#failed(err, before);
    }
    if (
      this.#o.canForce === true &&
      !force &&
      (await this.#wasRejected(fetched.value)) &&
      (await this.#forceAllowed(startedAt))
    ) {
      // WeChat handed back the value it just rejected: only a forced refresh gets a new one.
      try {
        fetched = await this.#callUpstream(true, startedAt);
      } catch (err) {
        this.#o.logger.warn(
          { credential: this.#o.label, err: errorMessage(err) },
          'forced refresh failed; keeping the value WeChat returned',
        );
      }
    }
    this.#failures = 0;
    this.#retryAt = Number.NEGATIVE_INFINITY;
    this.#lastError = undefined;
    if (fetched.value !== this.#rejected) this.#rejected = undefined;

    // Lifetime counted from when we asked, so time spent on the request only makes us refresh earlier.
    const record: TokenRecord = {
      value: fetched.value,
      expiresAt: startedAt + fetched.expiresInMs,
      fetchedAt: startedAt,
    };
    this.#last = record;
    // Kept aside when the store refuses it: the next read would find nothing and fetch again.
    this.#unsaved = (await this.#write(record)) ? undefined : record;
    this.#o.logger.info(
      { credential: this.#o.label, expiresInSec: Math.round(fetched.expiresInMs / 1000) },
      'credential refreshed',
    );
    return record;
  }

  /** Whether WeChat rejected `value` (reported to this process, or to another one through the store). */
  async #wasRejected(value: string): Promise<boolean> {
    if (value === this.#rejected) return true;
    try {
      return (await this.#o.store.get(`${this.#o.key}:rejected`))?.value === value;
    } catch (err) {
      this.#storeFailed(err);
      return false;
    }
  }

  /** Records a failed refresh (for the backoff) and serves the cached record if it has not expired. */
  #failed(err: unknown, before: TokenRecord | undefined): TokenRecord {
    // A capped call never reached WeChat, so it is no reason to back off.
    if (!(err instanceof WeChatError && err.code === 'RATE_LIMITED')) {
      this.#failures += 1;
      this.#lastError = err;
      const delay = retryDelay(this.#failures, err, this.#o.backoff);
      this.#retryAt = this.#o.now() + delay;
      this.#o.logger.warn(
        {
          credential: this.#o.label,
          failures: this.#failures,
          retryInMs: delay,
          err: errorMessage(err),
        },
        'refresh failed',
      );
    }
    return this.#fallback(before, err);
  }

  /** One call to WeChat, once the cap grants a slot. */
  async #callUpstream(force: boolean, now: number): Promise<FetchedCredential> {
    if (!(await this.#cap.tryTake(now))) {
      throw new WeChatError(
        'RATE_LIMITED',
        `Not refreshing ${this.#o.label}: ${this.#o.maxUpstreamCallsPerMinute} calls to WeChat in the last minute`,
        {
          hint: 'This cap protects the daily quota; look for code that invalidates tokens in a loop or a store that keeps losing them',
        },
      );
    }
    return this.#o.fetcher({ force });
  }

  /**
   * The force gate: at most one forced refresh per `forceIntervalMs`, across processes when the store has a lock
   * (a lock that is never released, so it expires after the interval), else in this process.
   */
  async #forceAllowed(now: number): Promise<boolean> {
    if (now - this.#lastForcedAt < this.#forceIntervalMs) return false;
    const { store } = this.#o;
    if (store.acquireLock !== undefined) {
      try {
        if (!(await store.acquireLock(`${this.#o.key}:force`, lockOwner(), this.#forceIntervalMs)))
          return false;
      } catch (err) {
        this.#storeFailed(err);
      }
    }
    this.#lastForcedAt = now;
    return true;
  }

  /** Serves a record that has not expired yet, else throws `err`. */
  #fallback(before: TokenRecord | undefined, err: unknown): TokenRecord {
    const now = this.#o.now();
    const usable = [before, this.#last].find(
      (r) => r !== undefined && r.expiresAt > now && r.value !== this.#rejected,
    );
    if (usable !== undefined) return usable;
    if (err instanceof Error) throw err;
    throw new WeChatError('TOKEN_UNAVAILABLE', `No ${this.#o.label} available`, { cause: err });
  }
}
