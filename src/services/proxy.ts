/**
 * The API proxy: business services call WeChat's API through it without ever holding the access_token or the
 * AppSecret. Callers send `/cgi-bin/…` or `/sns/…` requests exactly as WeChat documents them, minus the token, with
 * `Authorization: Bearer <client key>`; the proxy allows only endpoints of the table (and those an operator lists in
 * `extraEndpoints`), adds the token (or the AppID and AppSecret for the web-authorization code exchange), applies
 * the client's retry rules, streams files back unchanged, rate-limits each key and logs every call without secrets.
 *
 * Answers of its own (not WeChat's) are `{ "error": CODE, "message": … }`: 401 bad key, 404 endpoint not allowed,
 * 413 body too large, 429 over the rate limit (with Retry-After), 502/504 WeChat unreachable or silent, 503 no
 * token available.
 * @module
 */
import { Hono } from 'hono';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../api/retry.js';
import { DEFAULT_API_BASE } from '../config.js';
import { silentLogger, type Logger } from '../logger.js';
import type { TokenProvider } from '../token/provider.js';
import { requireClientKey } from './client-key-auth.js';
import { serveOperationalRoutes, type ServerMetricsOptions } from './metrics/http-metrics.js';
import { allowTableEndpoints, type ExtraEndpoint } from './proxy/allowlist.js';
import { bufferBody } from './proxy/body.js';
import { startClock } from './proxy/env.js';
import { forwardToWeChat } from './proxy/forward.js';
import { createRateLimiter, limitRatePerKey } from './proxy/rate-limit.js';

/**
 * Options of {@link createProxy}.
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
  /**
   * Endpoints outside the table to forward all the same (`WXMP_PROXY_EXTRA_ENDPOINTS`), with the global token
   * added; everything else outside the table is refused (404 `NOT_FOUND`, the rule in the message).
   */
  extraEndpoints?: readonly ExtraEndpoint[];
  /**
   * Serves `GET /healthz`, `GET /metrics` and `GET /readyz` (without a key) and times every request; the retries
   * of the calls to WeChat go to `onRetry`.
   */
  metrics?: ServerMetricsOptions;
  /** Told of each retry of a call to WeChat (for metrics): the endpoint's path, and `token` or `backoff`. */
  onRetry?: (endpoint: string, reason: 'token' | 'backoff') => void;
}

/**
 * The proxy: a Hono app, to serve with `@hono/node-server` or to test with `app.request()`.
 *
 * @example
 * ```ts
 * import { serve } from '@hono/node-server';
 * import { createTokenManager } from 'wxmp/token';
 * const tokenProvider = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! });
 * const { app } = createProxy({ tokenProvider, clientKeys: ['service-a-0123456789'] });
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
 * import { createTokenManager } from 'wxmp/token';
 * const tokenProvider = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! });
 * const clientKeys = ['service-a-0123456789'];
 * createProxy({ tokenProvider, clientKeys, rateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE * 2 });
 * ```
 */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

/**
 * Creates the API proxy: a chain of steps, each refusing with the proxy's own answer or passing on —
 * authenticate the client key, rate-limit it, allow only table endpoints, buffer the body within its limit, then
 * forward to WeChat (credentials added, retry rules applied, secrets taken out of the answer).
 *
 * @example
 * ```ts
 * import { createTokenManager } from 'wxmp/token';
 * const manager = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! });
 * const { app } = createProxy({ tokenProvider: manager, clientKeys: ['service-a-0123456789'] });
 * const res = await app.request('/cgi-bin/menu/get', { headers: { authorization: 'Bearer service-a-0123456789' } });
 * ```
 */
export function createProxy(options: ProxyOptions): ApiProxy {
  const logger = options.logger ?? silentLogger;
  const perMinute = options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
  // Each step declares what it reads from the context (`ProxyEnv`); callers get a plain Hono app.
  const app = new Hono();
  if (options.metrics) {
    app.get('/healthz', (c) => c.json({ status: 'ok' }));
    serveOperationalRoutes(app, options.metrics);
  }
  app.use(startClock);
  app.use(requireClientKey({ keys: options.clientKeys, logger, server: 'proxy' }));
  app.use(limitRatePerKey(createRateLimiter(perMinute, options.now ?? Date.now), logger));
  app.use(allowTableEndpoints(logger, options.extraEndpoints));
  app.use(bufferBody(options.maxBodyBytes ?? 20 * 1024 * 1024));
  app.all(
    '*',
    forwardToWeChat({
      apiBase: (options.apiBase ?? DEFAULT_API_BASE).replace(/\/+$/, ''),
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      timeoutMs: options.timeoutMs ?? 10_000,
      appId: options.appId,
      appSecret: options.appSecret,
      tokenProvider: options.tokenProvider,
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      logger,
      onRetry: options.onRetry,
    }),
  );
  return { app };
}
