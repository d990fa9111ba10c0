/**
 * The token server: the one place that holds the AppSecret and talks to WeChat's token endpoints; every other
 * service asks it for the access_token (and the jsapi_ticket) over HTTP with a client key.
 *
 * Routes: `GET /token`, `POST /token/invalidate`, `GET /ticket?type=jsapi`, `POST /ticket/invalidate`,
 * `GET /healthz`. Several instances behind a load balancer share Redis (`REDIS_URL`) and so share one token, one
 * refresh lock and one call cap.
 * @module
 */
import { Hono } from 'hono';
import type { WxmpEnv } from '../config.js';
import { silentLogger, type Logger } from '../logger.js';
import { createTokenStoreFromEnv, requireCredentials } from '../token/from-env.js';
import { createTokenManager, type TokenManager } from '../token/manager.js';
import { tokenChecker, type TokenVerdict } from '../token/check.js';
import { createTicketManager, type TicketManager, type TicketType } from '../token/ticket.js';
import { serveOperationalRoutes, type ServerMetricsOptions } from './metrics/http-metrics.js';
import { createRateLimiter } from './proxy/rate-limit.js';
import { requireClientKey } from './client-key-auth.js';
import { parseClientKeys } from './client-keys.js';
import {
  healthz,
  invalidateTicket,
  invalidateToken,
  serveTicket,
  serveToken,
  type ServedCredentials,
} from './token-server/routes.js';

/**
 * Options of {@link createTokenServer}.
 */
export interface TokenServerOptions {
  /** The access_token manager; the server closes it on `close()`. */
  tokens: TokenManager;
  /** Ticket managers by type, served at `/ticket?type=…` (and `/ticket/invalidate`); closed on `close()`. */
  tickets?: Partial<Record<TicketType, TicketManager>>;
  /** Keys callers send as `Authorization: Bearer <key>`. */
  clientKeys: readonly string[];
  logger?: Logger;
  /** Clock for `expires_in`; default `Date.now`. */
  now?: () => number;
  /**
   * Asks WeChat whether a token a client reports is really rejected (`tokenChecker(upstream)`); without it every
   * report of the current token is believed. `createTokenServerFromEnv` sets it.
   */
  checkToken?: (token: string) => Promise<TokenVerdict>;
  /** Invalidation reports a client key may send per minute; default 6. */
  invalidationsPerKeyPerMinute?: number;
  /** Serves `GET /metrics` and `GET /readyz` (without a key) and times every request. */
  metrics?: ServerMetricsOptions;
}

/**
 * A token server: a Hono app (call `app.fetch`, or `app.request()` in tests) and `close()`.
 *
 * @example
 * ```ts
 * import { createTokenManager } from 'wxmp/token';
 * const tokens = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! });
 * const server: TokenServer = createTokenServer({ tokens, clientKeys: ['service-a-0123456789'] });
 * process.once('SIGTERM', () => void server.close());
 * ```
 */
export interface TokenServer {
  app: Hono;
  /** Closes the managers (and whatever they own). */
  close(): Promise<void>;
}

const ROUTES =
  'Routes: GET /token, POST /token/invalidate, GET /ticket, POST /ticket/invalidate, GET /healthz, GET /readyz, GET /metrics';

/**
 * Creates the token server's app around existing managers: `/healthz` open, `/token*` and `/ticket*` behind the
 * client key, 404 elsewhere listing the routes.
 *
 * @example
 * ```ts
 * import { createMemoryStore, createTokenManager } from 'wxmp/token';
 * const store = createMemoryStore();
 * const tokens = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET!, store });
 * const { app } = createTokenServer({ tokens, clientKeys: ['a-long-random-client-key'] });
 * const res = await app.request('/token', { headers: { authorization: 'Bearer a-long-random-client-key' } });
 * // { access_token, expires_at, expires_in }
 * ```
 */
export function createTokenServer(options: TokenServerOptions): TokenServer {
  const logger = options.logger ?? silentLogger;
  const { tokens } = options;
  const tickets = options.tickets ?? {};
  const now = options.now ?? Date.now;
  const served: ServedCredentials = {
    tokens,
    tickets,
    logger,
    now,
    checkToken: options.checkToken,
    invalidations: createRateLimiter(options.invalidationsPerKeyPerMinute ?? 6, now),
  };
  const authenticate = requireClientKey({ keys: options.clientKeys, logger, server: 'token server' });
  const app = new Hono();
  app.get('/healthz', healthz(served));
  if (options.metrics) serveOperationalRoutes(app, options.metrics);
  // `/x/*` covers `/x` itself too.
  app.use('/token/*', authenticate);
  app.use('/ticket/*', authenticate);
  app.get('/token', serveToken(served));
  app.post('/token/invalidate', invalidateToken(served));
  app.get('/ticket', serveTicket(served));
  app.post('/ticket/invalidate', invalidateTicket(served));
  app.notFound((c) => c.json({ error: 'NOT_FOUND', message: ROUTES }, 404));
  return {
    app,
    async close() {
      for (const manager of Object.values(tickets)) await manager.close();
      await tokens.close();
    },
  };
}

/**
 * Options of {@link createTokenServerFromEnv}.
 */
export interface TokenServerEnvOptions {
  /** The raw `WXMP_CLIENT_KEYS` value. */
  clientKeys: string | undefined;
  logger?: Logger;
  /** Redis key prefix; default `wxmp:`. Instances that should share tokens use the same prefix. */
  redisPrefix?: string;
  /** Overrides for tests: the HTTP client and the clock. */
  fetch?: typeof fetch;
  now?: () => number;
  /** `GET /metrics` and `GET /readyz`; see {@link TokenServerOptions.metrics}. */
  metrics?: ServerMetricsOptions;
}

/**
 * Creates the token server from the environment: credentials from `WECHAT_APPID`/`WECHAT_APPSECRET`, WeChat at
 * `WECHAT_API_BASE`, Redis at `REDIS_URL` when set (else memory: one instance only), and client keys. Bad or missing
 * settings fail with one line.
 *
 * @example
 * ```ts
 * import { readEnv } from 'wxmp/config';
 * const { app, close } = createTokenServerFromEnv(readEnv(), { clientKeys: process.env.WXMP_CLIENT_KEYS });
 * ```
 */
export function createTokenServerFromEnv(env: WxmpEnv, options: TokenServerEnvOptions): TokenServer {
  const { appId, appSecret } = requireCredentials(env);
  const clientKeys = parseClientKeys(options.clientKeys);
  const logger = options.logger ?? silentLogger;
  const store = createTokenStoreFromEnv(env, {
    logger,
    ...(options.redisPrefix !== undefined ? { redisPrefix: options.redisPrefix } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const common = {
    apiBase: env.apiBase,
    store,
    logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  const tokens = createTokenManager({ appId, appSecret, ...common });
  const jsapi = createTicketManager({ appId, tokens, type: 'jsapi', ...common });
  const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  const server = createTokenServer({
    tokens,
    tickets: { jsapi },
    clientKeys,
    logger,
    checkToken: tokenChecker({ apiBase: env.apiBase, fetch: fetcher, timeoutMs: 10_000 }),
    ...(options.now ? { now: options.now } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  return {
    app: server.app,
    async close() {
      await server.close();
      await store.close?.();
    },
  };
}
