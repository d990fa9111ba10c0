/**
 * When to try WeChat's token endpoint again after failures: pure functions, no timers, so the rules are testable on
 * their own. The delay itself is the shared {@link backoffDelay} with the token managers' numbers
 * ({@link TOKEN_REFRESH_BACKOFF}: 1 s doubling to 60 s).
 * @module
 */
import { WeChatApiError, WeChatError } from '../errors.js';
import {
  backoffDelay,
  type BackoffPolicy,
  isNoAnswer,
  MINUTE_RATE_LIMIT,
  SYSTEM_BUSY,
  TOKEN_REFRESH_BACKOFF,
} from '../wechat-http/index.js';

/** WeChat errcodes that may clear up by themselves: system busy, the per-minute limit. */
const TRANSIENT_ERRCODES: ReadonlySet<number> = new Set([SYSTEM_BUSY, MINUTE_RATE_LIMIT]);

/**
 * Whether a failure may pass without anyone doing anything (busy platform, network, timeout), as opposed to one a
 * human must fix (wrong AppSecret, IP whitelist, exhausted daily quota).
 *
 * @example
 * ```ts
 * import { WeChatApiError } from 'wxmp';
 * isTransientFailure(new WeChatApiError({ errcode: -1, errmsg: 'system error', endpoint: '/cgi-bin/token' })); // true
 * ```
 */
export function isTransientFailure(err: unknown): boolean {
  if (err instanceof WeChatApiError) return TRANSIENT_ERRCODES.has(err.errcode);
  if (err instanceof WeChatError) return isNoAnswer(err);
  return true;
}

/**
 * The delay before the next upstream attempt after `failures` consecutive failures, the last one `err`:
 * {@link backoffDelay} for transient failures, the longest delay at once for failures a human must fix, since
 * retrying those sooner only spends quota.
 *
 * @example
 * ```ts
 * import { WeChatApiError } from 'wxmp';
 * import { TOKEN_REFRESH_BACKOFF } from '../wechat-http/backoff.js';
 * const err = new WeChatApiError({ errcode: 40164, errmsg: 'invalid ip', endpoint: '/cgi-bin/token' });
 * retryDelay(1, err, TOKEN_REFRESH_BACKOFF); // between 30 000 and 60 000
 * ```
 */
export function retryDelay(
  failures: number,
  err: unknown,
  policy: BackoffPolicy = TOKEN_REFRESH_BACKOFF,
  random: () => number = Math.random,
): number {
  return backoffDelay(isTransientFailure(err) ? failures : Number.POSITIVE_INFINITY, policy, random);
}
