/**
 * The API proxy: business services call WeChat's API through it without ever holding the access_token or the
 * AppSecret. Callers send `/cgi-bin/…` or `/sns/…` requests exactly as WeChat documents them, minus the token, with
 * `Authorization: Bearer <client key>`; the proxy allows only endpoints of the table, adds the token (or the AppID
 * and AppSecret for the web-authorization code exchange), applies the client's retry rules, streams files back
 * unchanged, rate-limits each key and logs every call without secrets.
 *
 * Answers of its own (not WeChat's) are `{ "error": CODE, "message": … }`: 401 bad key, 404 endpoint not allowed,
 * 413 body too large, 429 over the rate limit (with Retry-After), 502/504 WeChat unreachable or silent, 503 no
 * token available.
 * @module
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { DEFAULT_API_BASE } from '../config.js';
import { errorMessage, redactSecrets, WeChatError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import type { TokenProvider } from '../token/provider.js';
import { endpointByPath, type EndpointSpec } from '../api/endpoints.js';
import { executeWithRetry, type AttemptResult } from '../api/execute.js';
import { isFileAnswer } from '../api/file-answer.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../api/retry.js';
import { authParams, errcodeOfText, fetchWithDeadline, isNoAnswer, readText } from '../wechat-http/index.js';
import { clientKeyMatcher } from './token-server.js';

/**
 * Options of {@link createProxy}.
 *
 * @example
 * ```ts
 * const options: ProxyOptions = { tokenProvider: manager, clientKeys: ['a-long-random-client-key'] };
 * ```
 */
export interface ProxyOptions {
  tokenProvider: TokenProvider;
  /** Keys callers send as `Authorization: Bearer <key>` (`WXMP_CLIENT_KEYS`). */
  clientKeys: readonly string[];
  /** WeChat's origin; default `https://api.weixin.qq.com`. */
  apiBase?: string;
  fetch?: typeof fetch;
  /** Requests per minute per key (token bucket, bursts up to the same number); default 600. */
  rateLimitPerMinute?: number;
  logger?: Logger;
  /** For the web-authorization endpoints (/sns/oauth2/…), which take the AppID (and AppSecret) instead of a token. */
  appId?: string;
  appSecret?: string;
  /** Deadline of each upstream attempt; default 10 s. */
  timeoutMs?: number;
  /** Largest request body accepted (uploads); default 20 MiB, above WeChat's 10 MB video limit. */
  maxBodyBytes?: number;
  retry?: Partial<RetryPolicy>;
  /** Clock of the rate limiter; default `Date.now`. */
  now?: () => number;
}

/**
 * The proxy: a Hono app, to serve with `@hono/node-server` or to test with `app.request()`.
 *
 * @example
 * ```ts
 * const { app } = createProxy({ tokenProvider, clientKeys });
 * serve({ fetch: app.fetch, port: 3200 });
 * ```
 */
export interface ApiProxy {
  app: Hono;
}

/**
 * Default per-key rate limit, in requests per minute.
 *
 * @example
 * ```ts
 * createProxy({ tokenProvider, clientKeys, rateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE * 2 });
 * ```
 */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

/** Query parameters a caller may not set: the proxy owns the credentials. */
const CREDENTIAL_PARAMS = ['access_token', 'appid', 'secret', 'appsecret'];

/**
 * Creates the API proxy.
 *
 * @example
 * ```ts
 * const { app } = createProxy({ tokenProvider: manager, clientKeys: ['service-a-0123456789'] });
 * const res = await app.request('/cgi-bin/menu/get', { headers: { authorization: 'Bearer service-a-0123456789' } });
 * ```
 */
