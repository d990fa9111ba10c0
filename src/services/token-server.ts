/**
 * The token server: the one place that holds the AppSecret and talks to WeChat's token endpoints; every other
 * service asks it for the access_token (and the jsapi_ticket) over HTTP with a client key.
 *
 * Routes: `GET /token`, `POST /token/invalidate`, `GET /ticket?type=jsapi`, `POST /ticket/invalidate`,
 * `GET /healthz`. Several instances behind a load balancer share Redis (`REDIS_URL`) and so share one token, one
 * refresh lock and one call cap.
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { configError, type WxmpEnv } from '../config.js';
import { errorMessage, WeChatApiError, WeChatError } from '../errors.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { createTokenStoreFromEnv, requireCredentials } from '../token/from-env.js';
import { createTokenManager, type TokenManager } from '../token/manager.js';
import { createTicketManager, type TicketManager, type TicketType } from '../token/ticket.js';

/**
 * Options of {@link createTokenServer}.
 *
 * @example
 * ```ts
 * const options: TokenServerOptions = { tokens, tickets: { jsapi }, clientKeys: ['a-long-random-client-key'] };
 * ```
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
}

/**
 * A token server: a Hono app (call `app.fetch`, or `app.request()` in tests) and `close()`.
 *
 * @example
 * ```ts
 * const server: TokenServer = createTokenServer({ tokens, clientKeys: ['k1…'] });
 * ```
 */
export interface TokenServer {
  app: Hono;
  /** Closes the managers (and whatever they own). */
  close(): Promise<void>;
}

const ticketType = z.enum(['jsapi', 'wx_card']).default('jsapi');
const invalidateBody = z.object({ access_token: z.string().min(1).max(2048) });
const ticketQuery = z.object({ type: ticketType });
const ticketInvalidateBody = z.object({ ticket: z.string().min(1).max(2048), type: ticketType });
const ROUTES =
  'Routes: GET /token, POST /token/invalidate, GET /ticket, POST /ticket/invalidate, GET /healthz';

/**
 * Creates the token server's app around existing managers.
 *
 * @example
 * ```ts
 * const tokens = createTokenManager({ appId, appSecret, store });
 * const { app } = createTokenServer({ tokens, clientKeys: ['a-long-random-client-key'] });
 * const res = await app.request('/token', { headers: { authorization: 'Bearer a-long-random-client-key' } });
 * // { access_token, expires_at, expires_in }
 * ```
 */
export function createTokenServer(options: TokenServerOptions): TokenServer {
  const logger = options.logger ?? silentLogger;
  const { tokens } = options;
  const tickets = options.tickets ?? {};
  const isClientKey = clientKeyMatcher(options.clientKeys);
  const now = options.now ?? Date.now;
  const expiry = (expiresAt: number | undefined) => expiryFields(expiresAt, now());
  const app = new Hono();

  app.get('/healthz', async (c) => {
    const cached = await tokens.peek();
    return c.json({ status: 'ok', token_cached: cached !== undefined });
  });

  // `/x/*` covers `/x` itself too.
  app.use('/token/*', authenticate);
  app.use('/ticket/*', authenticate);

  app.get('/token', (c) =>
    answer(c, async () => {
      const token = await tokens.getToken();
      const seen = await tokens.peek();
      return { access_token: token, ...expiry(seen?.accessToken === token ? seen.expiresAt : undefined) };
    }),
  );

  app.post('/token/invalidate', (c) =>
    answer(c, async () => {
      const body = await jsonBody(c, invalidateBody, '{"access_token": "<the token WeChat rejected>"}');
      await tokens.invalidate(body.access_token);
      logger.info({}, 'access_token invalidated by a client');
      return { ok: true };
    }),
  );

  app.get('/ticket', (c) =>
    answer(c, async () => {
      const parsed = ticketQuery.safeParse({ type: c.req.query('type') });
      if (!parsed.success) throw new HttpError(400, 'BAD_REQUEST', 'type must be jsapi or wx_card');
      const manager = ticketManager(parsed.data.type);
      const ticket = await manager.getTicket();
      const seen = await manager.peek();
      return { ticket, ...expiry(seen?.ticket === ticket ? seen.expiresAt : undefined) };
    }),
  );

  // Like /token/invalidate: only that exact ticket is dropped, so a client holding a stale one never wipes a fresh one.
  app.post('/ticket/invalidate', (c) =>
    answer(c, async () => {
      const body = await jsonBody(
        c,
        ticketInvalidateBody,
        '{"ticket": "<the ticket the JS-SDK rejected>", "type": "jsapi" (default) or "wx_card"}',
      );
      await ticketManager(body.type).invalidate(body.ticket);
      logger.info({ type: body.type }, 'ticket invalidated by a client');
      return { ok: true };
    }),
  );

  app.notFound((c) => c.json({ error: 'NOT_FOUND', message: ROUTES }, 404));

  function ticketManager(type: TicketType): TicketManager {
    const manager = tickets[type];
    if (manager === undefined)
      throw new HttpError(404, 'NOT_FOUND', `This server does not serve ${type} tickets`);
    return manager;
  }

  async function authenticate(c: Context, next: () => Promise<void>): Promise<Response | void> {
    const header = c.req.header('authorization') ?? '';
    const key = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (key === undefined || !isClientKey(key)) {
      logger.warn({ path: c.req.path }, 'token server: request without a valid client key');
      c.header('www-authenticate', 'Bearer');
      return c.json(
        { error: 'UNAUTHORIZED', message: 'Send Authorization: Bearer <one of WXMP_CLIENT_KEYS>' },
        401,
      );
    }
    await next();
  }

  async function answer(c: Context, produce: () => Promise<object>): Promise<Response> {
    c.header('cache-control', 'no-store');
    try {
      return c.json(await produce());
    } catch (err) {
      if (err instanceof HttpError) return c.json({ error: err.code, message: err.message }, err.status);
      if (err instanceof WeChatError) {
        const status = err.code === 'RATE_LIMITED' ? 429 : err instanceof WeChatApiError ? 502 : 503;
        logger.warn({ code: err.code, err: err.message }, 'token server: could not serve a credential');
        return c.json(
          {
            error: err.code,
            message: err.message,
            ...(err instanceof WeChatApiError ? { errcode: err.errcode } : {}),
          },
          status,
        );
      }
      logger.error({ err: errorMessage(err) }, 'token server: unexpected error');
      return c.json({ error: 'INTERNAL', message: 'Unexpected error; see the token server log' }, 500);
    }
  }

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
 *
 * @example
 * ```ts
 * const options: TokenServerEnvOptions = { clientKeys: process.env.WXMP_CLIENT_KEYS, logger: createLogger() };
 * ```
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
}

