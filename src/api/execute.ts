/**
 * The retry loop around one call, shared by the API client and the API proxy so both follow `decideRetry` exactly.
 * @module
 */
import type { WeChatError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { TokenProvider } from '../token/provider.js';
import { isNoAnswer } from '../wechat-http/index.js';
import type { WireSpec } from './endpoints.js';
import { decideRetry, DEFAULT_RETRY_POLICY, type AttemptOutcome, type RetryPolicy } from './retry.js';

/**
 * What one attempt produced: a value and WeChat's errcode (0 for success and for files).
 */
export interface AttemptResult<T> {
  value: T;
  errcode: number;
}

/**
 * Inputs of {@link executeWithRetry}.
 */
export interface ExecuteOptions<T> {
  spec: WireSpec;
  tokenProvider: TokenProvider;
  /** Sends the request once with `token` (undefined for endpoints without the global token). */
  attempt: (token: string | undefined) => Promise<AttemptResult<T>>;
  policy?: RetryPolicy;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
  /** Told of each retry: the endpoint's path, and `token` (a rejected token replaced) or `backoff`. */
  onRetry?: ((endpoint: string, reason: 'token' | 'backoff') => void) | undefined;
}

/**
 * Runs `attempt` until {@link decideRetry} says stop; returns the last answer (which may carry an errcode) or
 * throws the last "no answer" error. The token comes from the provider, and a rejected one is invalidated by value.
 *
 * @example
 * ```ts
 * import { endpoints } from './endpoints.js';
 * const { value, errcode } = await executeWithRetry({
 *   spec: endpoints['menu.get'],
 *   tokenProvider: { getToken: async () => 'ACCESS_TOKEN', invalidate: async () => {} },
 *   attempt: async (token) => {
 *     const response = await fetch(`https://api.weixin.qq.com/cgi-bin/menu/get?access_token=${token}`);
 *     const answer = (await response.json()) as { errcode?: number };
 *     return { value: answer, errcode: answer.errcode ?? 0 };
 *   },
 * });
 * ```
 */
export async function executeWithRetry<T>(options: ExecuteOptions<T>): Promise<AttemptResult<T>> {
  const { spec, tokenProvider, attempt } = options;
  const sleep = options.sleep ?? defaultSleep;
  const usesGlobalToken = spec.auth === 'access_token';
  const state = { retries: 0, tokenRefreshed: false, idempotent: spec.idempotent, usesGlobalToken };
  let token = usesGlobalToken ? await tokenProvider.getToken() : undefined;
  for (;;) {
    let result: AttemptResult<T> | undefined;
    let failure: WeChatError | undefined;
    try {
      result = await attempt(token);
    } catch (err) {
      if (!isNoAnswer(err)) throw err;
      failure = err;
    }
    const outcome: AttemptOutcome = result
      ? { kind: 'answer', errcode: result.errcode }
      : { kind: 'no-answer' };
    const decision = decideRetry(outcome, state, options.policy ?? DEFAULT_RETRY_POLICY, options.random);
    if (!decision.retry) {
      if (result) return result;
      throw failure as WeChatError;
    }
    options.logger?.warn(
      { endpoint: spec.path, errcode: result?.errcode, error: failure?.code, delayMs: decision.delayMs },
      decision.refreshToken
        ? 'WeChat rejected the token; retrying with a fresh one'
        : 'retrying WeChat API call',
    );
    options.onRetry?.(spec.path, decision.refreshToken ? 'token' : 'backoff');
    if (decision.refreshToken && token !== undefined) {
      await tokenProvider.invalidate(token);
      token = await tokenProvider.getToken();
      state.tokenRefreshed = true;
    } else {
      state.retries += 1;
    }
    if (decision.delayMs > 0) await sleep(decision.delayMs);
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