export function createProxy(options: ProxyOptions): ApiProxy {
  const logger = options.logger ?? silentLogger;
  const apiBase = (options.apiBase ?? DEFAULT_API_BASE).replace(/\/+$/, '');
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBodyBytes = options.maxBodyBytes ?? 20 * 1024 * 1024;
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const isClientKey = clientKeyMatcher(options.clientKeys);
  const credentials = { appId: options.appId, appSecret: options.appSecret };
  const limiter = createRateLimiter(
    options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
    options.now ?? Date.now,
  );
  const app = new Hono();

  app.all('*', async (c) => {
    const started = Date.now();
    const key = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
    if (key === undefined || !isClientKey(key)) {
      logger.warn({ path: c.req.path }, 'proxy: request without a valid client key');
      c.header('www-authenticate', 'Bearer');
      return refuse(c, 401, 'UNAUTHORIZED', 'Send Authorization: Bearer <one of WXMP_CLIENT_KEYS>');
    }
    const keyId = keyIdOf(key);
    const waitMs = limiter.take(keyId);
    if (waitMs > 0) {
      c.header('retry-after', String(Math.ceil(waitMs / 1000)));
      logger.warn({ key: keyId, path: c.req.path }, 'proxy: rate limit reached');
      return refuse(
        c,
        429,
        'RATE_LIMITED',
        'Too many requests for this client key; retry after the Retry-After seconds',
      );
    }
    const spec = endpointByPath(c.req.method, c.req.path);
    if (!spec?.proxied) {
      logger.warn({ key: keyId, method: c.req.method, path: c.req.path }, 'proxy: endpoint not forwarded');
      return refuse(
        c,
        404,
        'NOT_FOUND',
        `${c.req.method} ${c.req.path} is not an endpoint this proxy forwards`,
      );
    }
    // Buffer the body so a retry can send it again; WeChat's uploads are small (10 MB videos at most).
    const declared = Number(c.req.header('content-length') ?? 0);
    const body = declared > maxBodyBytes ? undefined : await c.req.arrayBuffer();
    if (body === undefined || body.byteLength > maxBodyBytes) {
      return refuse(c, 413, 'BODY_TOO_LARGE', `Request bodies are limited to ${maxBodyBytes} bytes`);
    }

    let result: AttemptResult<Response>;
    try {
      result = await forward(spec, new URL(c.req.url).searchParams, c.req.header('content-type'), body);
    } catch (err) {
      const status = isNoAnswer(err) ? (err.code === 'TIMEOUT' ? 504 : 502) : 503;
      const code = err instanceof WeChatError ? err.code : 'INTERNAL';
      const detail = redactSecrets(errorMessage(err));
      logger.warn(
        { key: keyId, path: spec.path, status, error: code, detail, ms: Date.now() - started },
        'proxy: call failed',
      );
      const message = err instanceof WeChatError ? err.message : 'Unexpected error; see the proxy log';
      return refuse(c, status, code, message);
    }
    const { value: response, errcode } = result;
    logger.info(
      { key: keyId, path: spec.path, status: response.status, errcode, ms: Date.now() - started },
      'proxied WeChat API call',
    );
    return response;
  });

  /** One proxied call: the table's credentials added, the caller's removed, retried by the shared rules. */
  function forward(
    spec: EndpointSpec,
    callerQuery: URLSearchParams,
    contentType: string | undefined,
    body: ArrayBuffer,
  ): Promise<AttemptResult<Response>> {
    const query = new URLSearchParams(callerQuery);
    // A user's web-authorization token is theirs to send; any other credential comes from the proxy.
    for (const name of CREDENTIAL_PARAMS)
      if (!(spec.auth === 'user_token' && name === 'access_token')) query.delete(name);
    const attempt = async (token: string | undefined): Promise<AttemptResult<Response>> => {
      const params = new URLSearchParams(query);
      for (const [name, value] of Object.entries(authParams(spec, { token, ...credentials })))
        params.set(name, value);
      const init: RequestInit = { method: spec.method };
      if (spec.method === 'POST') {
        init.body = body;
        if (contentType) init.headers = { 'content-type': contentType };
      }
      const fetched = await fetchWithDeadline(
        fetchFn,
        `${apiBase}${spec.path}?${params}`,
        init,
        timeoutMs,
        spec.path,
      );
      const upstream = fetched.response;
      const headers = pickHeaders(upstream.headers);
      if (isFileAnswer(spec, upstream)) {
        fetched.settle(); // the file streams to the caller at the caller's pace
        return { value: new Response(upstream.body, { status: upstream.status, headers }), errcode: 0 };
      }
      const raw = await readText(fetched, spec.path);
      const text = spec.name === 'misc.ridGet' ? redactRidAnswer(raw, [token, credentials.appSecret]) : raw;
      headers.delete('content-length');
      return {
        value: new Response(text, { status: upstream.status, headers }),
        errcode: errcodeOfText(text),
      };
    };
    return executeWithRetry({ spec, tokenProvider: options.tokenProvider, attempt, policy, logger });
  }

  return { app };
}

/**
 * A short, stable id of a client key for logs: the first 8 hex digits of its SHA-256 (the key itself never is).
 *
 * @example
 * ```ts
 * keyIdOf('service-a-0123456789'); // e.g. '3f0c9a1e'
 * ```
 */
export function keyIdOf(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * A token bucket per key: `perMinute` requests in a burst, refilled continuously. `take` returns 0 when the request
 * may go, else the ms until a token is back.
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter(600, Date.now);
 * if (limiter.take('3f0c9a1e') > 0) console.log('slow down');
 * ```
 */
export function createRateLimiter(perMinute: number, now: () => number): { take(id: string): number } {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  return {
    take(id) {
      const t = now();
      const bucket = buckets.get(id) ?? { tokens: perMinute, at: t };
      bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.at) * perMs);
      bucket.at = t;
      buckets.set(id, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - bucket.tokens) / perMs);
    },
  };
}

// WeChat's answer to openapi/rid/get echoes the failed call's URL (with `access_token=`) and bodies (stable_token's
// holds the AppSecret); proxy callers must see neither. Literal occurrences of the proxy's own token and AppSecret
// are replaced too, whatever field holds them.
function redactRidAnswer(text: string, secrets: readonly (string | undefined)[]): string {
  let redacted = redactSecrets(text);
  try {
    // The bodies are JSON inside JSON strings: redact them decoded, so escaped quotes do not hide a `"secret"`.
    const answer = JSON.parse(redacted) as { request?: Record<string, unknown> | null } | null;
    const request = answer?.request;
    if (request && typeof request === 'object') {
      for (const field of ['request_url', 'request_body', 'response_body']) {
        const value = request[field];
        if (typeof value === 'string') request[field] = redactSecrets(value);
      }
      redacted = JSON.stringify(answer);
    }
  } catch {
    // Not JSON: the text-level redaction above is all we can do.
  }
  for (const secret of secrets) if (secret) redacted = redacted.split(secret).join('[redacted]');
  return redacted;
}

function refuse(c: Context, status: 401 | 404 | 413 | 429 | 502 | 503 | 504, error: string, message: string) {
  return c.json({ error, message }, status);
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
