/**
 * The machinery shared by the access_token manager and the ticket managers: one cached credential, refreshed by a
 * fetcher, with single-flight, a cross-process lock, refresh ahead of expiry, exact invalidation, backoff, and a cap
 * on upstream calls.
 *
 * How one `get()` goes: read the record (through {@link ResilientRecordStore}, which rides out a failing store); a
 * usable record is returned at once, and when it is close to expiry a background refresh starts. Without a usable
 * record the caller joins this process's one refresh, which takes the store's lock or waits for the holder to
 * publish. The holder re-reads the store (someone may have just finished), asks the cap for a slot, calls WeChat
 * (forced when the {@link ForceRefreshGate} allows) and writes the result. Failures feed the {@link FailureStreak}'s
 * backoff; whatever fails, a record that has not expired is served rather than an error.
 * @module
 */
import { errorMessage, WeChatError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { BackoffPolicy } from '../wechat-http/backoff.js';
import { FailureStreak } from './failure-streak.js';
import type { CredentialFetcher, FetchedCredential } from './fetchers.js';
import { ForceRefreshGate } from './force-refresh-gate.js';
import { acquireOrWait, lockOwner, type LockAttempt } from './lock.js';
import { UpstreamCap } from './rate-cap.js';
import { ResilientRecordStore } from './resilient-record-store.js';
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
  /** Backoff after failed refreshes; default `TOKEN_REFRESH_BACKOFF` (1 s doubling to 60 s). */
  backoff?: BackoffPolicy;
  /** Sleeps while waiting for another process; default a timer. */
  sleep?: (ms: number) => Promise<void>;
}

