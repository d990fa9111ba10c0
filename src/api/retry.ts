/**
 * When to repeat a call to WeChat, as one pure function shared by the API client and the API proxy.
 *
 * The rules, in order (like stripe-node's `RequestSender._shouldRetry`):
 * 1. A token error (40001, 40014, 42001) means WeChat did not run the call: drop exactly that token, get a fresh
 *    one and try again, once. A second token error is real (e.g. a wrong AppSecret) and goes to the caller.
 * 2. Quota and rate limits (45009, 45011) are never repeated: repeating burns more of the same quota.
 * 3. Parameter errors and everything else WeChat answers are never repeated: the same request gets the same answer.
 * 4. `-1` (system busy), network errors and timeouts are repeated up to `maxRetries` times with jittered
 *    exponential backoff, but only for idempotent endpoints: a send that timed out may have gone out, and sending
 *    it twice is worse than reporting the failure.
 * The errcodes and the backoff function come from the one layer for talking to WeChat (`src/wechat-http`).
 * @module
 */
import {
  API_RETRY_BACKOFF,
  backoffDelay,
  type BackoffPolicy,
  SYSTEM_BUSY,
  TOKEN_ERRCODES,
} from '../wechat-http/index.js';

/**
 * How one attempt ended: WeChat answered (errcode 0 for success), or no answer came (network error or timeout).
 */
export type AttemptOutcome = { kind: 'answer'; errcode: number } | { kind: 'no-answer' };

/**
 * What the call has been through so far.
 */
export interface RetryState {
  /** Retries already made for busy/network reasons. */
  retries: number;
  /** Whether a token error has already led to a fresh token. */
  tokenRefreshed: boolean;
  /** Whether the endpoint may be repeated after an unknown outcome. */
  idempotent: boolean;
  /** Whether the call carries the global access_token (token errors of other calls are not ours to fix). */
  usesGlobalToken: boolean;
}

/**
 * How many busy/network retries a call gets, and the backoff between them.
 */
export interface RetryPolicy extends BackoffPolicy {
  maxRetries: number;
}

/**
 * The default: 2 retries, with {@link API_RETRY_BACKOFF} (200 ms doubling, capped at 2 s).
 *
 * @example
 * ```ts
 * decideRetry({ kind: 'no-answer' }, { retries: 0, tokenRefreshed: false, idempotent: true, usesGlobalToken: true },
 *   DEFAULT_RETRY_POLICY);
 * ```
 */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 2,
  ...API_RETRY_BACKOFF,
});

/**
 * The verdict: stop, or try again after `delayMs`, first replacing the token when `refreshToken` is set.
 */
export type RetryDecision = { retry: false } | { retry: true; refreshToken: boolean; delayMs: number };

/**
 * Decides whether to repeat a call after an attempt (see the module comment for the rules).
 *
 * `random` returns a number in [0, 1); it is a parameter so tests can pin the jitter.
 *
 * @example
 * ```ts
 * decideRetry({ kind: 'answer', errcode: 42001 }, { retries: 0, tokenRefreshed: false, idempotent: false,
 *   usesGlobalToken: true }); // { retry: true, refreshToken: true, delayMs: 0 }
 * ```
 */
export function decideRetry(
  outcome: AttemptOutcome,
  state: RetryState,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): RetryDecision {
  if (outcome.kind === 'answer') {
    if (outcome.errcode === 0) return { retry: false };
    // Rule 1: a rejected token means the call did not run, so even a non-idempotent send is safe to repeat.
    if (TOKEN_ERRCODES.has(outcome.errcode)) {
      if (!state.usesGlobalToken || state.tokenRefreshed) return { retry: false };
      return { retry: true, refreshToken: true, delayMs: 0 };
    }
    // Rules 2 and 3: only "busy" is worth asking again.
    if (outcome.errcode !== SYSTEM_BUSY) return { retry: false };
  }
  // Rule 4: busy or no answer.
  if (!state.idempotent || state.retries >= policy.maxRetries) return { retry: false };
  // The attempt that just failed is failure number retries + 1.
  return { retry: true, refreshToken: false, delayMs: backoffDelay(state.retries + 1, policy, random) };
}
