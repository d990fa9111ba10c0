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
import { FailureStreak } from './failure-streak.js';
import type { CredentialManagerOptions } from './credential-options.js';
import type { FetchedCredential } from './fetchers.js';
import { ForceRefreshGate, type ForceRefreshBudget, type ForceRefusal } from './force-refresh-gate.js';
import { acquireOrWait, lockOwner, lockTimeoutError, storeLock } from './lock.js';
import { UpstreamCap } from './rate-cap.js';
import { ResilientRecordStore } from './resilient-record-store.js';
import {
  answersRefresh,
  endsRefresh,
  isDue,
  refreshTiming,
  type RefreshMode,
  type RefreshTiming,
} from './refresh-rules.js';
import { SingleFlight } from './single-flight.js';
import type { TokenRecord } from './store.js';

const MINUTE_MS = 60_000;

/**
 * One cached credential kept fresh by a fetcher. `createTokenManager` and `createTicketManager` wrap it; use those.
 *
 * @example
 * ```ts
 * import { silentLogger } from 'wxmp';
 * import { createMemoryStore } from 'wxmp/token';
 * const cache = new CredentialManager({
 *   label: 'access_token',
 *   key: 'wx1234:access_token',
 *   fetcher: async () => ({ value: 'ACCESS_TOKEN', expiresInMs: 7_200_000 }),
 *   store: createMemoryStore(),
 *   now: Date.now,
 *   logger: silentLogger,
 *   refreshAheadMs: 300_000,
 *   maxUpstreamCallsPerMinute: 10,
 *   lockTtlMs: 22_000,
 * });
 * await cache.get(); // 'ACCESS_TOKEN'
 * ```
 */
export class CredentialManager {
  readonly #o: CredentialManagerOptions;
  readonly #records: ResilientRecordStore;
  readonly #gate: ForceRefreshGate;
  readonly #failures: FailureStreak;
  readonly #cap: UpstreamCap;
  readonly #lock: ReturnType<typeof storeLock>;
  readonly #flight = new SingleFlight<TokenRecord>();
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #timing: RefreshTiming;

  #background: Promise<void> | undefined;
  #closed = false;

  constructor(options: CredentialManagerOptions) {
    this.#o = options;
    this.#timing = refreshTiming(options.refreshAheadMs);
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
    // Without the store there is no shared lock: single-flight and the in-process cap still bound the calls.
    this.#lock = storeLock({ store, key: `${key}:lock`, ttlMs: options.lockTtlMs, onStoreError });
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
      if (isDue(record, now, this.#timing) && !this.#failures.isBackingOff(now)) this.#refreshInBackground();
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

  /**
   * Drops `value` if, and only if, it is still the cached one. With `allowForce: false` (a rejection nobody could
   * confirm) the next refresh is a plain one even if WeChat hands the same value back.
   */
  async invalidate(value: string, options: { allowForce?: boolean } = {}): Promise<void> {
    const deleted = await this.#records.deleteIf(value);
    const held = this.#records.forget(value);
    // A stale value (already replaced) says nothing about the current one, so it must not lead to a forced refresh.
    if (!deleted && !held) return;
    this.#o.logger.info({ credential: this.#o.label }, 'credential invalidated');
    if (options.allowForce !== false)
      await this.#gate.noteRejected(value, { now: this.#o.now(), share: deleted });
  }

  /** Why the last `refresh({ force: true })` was a plain call after all; undefined when it forced. */
  lastForceRefusal(): ForceRefusal | undefined {
    return this.#gate.lastRefusal();
  }

  /** The forced refreshes of the last 24 hours and what is left of the day's ration. */
  forceRefreshBudget(): Promise<ForceRefreshBudget> {
    return this.#gate.budget(this.#o.now());
  }

  /** Waits for a background refresh to finish; later calls fail instead of starting new work. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#background;
  }

  #refreshInBackground(): void {
    if (this.#flight.busy || this.#closed) return;
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

  /** Joins this process's refresh in progress, or starts one (see {@link SingleFlight} for forced ones). */
  #refreshOnce(mode: RefreshMode): Promise<TokenRecord> {
    return this.#flight.run(mode === 'force', () => this.#refresh(mode));
  }

  async #refresh(mode: RefreshMode): Promise<TokenRecord> {
    const before = await this.#records.read();
    const now = this.#o.now();
    if (before !== undefined && answersRefresh(before, mode, now, this.#timing)) return before;
    // While backing off, callers get the cached record or the last error at once; WeChat is not asked.
    if (this.#failures.isBackingOff(now)) return this.#fallback(before, this.#failures.lastError);

    const owner = lockOwner();
    const outcome = await acquireOrWait({
      tryLock: () => this.#lock.tryLock(owner),
      check: () => this.#published(before, mode),
      maxWaitMs: this.#o.lockTtlMs + 1000,
      sleep: this.#sleep,
    });
    if (outcome.kind === 'published') return outcome.value;
    if (outcome.kind === 'timeout') return this.#fallback(before, lockTimeoutError(this.#o.label));
    try {
      if (outcome.kind === 'acquired') {
        // Someone may have published between our read and our lock.
        const published = await this.#published(before, mode);
        if (published !== undefined) return published;
      }
      return await this.#fetchAndStore(mode === 'force', before);
    } finally {
      if (outcome.kind === 'acquired') await this.#lock.release(owner);
    }
  }

  /** A record someone else published since `before` that ends the need of a refresh of `mode`. */
  async #published(before: TokenRecord | undefined, mode: RefreshMode): Promise<TokenRecord | undefined> {
    const current = await this.#records.read();
    return endsRefresh(current, before, mode, this.#o.now(), this.#timing) ? current : undefined;
  }

  async #fetchAndStore(force: boolean, before: TokenRecord | undefined): Promise<TokenRecord> {
    const startedAt = this.#o.now();
    let fetched: FetchedCredential;
    try {
      const forced = force && (await this.#gate.tryForce(startedAt, { explicit: true }));
      fetched = await this.#callUpstream(forced, startedAt);
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
    const now = this.#o.now();
    const counted = this.#failures.recordFailure(err, now, { urgent: !this.#usable(before, now) });
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
    if (!(await this.#cap.tryTake(now))) throw this.#cap.reachedError(this.#o.label);
    return this.#o.fetcher({ force });
  }

  /** A record that has not expired and was not rejected: `before`, or the last one this process saw. */
  #usable(before: TokenRecord | undefined, now: number): TokenRecord | undefined {
    return [before, this.#records.last].find(
      (r) => r !== undefined && r.expiresAt > now && !this.#gate.isRejected(r.value),
    );
  }

  /**
   * Serves a record that has not expired yet, else throws `err`; when that is the cap's refusal, the last error WeChat
   * gave is the one callers need (its hint says what to fix), so it is thrown instead.
   */
  #fallback(before: TokenRecord | undefined, err: unknown): TokenRecord {
    const usable = this.#usable(before, this.#o.now());
    if (usable !== undefined) return usable;
    const last = this.#failures.lastError;
    if (err instanceof WeChatError && err.code === 'RATE_LIMITED' && last instanceof Error) throw last;
    if (err instanceof Error) throw err;
    throw new WeChatError('TOKEN_UNAVAILABLE', `No ${this.#o.label} available`, { cause: err });
  }
}