const MINUTE_MS = 60_000;

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
  readonly #records: ResilientRecordStore;
  readonly #gate: ForceRefreshGate;
  readonly #failures: FailureStreak;
  readonly #cap: UpstreamCap;
  readonly #sleep: (ms: number) => Promise<void>;
  /** A just-fetched record is not refreshed again for this long, even inside the refresh-ahead window. */
  readonly #settleMs: number;

  /** This process's one refresh in progress (single-flight); `force` says whether it sends force_refresh. */
  #inflight: { force: boolean; promise: Promise<TokenRecord> } | undefined;
  #background: Promise<void> | undefined;
  #closed = false;

  constructor(options: CredentialManagerOptions) {
    this.#o = options;
    this.#settleMs = Math.min(30_000, options.refreshAheadMs / 2);
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const { label, key, store, now, logger } = options;
    this.#records = new ResilientRecordStore({ label, key, store, now, logger });
    const onStoreError = (err: unknown) => this.#records.reportFailure(err);
    this.#gate = new ForceRefreshGate({
      key,
      store,
      canForce: options.canForce === true,
      ...(options.forceIntervalMs === undefined ? {} : { intervalMs: options.forceIntervalMs }),
      onStoreError,
    });
    this.#failures = new FailureStreak(options.backoff === undefined ? {} : { policy: options.backoff });
    this.#cap = new UpstreamCap({
      limit: options.maxUpstreamCallsPerMinute,
      windowMs: MINUTE_MS,
      store,
      key: `${key}:cap`,
      onStoreError,
    });
  }

  /** Returns a usable credential; waits only when none is cached (or it has expired). */
  async get(): Promise<string> {
    const record = await this.#records.read();
    const now = this.#o.now();
    if (record !== undefined && record.expiresAt > now) {
      if (this.#due(record, now) && !this.#failures.isBackingOff(now)) this.#refreshInBackground();
      return record.value;
    }
    if (this.#closed) throw new WeChatError('TOKEN_UNAVAILABLE', `The ${this.#o.label} manager is closed`);
    return (await this.#refreshOnce('due')).value;
  }

  /** The cached record if it has not expired; never calls WeChat. */
  async peek(): Promise<TokenRecord | undefined> {
    const record = await this.#records.read();
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
    const deleted = await this.#records.deleteIf(value);
    const held = this.#records.forget(value);
    // A stale value (already replaced) says nothing about the current one, so it must not lead to a forced refresh.
    if (!deleted && !held) return;
    this.#o.logger.info({ credential: this.#o.label }, 'credential invalidated');
    await this.#gate.noteRejected(value, { now: this.#o.now(), share: deleted });
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
    const before = await this.#records.read();
    const now = this.#o.now();
    if (before !== undefined && before.expiresAt > now) {
      if (mode === 'due' && !this.#due(before, now)) return before;
      // An explicit refresh ignores the refresh-ahead window; only a record fetched moments ago holds it back.
      if (mode === 'now' && now - before.fetchedAt < this.#settleMs) return before;
    }
    // While backing off, callers get the cached record or the last error at once; WeChat is not asked.
    if (this.#failures.isBackingOff(now)) return this.#fallback(before, this.#failures.lastError);

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
      return await this.#fetchAndStore(mode === 'force', before);
    } finally {
      if (outcome.kind === 'acquired') await this.#unlock(owner);
    }
  }

  /**
   * A record someone else published since `before` that ends our need: fresh for a `due` refresh; newer than
   * `before` for an explicit or forced one, which `before` (not due) would otherwise satisfy at once.
   */
  async #published(before: TokenRecord | undefined, mode: RefreshMode): Promise<TokenRecord | undefined> {
    const current = await this.#records.read();
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
      this.#records.reportFailure(err);
      return 'unavailable';
    }
  }

  async #unlock(owner: string): Promise<void> {
    try {
      await this.#o.store.releaseLock?.(`${this.#o.key}:lock`, owner);
    } catch (err) {
      this.#records.reportFailure(err); // the lock expires by itself after lockTtlMs
    }
  }

  async #fetchAndStore(force: boolean, before: TokenRecord | undefined): Promise<TokenRecord> {
    const startedAt = this.#o.now();
    let fetched: FetchedCredential;
    try {
      fetched = await this.#callUpstream(force && (await this.#gate.tryForce(startedAt)), startedAt);
    } catch (err) {
      return this.#failed(err, before);
    }
    if (!force && (await this.#gate.rejectedValueCameBack(fetched.value, startedAt))) {
      fetched = await this.#forcedAfterRejection(fetched, startedAt);
    }
    this.#failures.recordSuccess();
    this.#gate.accepted(fetched.value);

    // Lifetime counted from when we asked, so time spent on the request only makes us refresh earlier.
    const record: TokenRecord = {
      value: fetched.value,
      expiresAt: startedAt + fetched.expiresInMs,
      fetchedAt: startedAt,
    };
    await this.#records.save(record);
    this.#o.logger.info(
      { credential: this.#o.label, expiresInSec: Math.round(fetched.expiresInMs / 1000) },
      'credential refreshed',
    );
    return record;
  }

  /** WeChat handed back the value it just rejected: only a forced refresh gets a new one. */
  async #forcedAfterRejection(fetched: FetchedCredential, now: number): Promise<FetchedCredential> {
    try {
      return await this.#callUpstream(true, now);
    } catch (err) {
      this.#o.logger.warn(
        { credential: this.#o.label, err: errorMessage(err) },
        'forced refresh failed; keeping the value WeChat returned',
      );
      return fetched;
    }
  }

  /** Records a failed refresh (for the backoff) and serves the cached record if it has not expired. */
  #failed(err: unknown, before: TokenRecord | undefined): TokenRecord {
    const counted = this.#failures.recordFailure(err, this.#o.now());
    if (counted !== undefined) {
      this.#o.logger.warn(
        {
          credential: this.#o.label,
          failures: counted.failures,
          retryInMs: counted.retryInMs,
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

  /** Serves a record that has not expired yet, else throws `err`. */
  #fallback(before: TokenRecord | undefined, err: unknown): TokenRecord {
    const now = this.#o.now();
    const usable = [before, this.#records.last].find(
      (r) => r !== undefined && r.expiresAt > now && !this.#gate.isRejected(r.value),
    );
    if (usable !== undefined) return usable;
    if (err instanceof Error) throw err;
    throw new WeChatError('TOKEN_UNAVAILABLE', `No ${this.#o.label} available`, { cause: err });
  }
}
