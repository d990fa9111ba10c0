/**
 * One HTTP exchange with WeChat under a deadline, for the API client, the API proxy and the token fetchers. Failures
 * without an answer become `WeChatError` `TIMEOUT` or `HTTP_ERROR` (see `no-answer.ts`).
 * @module
 */
import { noAnswerError } from './no-answer.js';

/**
 * An answer whose headers have arrived; the deadline keeps running until `settle()`.
 *
 * @example
 * ```ts
 * const url = 'https://api.weixin.qq.com/cgi-bin/menu/get?access_token=ACCESS_TOKEN';
 * const fetched: Fetched = await fetchWithDeadline(fetch, url, { method: 'GET' }, 10_000, '/cgi-bin/menu/get');
 * const text = await readText(fetched, '/cgi-bin/menu/get');
 * ```
 */
export interface Fetched {
  response: Response;
  /** The deadline's signal; it also aborts a body still being read. */
  signal: AbortSignal;
  timeoutMs: number;
  /** The URL asked, for error hints (only its origin is ever shown). */
  url: string;
  /** Stops the deadline (once the body is read, or handed on to be streamed by someone else). */
  settle(): void;
}

/**
 * Sends one request with a deadline covering the headers and, until `settle()`, the body.
 *
 * We use our own timer rather than `AbortSignal.timeout()` because a streamed download is read later by the
 * caller, at the caller's pace; its deadline must stop once the headers are in.
 *
 * @example
 * ```ts
 * const url = 'https://api.weixin.qq.com/cgi-bin/media/get?access_token=ACCESS_TOKEN&media_id=MEDIA_ID';
 * const { response, settle } = await fetchWithDeadline(fetch, url, { method: 'GET' }, 10_000, '/cgi-bin/media/get');
 * settle(); // the headers are in: whoever streams response.body reads it at their own pace
 * ```
 */
export async function fetchWithDeadline(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  endpoint: string,
): Promise<Fetched> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const settle = () => clearTimeout(timer);
  try {
    const response = await fetchFn(url, { ...init, signal: controller.signal });
    return { response, signal: controller.signal, timeoutMs, url, settle };
  } catch (err) {
    settle();
    throw noAnswerError(err, { signal: controller.signal, timeoutMs, endpoint, url });
  }
}

/**
 * Reads the whole body as text within the deadline, then settles it.
 *
 * @example
 * ```ts
 * const url = 'https://api.weixin.qq.com/cgi-bin/menu/get?access_token=ACCESS_TOKEN';
 * const fetched = await fetchWithDeadline(fetch, url, { method: 'GET' }, 10_000, '/cgi-bin/menu/get');
 * const text = await readText(fetched, '/cgi-bin/menu/get');
 * ```
 */
export async function readText(fetched: Fetched, endpoint: string): Promise<string> {
  try {
    return await fetched.response.text();
  } catch (err) {
    const { signal, timeoutMs, url } = fetched;
    throw noAnswerError(err, { signal, timeoutMs, endpoint, url });
  } finally {
    fetched.settle();
  }
}
