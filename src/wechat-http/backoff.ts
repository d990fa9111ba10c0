/**
 * How long to wait before asking WeChat again after failures: one pure function (exponential, capped, jittered, the
 * shape of stripe-node's retry delay) and its two configurations, the API client's quick retries and the token
 * managers' slower refresh backoff.
 * @module
 */

/**
 * The numbers of a backoff: the delay ceiling after the first failure, and the largest ceiling.
 *
 * @example
 * ```ts
 * const policy: BackoffPolicy = { baseDelayMs: 500, maxDelayMs: 30_000 };
 * backoffDelay(2, policy); // between 500 and 1000
 * ```
 */
export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * The API client's retries of a busy or silent call: 200 ms doubling, at most 2 s (a caller is waiting).
 *
 * @example
 * ```ts
 * backoffDelay(1, API_RETRY_BACKOFF, () => 1); // 200
 * ```
 */
export const API_RETRY_BACKOFF: Readonly<BackoffPolicy> = Object.freeze({
  baseDelayMs: 200,
  maxDelayMs: 2000,
});

/**
 * The token managers' pause after failed refreshes: 1 s doubling, at most 60 s (callers are served the cached
 * credential meanwhile, and each call spends quota).
 *
 * @example
 * ```ts
 * backoffDelay(3, TOKEN_REFRESH_BACKOFF, () => 1); // 4000
 * ```
 */
export const TOKEN_REFRESH_BACKOFF: Readonly<BackoffPolicy> = Object.freeze({
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
});

/**
 * The delay before the next attempt after `failures` consecutive failures (0 failures: no delay).
 *
 * The ceiling doubles with each failure (base, 2·base, 4·base, …) up to `maxDelayMs`. The delay is half the ceiling
 * plus a random part of the other half ("equal jitter"): the fixed half keeps attempts spaced out even with bad
 * luck, the random half spreads clients that failed at the same moment so they do not come back in step.
 *
 * `random` returns a number in [0, 1); it is a parameter so tests can pin the jitter.
 *
 * @example
 * ```ts
 * backoffDelay(1, TOKEN_REFRESH_BACKOFF, () => 0); // 500
 * backoffDelay(2, API_RETRY_BACKOFF, () => 0.5); // 300
 * ```
 */
export function backoffDelay(
  failures: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  if (failures <= 0) return 0;
  // 2 ** n overflows to Infinity for large n, which Math.min turns back into maxDelayMs.
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
