/**
 * Failures without an answer from WeChat (network errors, deadlines) as `WeChatError` `HTTP_ERROR` or `TIMEOUT`,
 * worded once for every caller. The raw error may quote the URL, whose query can carry the AppSecret or a token
 * (undici: "Failed to parse URL from …?secret=…"), so only a redacted copy of its text is kept.
 * @module
 */
import { redactSecrets, WeChatError } from '../errors.js';

/**
 * Whether an error means no answer came (network failure or timeout), as opposed to a bug or a bad request.
 *
 * @example
 * ```ts
 * import { WeChatError } from 'wxmp';
 * isNoAnswer(new WeChatError('TIMEOUT', 'slow')); // true
 * ```
 */
export function isNoAnswer(err: unknown): err is WeChatError {
  return err instanceof WeChatError && (err.code === 'TIMEOUT' || err.code === 'HTTP_ERROR');
}

/**
 * The `WeChatError` for a request to `url` that got no answer: `TIMEOUT` when the deadline's `signal` fired, else
 * `HTTP_ERROR` with the network reason. A `WeChatError` (from an injected `fetch`) passes through unchanged.
 *
 * @example
 * ```ts
 * const deadline = new AbortController();
 * const url = 'https://api.weixin.qq.com/cgi-bin/menu/get';
 * try { await fetch(url, { signal: deadline.signal }); }
 * catch (err) { throw noAnswerError(err, { signal: deadline.signal, timeoutMs: 10_000, endpoint: '/cgi-bin/menu/get', url }); }
 * ```
 */
export function noAnswerError(
  err: unknown,
  request: { signal: AbortSignal; timeoutMs: number; endpoint: string; url: string },
): WeChatError {
  if (err instanceof WeChatError) return err;
  const reason = describeNetworkError(err);
  const cause = new Error(reason);
  if (request.signal.aborted) {
    return new WeChatError(
      'TIMEOUT',
      `WeChat API ${request.endpoint} did not answer within ${request.timeoutMs} ms`,
      { cause, hint: 'Check the network path to WECHAT_API_BASE, or raise timeoutMs' },
    );
  }
  return new WeChatError('HTTP_ERROR', `WeChat API ${request.endpoint} could not be reached (${reason})`, {
    cause,
    hint: `Check the network and WECHAT_API_BASE (${originOf(request.url)})`,
  });
}

/**
 * A network error in one redacted line. undici says "fetch failed" and puts the reason in `cause`, whose message
 * ("connect ECONNREFUSED 127.0.0.1:443") usually names its code; a code it does not name is added.
 *
 * @example
 * ```ts
 * const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
 * describeNetworkError(new TypeError('fetch failed', { cause: refused }));
 * // 'fetch failed: connect ECONNREFUSED 127.0.0.1:443'
 * ```
 */
export function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return redactSecrets(String(err));
  const cause = err.cause instanceof Error ? (err.cause as NodeJS.ErrnoException) : undefined;
  if (cause === undefined) return redactSecrets(err.message);
  const code = cause.code;
  const detail =
    code !== undefined && !cause.message.includes(code) ? `${cause.message} (${code})` : cause.message;
  return redactSecrets(`${err.message}: ${detail}`);
}

/** The origin of a URL for a hint (never its path or query), or a note that it is not a URL. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'not a URL';
  }
}
