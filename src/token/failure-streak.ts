/**
 * A credential manager's memory of failed refreshes: how many in a row, the last error, and until when WeChat is not
 * asked again ({@link retryDelay}). While it backs off, callers get the cached credential or that last error at once.
 * @module
 */
import { WeChatError } from '../errors.js';
import { type BackoffPolicy, isNoAnswer, TOKEN_REFRESH_BACKOFF } from '../wechat-http/index.js';
import { retryDelay } from './backoff.js';

/**
 * Tuning of a {@link FailureStreak}; the defaults are the token managers'.
 */
export interface FailureStreakOptions {
  /** Default {@link TOKEN_REFRESH_BACKOFF} (1 s doubling to 60 s). */
  policy?: BackoffPolicy;
  /**
   * The backoff after WeChat could not be reached while callers have no usable credential (they get errors until
   * it is back); default {@link OUTAGE_BACKOFF} (1 s doubling to 8 s). Such calls never reached WeChat, so they cost
   * no quota, and the upstream cap still bounds them.
   */
  outagePolicy?: BackoffPolicy;
  /** Source of jitter in [0, 1); default `Math.random`. */
  random?: () => number;
}

/**
 * The backoff of {@link FailureStreakOptions.outagePolicy}: with the refresh backoff (60 s), callers saw errors for
 * about 19 s after a fault at the token endpoint had cleared; with this, for at most 8 s.
 *
 * @example
 * ```ts
 * new FailureStreak({ outagePolicy: { ...OUTAGE_BACKOFF, maxDelayMs: 4000 } });
 * ```
 */
export const OUTAGE_BACKOFF: Readonly<BackoffPolicy> = Object.freeze({ baseDelayMs: 1000, maxDelayMs: 8000 });

/**
 * What one counted failure did to the streak, for the log line.
 *
 * @example
 * ```ts
 * import { WeChatError } from 'wxmp';
 * const streak = new FailureStreak();
 * const counted = streak.recordFailure(new WeChatError('TIMEOUT', 'slow'), Date.now());
 * if (counted) logger.warn({ failures: counted.failures, retryInMs: counted.retryInMs }, 'refresh failed');
 * ```
 */
export interface CountedFailure {
  /** Failures in a row, this one included. */
  failures: number;
  /** How long WeChat is not asked again. */
  retryInMs: number;
}

/**
 * Consecutive failed refreshes of one credential and the backoff they impose.
 *
 * @example
 * ```ts
 * import { WeChatError } from 'wxmp';
 * const streak = new FailureStreak();
 * streak.recordFailure(new WeChatError('TIMEOUT', 'slow'), Date.now());
 * if (streak.isBackingOff(Date.now())) throw streak.lastError;
 * ```
 */
export class FailureStreak {
  readonly #policy: BackoffPolicy;
  readonly #outagePolicy: BackoffPolicy;
  readonly #random: () => number;
  #failures = 0;
  #retryAt = Number.NEGATIVE_INFINITY;
  #lastError: unknown;

  constructor(options: FailureStreakOptions = {}) {
    this.#policy = options.policy ?? TOKEN_REFRESH_BACKOFF;
    this.#outagePolicy = options.outagePolicy ?? OUTAGE_BACKOFF;
    this.#random = options.random ?? Math.random;
  }

  /** Whether WeChat must not be asked at `now`. */
  isBackingOff(now: number): boolean {
    return now < this.#retryAt;
  }

  /** The error of the last counted failure; undefined after a success. */
  get lastError(): unknown {
    return this.#lastError;
  }

  /**
   * Counts a failed refresh at `now` and sets the next attempt's time. A call the upstream cap refused
   * (`RATE_LIMITED`) never reached WeChat, so it is no reason to back off: it is not counted (undefined). `urgent`
   * (no usable credential is left) with a failure that never reached WeChat backs off by the outage policy.
   */
  recordFailure(err: unknown, now: number, options: { urgent?: boolean } = {}): CountedFailure | undefined {
    if (err instanceof WeChatError && err.code === 'RATE_LIMITED') return undefined;
    this.#failures += 1;
    this.#lastError = err;
    const policy = options.urgent === true && isNoAnswer(err) ? this.#outagePolicy : this.#policy;
    const retryInMs = retryDelay(this.#failures, err, policy, this.#random);
    this.#retryAt = now + retryInMs;
    return { failures: this.#failures, retryInMs };
  }

  /** Ends the streak: the next failure starts from the shortest delay again. */
  recordSuccess(): void {
    this.#failures = 0;
    this.#retryAt = Number.NEGATIVE_INFINITY;
    this.#lastError = undefined;
  }
}