/**
 * Creates the token server from the environment: credentials from `WECHAT_APPID`/`WECHAT_APPSECRET`, WeChat at
 * `WECHAT_API_BASE`, Redis at `REDIS_URL` when set (else memory: one instance only), and client keys. Bad or missing
 * settings fail with one line.
 *
 * @example
 * ```ts
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
  const server = createTokenServer({
    tokens,
    tickets: { jsapi },
    clientKeys,
    logger,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    app: server.app,
    async close() {
      await server.close();
      await store.close?.();
    },
  };
}

/**
 * Shortest client key accepted: guessing one must be hopeless.
 *
 * @example
 * ```ts
 * if (key.length < MIN_CLIENT_KEY_LENGTH) throw new Error('key too short');
 * ```
 */
export const MIN_CLIENT_KEY_LENGTH = 16;

/**
 * Splits `WXMP_CLIENT_KEYS` (comma-separated) and checks each key; fails with one line when missing or weak.
 *
 * @example
 * ```ts
 * parseClientKeys('service-a-0123456789,service-b-0123456789'); // two keys
 * ```
 */
export function parseClientKeys(raw: string | undefined): string[] {
  const keys = (raw ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  if (keys.length === 0) {
    configError(
      'WXMP_CLIENT_KEYS',
      'is required: a comma-separated list of keys callers send as Authorization: Bearer <key>',
    );
  }
  if (keys.some((k) => k.length < MIN_CLIENT_KEY_LENGTH)) {
    configError(
      'WXMP_CLIENT_KEYS',
      `has a key shorter than ${MIN_CLIENT_KEY_LENGTH} characters; use long random keys (openssl rand -hex 24)`,
    );
  }
  return keys;
}

/**
 * A constant-time membership test: both sides are hashed to 32 bytes (so lengths leak nothing) and every key is
 * compared, with no early exit.
 *
 * @example
 * ```ts
 * const isClientKey = clientKeyMatcher(['service-a-0123456789']);
 * isClientKey('service-a-0123456789'); // true
 * ```
 */
export function clientKeyMatcher(keys: readonly string[]): (candidate: string) => boolean {
  const digests = keys.map(sha256);
  return (candidate) => {
    const digest = sha256(candidate);
    let match = false;
    for (const known of digests) match = timingSafeEqual(known, digest) || match;
    return match;
  };
}

/** Reads and validates a JSON body; a 400 names the body `expected` (never echoing what was sent). */
async function jsonBody<T>(c: Context, schema: z.ZodType<T>, expected: string): Promise<T> {
  const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) throw new HttpError(400, 'BAD_REQUEST', `Send a JSON body ${expected}`);
  return parsed.data;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function expiryFields(
  expiresAt: number | undefined,
  now: number,
): { expires_at: number | null; expires_in: number | null } {
  // Only when the token changed between our two reads (a refresh landed in between) is the expiry unknown.
  if (expiresAt === undefined) return { expires_at: null, expires_in: null };
  return {
    expires_at: Math.floor(expiresAt / 1000),
    expires_in: Math.max(0, Math.floor((expiresAt - now) / 1000)),
  };
}

class HttpError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
