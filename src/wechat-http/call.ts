/**
 * A call to one endpoint of the table, as the API client and the token fetchers make it: the request built from
 * the table's row, sent under a deadline, and the answer read as JSON. The API client adds its retry rules on top;
 * the token fetchers call {@link callWeChat}, which turns an error answer into a `WeChatApiError` at once.
 *
 * URLs are never put in errors or logs: the classic token endpoint carries the AppSecret in its query string.
 * @module
 */
import { WeChatError } from '../errors.js';
import type { WireSpec } from '../api/endpoints.js';
import { apiErrorOf, CHECK_API_BASE, errcodeOf, isJsonObject, parseAnswer } from './answer.js';
import { fetchWithDeadline, readText, type Fetched } from './fetch-with-deadline.js';
import { buildRequest, type CallAuth } from './request.js';

/**
 * Where and how to reach WeChat.
 */
export interface Upstream {
  /** API origin, e.g. `https://api.weixin.qq.com` (a path prefix is kept). */
  apiBase: string;
  fetch: typeof fetch;
  /** Deadline of one request (headers and, unless it is a file handed on, the body). */
  timeoutMs: number;
}

/**
 * Sends `request` to the endpoint of `spec` as the table says (query, JSON body or form, credentials added); the
 * answer's headers are in, its deadline still runs.
 *
 * @example
 * ```ts
 * import { endpoints } from 'wxmp/api';
 * const upstream = { apiBase: 'https://api.weixin.qq.com', fetch, timeoutMs: 10_000 };
 * const auth = { token: 'ACCESS_TOKEN', appId: undefined, appSecret: undefined };
 * const fetched = await sendRequest(upstream, endpoints['menu.get'], undefined, auth);
 * const menu = await readAnswer(fetched, '/cgi-bin/menu/get');
 * ```
 */
export function sendRequest(
  upstream: Upstream,
  spec: WireSpec,
  request: unknown,
  auth: CallAuth,
): Promise<Fetched> {
  const { url, init } = buildRequest(upstream.apiBase, spec, request, auth);
  return fetchWithDeadline(upstream.fetch, url, init, upstream.timeoutMs, spec.path);
}

/**
 * Reads and parses a JSON answer within its deadline (a body that is not JSON is `HTTP_ERROR`).
 *
 * @example
 * ```ts
 * import { endpoints } from 'wxmp/api';
 * const upstream = { apiBase: 'https://api.weixin.qq.com', fetch, timeoutMs: 10_000 };
 * const auth = { token: 'ACCESS_TOKEN', appId: undefined, appSecret: undefined };
 * const data = await readAnswer(await sendRequest(upstream, endpoints['menu.get'], undefined, auth), '/cgi-bin/menu/get');
 * ```
 */
export async function readAnswer(fetched: Fetched, endpoint: string): Promise<unknown> {
  return parseAnswer(await readText(fetched, endpoint), fetched.response.status, endpoint);
}

/**
 * Calls one JSON endpoint once and returns its answer; an error answer becomes a `WeChatApiError` with its hint,
 * anything that is not a successful JSON object a `WeChatError` `HTTP_ERROR`, no answer `HTTP_ERROR` or `TIMEOUT`.
 *
 * @example
 * ```ts
 * import { endpoints } from 'wxmp/api';
 * const upstream = { apiBase: 'https://api.weixin.qq.com', fetch, timeoutMs: 10_000 };
 * const auth = { token: 'ACCESS_TOKEN', appId: undefined, appSecret: undefined };
 * const { ticket } = await callWeChat(upstream, endpoints['jssdk.getTicket'], { type: 'jsapi' }, auth);
 * ```
 */
export async function callWeChat(
  upstream: Upstream,
  spec: WireSpec,
  request: unknown,
  auth: CallAuth,
): Promise<Record<string, unknown>> {
  const fetched = await sendRequest(upstream, spec, request, auth);
  const data = await readAnswer(fetched, spec.path);
  if (errcodeOf(data) !== 0) throw apiErrorOf(data, spec.path);
  const { status, ok } = fetched.response;
  if (!ok || !isJsonObject(data)) {
    throw new WeChatError(
      'HTTP_ERROR',
      `WeChat API ${spec.path} answered HTTP ${status}${isJsonObject(data) ? '' : ' without a JSON object'}`,
      { hint: CHECK_API_BASE },
    );
  }
  return data;
}
