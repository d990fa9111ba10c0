/**
 * When to try WeChat's token endpoint again after failures: pure functions, no timers, so the rules are testable
 * on their own (the shape follows stripe-node's retry delay: exponential, capped, jittered).
 * @module
 */
import { WeChatApiError, WeChatError } from '../errors.js';

/**
 * Tuning of {@link backoffDelay}.
 *
 * @example
 * ```ts
 * const options: BackoffOptions = { baseMs: 500, maxMs: 30_000 };
 * ```
 */
export interface BackoffOptions {
  /** Delay after the first failure, before jitter; default 1000 ms. */
  baseMs?: number;
  /** Longest delay; default 60 000 ms. */
  maxMs?: number;
  /** Source of randomness in [0, 1); default `Math.random`. Tests pass a constant. */
  random?: () => number;
}

/**
 * The delay before the next attempt after `failures` consecutive failures (0 failures: no delay).
 *
 * The ceiling doubles with each failure (base, 2·base, 4·base, …) up to `maxMs`. The delay is half the ceiling plus
 * a random part of the other half ("equal jitter"): the fixed half keeps attempts spaced out even with bad luck, the
 * random half spreads processes that failed at the same moment so they do not retry in lockstep.
 *
 * @example
 * ```ts
 * backoffDelay(1, { random: () => 0 }); // 500
 * backoffDelay(3, { random: () => 1 }); // 4000
 * ```
 */
export function backoffDelay(failures: number, options: BackoffOptions = {}): number {
  if (failures <= 0) return 0;
  const baseMs = options.baseMs ?? 1000;
  const maxMs = options.maxMs ?? 60_000;
  const random = options.random ?? Math.random;
  // 2 ** n overflows to Infinity for large n, which Math.min turns back into maxMs.
  const ceiling = Math.min(maxMs, baseMs * 2 ** (failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** WeChat errcodes that may clear up by themselves: -1 system busy, 45011 per-minute limit. */
const TRANSIENT_ERRCODES = new Set([-1, 45011]);

/**
 * Whether a failure may pass without anyone doing anything (busy platform, network, timeout), as opposed to one a
 * human must fix (wrong AppSecret, IP whitelist, exhausted daily quota).
 *
 * @example
 * ```ts
 * isTransientFailure(new WeChatApiError({ errcode: -1, errmsg: 'system error', endpoint: '/cgi-bin/token' })); // true
 * ```
 */
export function isTransientFailure(err: unknown): boolean {
  if (err instanceof WeChatApiError) return TRANSIENT_ERRCODES.has(err.errcode);
  if (err instanceof WeChatError) return err.code === 'HTTP_ERROR' || err.code === 'TIMEOUT';
  return true;
}

/**
 * The delay before the next upstream attempt: {@link backoffDelay} for transient failures, the longest delay at
 * once for failures a human must fix, since retrying those sooner only spends quota.
 *
 * @example
 * ```ts
 * const wait = retryDelay(failures, err, { maxMs: 60_000 });
 * ```
 */
export function retryDelay(failures: number, err: unknown, options: BackoffOptions = {}): number {
  if (isTransientFailure(err)) return backoffDelay(failures, options);
  return backoffDelay(Number.POSITIVE_INFINITY, options);
}
