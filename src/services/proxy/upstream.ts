/**
 * One attempt of a proxied call at WeChat: the table's credentials in, the caller's out, the answer shaped for the
 * caller (files streamed, text buffered and, for `openapi/rid/get`, redacted).
 * @module
 */
import type { WireSpec } from '../../api/endpoints.js';
import type { AttemptResult } from '../../api/execute.js';
import { isFileAnswer } from '../../api/file-answer.js';
import { authParams, errcodeOfText, fetchWithDeadline, readText } from '../../wechat-http/index.js';
import { redactRidAnswer } from './redact-rid.js';

/**
 * Where and how the proxy reaches WeChat, and the credentials it adds.
 */
export interface Upstream {
  /** WeChat's origin, without a trailing slash. */
  apiBase: string;
  fetch: typeof fetch;
  /** Deadline of one attempt. */
  timeoutMs: number;
  appId?: string | undefined;
  appSecret?: string | undefined;
}

/**
 * The caller's request as the proxy forwards it.
 */
export interface CallerRequest {
  query: URLSearchParams;
  contentType: string | undefined;
  body: ArrayBuffer;
}

/** Query parameters a caller may not set: the proxy owns the credentials. */
const CREDENTIAL_PARAMS = ['access_token', 'appid', 'secret', 'appsecret'];

/**
 * The function `executeWithRetry` calls once per attempt with the token of that attempt.
 *
 * @example
 * ```ts
 * import { endpoints } from 'wxmp/api';
 * import { executeWithRetry } from '../../api/execute.js';
 * const spec = endpoints['user.info'];
 * const request = { query: new URLSearchParams('openid=OPENID'), contentType: undefined, body: new ArrayBuffer(0) };
 * const attempt = upstreamAttempt(spec, request, { apiBase: 'https://api.weixin.qq.com', fetch, timeoutMs: 10_000 });
 * const tokenProvider = { getToken: async () => 'ACCESS_TOKEN', invalidate: async () => {} };
 * const { value, errcode } = await executeWithRetry({ spec, tokenProvider, attempt });
 * ```
 */
export function upstreamAttempt(
  spec: WireSpec,
  request: CallerRequest,
  upstream: Upstream,
): (token: string | undefined) => Promise<AttemptResult<Response>> {
  const query = withoutCallerCredentials(spec, request.query);
  const credentials = { appId: upstream.appId, appSecret: upstream.appSecret };
  return async (token) => {
    const params = new URLSearchParams(query);
    for (const [name, value] of Object.entries(authParams(spec, { token, ...credentials })))
      params.set(name, value);
    const init: RequestInit = { method: spec.method };
    if (spec.method === 'POST') {
      init.body = request.body;
      if (request.contentType) init.headers = { 'content-type': request.contentType };
    }
    const url = `${upstream.apiBase}${spec.path}?${params}`;
    const fetched = await fetchWithDeadline(upstream.fetch, url, init, upstream.timeoutMs, spec.path);
    const answer = fetched.response;
    const headers = pickHeaders(answer.headers);
    if (isFileAnswer(spec, answer)) {
      fetched.settle(); // the file streams to the caller at the caller's pace
      return { value: new Response(answer.body, { status: answer.status, headers }), errcode: 0 };
    }
    const raw = await readText(fetched, spec.path);
    const text = spec.name === 'misc.ridGet' ? redactRidAnswer(raw, [token, upstream.appSecret]) : raw;
    headers.delete('content-length');
    return { value: new Response(text, { status: answer.status, headers }), errcode: errcodeOfText(text) };
  };
}

// A user's web-authorization token is theirs to send; any other credential comes from the proxy.
function withoutCallerCredentials(spec: WireSpec, callerQuery: URLSearchParams): URLSearchParams {
  const query = new URLSearchParams(callerQuery);
  for (const name of CREDENTIAL_PARAMS)
    if (!(spec.auth === 'user_token' && name === 'access_token')) query.delete(name);
  return query;
}

// Only what describes the body goes back; WeChat's other headers (cookies, server) are not the caller's business.
function pickHeaders(upstream: Headers): Headers {
  const headers = new Headers();
  for (const name of ['content-type', 'content-disposition', 'content-length']) {
    const value = upstream.get(name);
    if (value !== null) headers.set(name, value);
  }
  return headers;
}
