/**
 * The calls to WeChat that produce credentials: `stable_token` (the default), the classic `/cgi-bin/token`, and the
 * shared request helper that turns WeChat's answers into values or `WeChatError`s with hints.
 *
 * URLs are never put in errors or logs: the classic endpoint carries the AppSecret in its query string.
 * @module
 */
import { redactSecrets, WeChatApiError, WeChatError } from '../errors.js';
import { tokenErrorHint } from './hints.js';

/**
 * What a fetcher returns: the credential and how long WeChat says it lives.
 *
 * @example
 * ```ts
 * const fetched: FetchedCredential = { value: 'ACCESS_TOKEN', expiresInMs: 7_200_000 };
 * ```
 */
export interface FetchedCredential {
  value: string;
  expiresInMs: number;
}

/**
 * Fetches a new credential from WeChat. `force` asks for a new one even if WeChat still holds a valid one
 * (`force_refresh` of stable_token); fetchers without such a switch ignore it.
 *
 * @example
 * ```ts
 * const fixed: CredentialFetcher = async () => ({ value: 'T', expiresInMs: 7_200_000 });
 * ```
 */
export type CredentialFetcher = (context: { force: boolean }) => Promise<FetchedCredential>;

/**
 * Where and how to reach WeChat.
 *
 * @example
 * ```ts
 * const upstream: Upstream = { apiBase: 'https://api.weixin.qq.com', fetch: globalThis.fetch, timeoutMs: 10_000 };
 * ```
 */
export interface Upstream {
  /** API origin, e.g. `https://api.weixin.qq.com` (a path prefix is kept). */
  apiBase: string;
  fetch: typeof fetch;
  /** Deadline of one request. */
  timeoutMs: number;
}

/**
 * Calls one WeChat endpoint and returns its JSON object; WeChat's errors become `WeChatApiError` with a hint,
 * transport failures `WeChatError` (`HTTP_ERROR`, `TIMEOUT`).
 *
 * @example
 * ```ts
 * const body = await callWeChat(upstream, '/cgi-bin/ticket/getticket', { query: { access_token, type: 'jsapi' } });
 * ```
 */
export async function callWeChat(
  upstream: Upstream,
  endpoint: string,
  request: { query?: Record<string, string>; json?: unknown },
): Promise<Record<string, unknown>> {
  const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : '';
  const url = `${upstream.apiBase.replace(/\/+$/, '')}${endpoint}${query}`;
  let response: Response;
  try {
    response = await upstream.fetch(url, {
      method: request.json === undefined ? 'GET' : 'POST',
      ...(request.json === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.json) }),
      signal: AbortSignal.timeout(upstream.timeoutMs),
    });
  } catch (err) {
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      throw new WeChatError('TIMEOUT', `WeChat ${endpoint} did not answer within ${upstream.timeoutMs} ms`, {
        cause: err,
      });
    }
    const reason = describeNetworkError(err);
    // The raw error may quote the URL (undici: "Failed to parse URL from …?secret=…"): keep only a redacted copy.
    throw new WeChatError('HTTP_ERROR', `Could not reach WeChat ${endpoint}: ${reason}`, {
      cause: new Error(reason),
      hint: `Check WECHAT_API_BASE (${originOf(upstream.apiBase)}) and the network`,
    });
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (isObject(body) && typeof body['errcode'] === 'number' && body['errcode'] !== 0) {
    const errcode = body['errcode'];
    const errmsg = typeof body['errmsg'] === 'string' ? body['errmsg'] : '';
    const hint = tokenErrorHint(errcode, errmsg, endpoint);
    throw new WeChatApiError({ errcode, errmsg, endpoint }, hint === undefined ? {} : { hint });
  }
  if (!response.ok || !isObject(body)) {
    throw new WeChatError(
      'HTTP_ERROR',
      `WeChat ${endpoint} answered HTTP ${response.status}${isObject(body) ? '' : ' without a JSON object'}`,
      { hint: `Check WECHAT_API_BASE (${originOf(upstream.apiBase)})` },
    );
  }
  return body;
}

/**
 * Options of the access_token fetchers.
 *
 * @example
 * ```ts
 * const options: TokenFetcherOptions = { appId, appSecret, apiBase: 'https://api.weixin.qq.com', fetch, timeoutMs: 10_000 };
 * ```
 */
export interface TokenFetcherOptions extends Upstream {
  appId: string;
  appSecret: string;
}

/**
 * Fetches with `POST /cgi-bin/stable_token`: returns the token WeChat currently holds (its remaining lifetime),
 * unaffected by other callers; `force` sets `force_refresh` (WeChat allows that 20 times a day, 30 s apart).
 *
 * @example
 * ```ts
 * const fetcher = stableTokenFetcher({ appId, appSecret, apiBase, fetch, timeoutMs: 10_000 });
 * const { value, expiresInMs } = await fetcher({ force: false });
 * ```
 */
export function stableTokenFetcher(options: TokenFetcherOptions): CredentialFetcher {
  return async ({ force }) => {
    const body = await callWeChat(options, '/cgi-bin/stable_token', {
      json: {
        grant_type: 'client_credential',
        appid: options.appId,
        secret: options.appSecret,
        force_refresh: force,
      },
    });
    return readCredential(body, 'access_token', '/cgi-bin/stable_token');
  };
}

/**
 * Fetches with `GET /cgi-bin/token`: every call issues a new token and retires the previous one after 5 minutes,
 * which is why only one refresher may exist (the manager's lock sees to it).
 *
 * @example
 * ```ts
 * const fetcher = classicTokenFetcher({ appId, appSecret, apiBase, fetch, timeoutMs: 10_000 });
 * ```
 */
export function classicTokenFetcher(options: TokenFetcherOptions): CredentialFetcher {
  return async () => {
    const body = await callWeChat(options, '/cgi-bin/token', {
      query: { grant_type: 'client_credential', appid: options.appId, secret: options.appSecret },
    });
    return readCredential(body, 'access_token', '/cgi-bin/token');
  };
}

/**
 * Reads `{ <field>: string, expires_in: seconds }` out of a successful answer.
 *
 * @example
 * ```ts
 * readCredential({ ticket: 'T', expires_in: 7200 }, 'ticket', '/cgi-bin/ticket/getticket');
 * ```
 */
export function readCredential(
  body: Record<string, unknown>,
  field: string,
  endpoint: string,
): FetchedCredential {
  const value = body[field];
  const expiresIn = body['expires_in'];
  if (typeof value !== 'string' || value === '' || typeof expiresIn !== 'number' || !(expiresIn > 0)) {
    throw new WeChatError('HTTP_ERROR', `WeChat ${endpoint} answered without ${field} and expires_in`, {
      hint: 'Check WECHAT_API_BASE points at WeChat (or the emulator)',
    });
  }
  return { value, expiresInMs: expiresIn * 1000 };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function originOf(apiBase: string): string {
  try {
    return new URL(apiBase).origin;
  } catch {
    return 'not a URL';
  }
}

// undici says "fetch failed" and puts the reason (ECONNREFUSED, ENOTFOUND, …) in `cause`.
function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return redactSecrets(String(err));
  const cause = err.cause;
  const code = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : undefined;
  return redactSecrets(code ? `${err.message} (${code})` : err.message);
}
