/**
 * The token server's routes, one named handler each. Authentication is not theirs: `createTokenServer` puts the
 * client-key middleware in front of `/token*` and `/ticket*`.
 * @module
 */
import type { Handler } from 'hono';
import { z } from 'zod';
import type { ClientKeyVariables } from '../client-key-auth.js';
import type { Logger } from '../../logger.js';
import type { TokenVerdict } from '../../token/check.js';
import type { TokenManager } from '../../token/manager.js';
import type { TicketManager, TicketType } from '../../token/ticket.js';
import { createRateLimiter, type RateLimiter } from '../proxy/rate-limit.js';
import { answer, expiryFields, jsonBody, RequestError } from './answer.js';

/**
 * What the handlers serve from.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createTicketManager, createTokenManager } from 'wxmp/token';
 * const tokens = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! });
 * const jsapi = createTicketManager({ appId: 'wx1234567890abcdef', tokens });
 * const credentials: ServedCredentials = { tokens, tickets: { jsapi }, logger, now: Date.now };
 * new Hono().get('/token', serveToken(credentials)).get('/ticket', serveTicket(credentials));
 * ```
 */
export interface ServedCredentials {
  tokens: TokenManager;
  tickets: Partial<Record<TicketType, TicketManager>>;
  logger: Logger;
  now: () => number;
  /** Asks WeChat whether a reported token is really rejected; without it, reports are believed. */
  checkToken?: ((token: string) => Promise<TokenVerdict>) | undefined;
  /** The per-key limit of invalidation reports; default 6 a minute per key. */
  invalidations?: RateLimiter | undefined;
}

/**
 * A token WeChat accepted when a client reported it is not checked again for this long: reports of one token cost at
 * most 6 checks a minute whatever the number of keys, and a token rejected right after a false report is retired
 * 10 s late at worst.
 */
const VERIFIED_VALID_MS = 10_000;

const ticketType = z.enum(['jsapi', 'wx_card']).default('jsapi');
const invalidateTokenBody = z.object({ access_token: z.string().min(1).max(2048) });
const ticketQuery = z.object({ type: ticketType });
const invalidateTicketBody = z.object({ ticket: z.string().min(1).max(2048), type: ticketType });

/**
 * `GET /healthz`, without a key (for load balancers and operators): `{ status: 'ok', token_cached, force_refresh:
 * { used_24h, daily_limit, reserve, available } }`, the forced refreshes of the last 24 hours and what is left of
 * the automatic ration (the same figures a metrics endpoint would read).
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createTokenManager } from 'wxmp/token';
 * const tokens = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! });
 * new Hono().get('/healthz', healthz({ tokens, tickets: {}, logger, now: Date.now }));
 * ```
 */
export function healthz({ tokens }: ServedCredentials): Handler {
  return async (c) => {
    const cached = await tokens.peek();
    const budget = await tokens.forceRefreshBudget();
    return c.json({
      status: 'ok',
      token_cached: cached !== undefined,
      force_refresh: {
        used_24h: budget.used,
        daily_limit: budget.dailyLimit,
        reserve: budget.reserve,
        available: budget.available,
      },
    });
  };
}

/**
 * `GET /token`: `{ access_token, expires_at, expires_in }`.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createTokenManager } from 'wxmp/token';
 * const tokens = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! });
 * new Hono().get('/token', serveToken({ tokens, tickets: {}, logger, now: Date.now }));
 * ```
 */
export function serveToken({ tokens, logger, now }: ServedCredentials): Handler {
  return (c) =>
    answer(c, logger, async () => {
      const token = await tokens.getToken();
      const seen = await tokens.peek();
      return {
        access_token: token,
        ...expiryFields(seen?.accessToken === token ? seen.expiresAt : undefined, now()),
      };
    });
}

/**
 * `POST /token/invalidate` with `{ access_token }`: `{ ok: true, retired }`. Only the current token can be retired,
 * and only when WeChat really rejects it (`checkToken`; a token WeChat accepted is not checked again for 10 s);
 * when the check itself fails the token is retired without a forced refresh. Each key may report a few times a
 * minute (429 past it), so one client cannot lock the others out.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createTokenManager } from 'wxmp/token';
 * const tokens = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! });
 * new Hono().post('/token/invalidate', invalidateToken({ tokens, tickets: {}, logger, now: Date.now }));
 * ```
 */
export function invalidateToken(credentials: ServedCredentials): Handler {
  const { tokens, logger, now, checkToken } = credentials;
  const invalidations = credentials.invalidations ?? createRateLimiter(6, now);
  let verified: { token: string; until: number } | undefined;
  return (c) =>
    answer(c, logger, async () => {
      // Set by the client-key middleware in front of this route.
      const key = (c.var as Partial<ClientKeyVariables>).clientKeyId ?? 'anonymous';
      if (invalidations.take(key) > 0)
        throw new RequestError(429, 'RATE_LIMITED', 'Too many invalidation reports for this client key');
      const body = await jsonBody(c, invalidateTokenBody, '{"access_token": "<the token WeChat rejected>"}');
      const token = body.access_token;
      if ((await tokens.peek())?.accessToken !== token) return { ok: true, retired: false };
      if (verified?.token === token && now() < verified.until) return { ok: true, retired: false };
      const verdict = checkToken ? await checkToken(token) : 'rejected';
      if (verdict === 'valid') {
        verified = { token, until: now() + VERIFIED_VALID_MS };
        logger.warn({ key }, 'a client reported a token WeChat accepts; kept it');
        return { ok: true, retired: false };
      }
      await tokens.invalidate(token, { allowForce: verdict === 'rejected' });
      logger.info({ key, verdict }, 'access_token invalidated by a client');
      return { ok: true, retired: true };
    });
}

/**
 * `GET /ticket?type=jsapi|wx_card` (default jsapi): `{ ticket, expires_at, expires_in }`; an unknown type is 400,
 * a type this server does not serve 404.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createTicketManager, createTokenManager } from 'wxmp/token';
 * const tokens = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! });
 * const jsapi = createTicketManager({ appId: 'wx1234567890abcdef', tokens });
 * new Hono().get('/ticket', serveTicket({ tokens, tickets: { jsapi }, logger, now: Date.now }));
 * ```
 */
export function serveTicket(credentials: ServedCredentials): Handler {
  const { logger, now } = credentials;
  return (c) =>
    answer(c, logger, async () => {
      const parsed = ticketQuery.safeParse({ type: c.req.query('type') });
      if (!parsed.success) throw new RequestError(400, 'BAD_REQUEST', 'type must be jsapi or wx_card');
      const manager = ticketManager(credentials, parsed.data.type);
      const ticket = await manager.getTicket();
      const seen = await manager.peek();
      return { ticket, ...expiryFields(seen?.ticket === ticket ? seen.expiresAt : undefined, now()) };
    });
}

/**
 * `POST /ticket/invalidate` with `{ ticket, type? }`: like `/token/invalidate`, only that exact ticket is dropped.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createTicketManager, createTokenManager } from 'wxmp/token';
 * const tokens = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! });
 * const jsapi = createTicketManager({ appId: 'wx1234567890abcdef', tokens });
 * new Hono().post('/ticket/invalidate', invalidateTicket({ tokens, tickets: { jsapi }, logger, now: Date.now }));
 * ```
 */
export function invalidateTicket(credentials: ServedCredentials): Handler {
  const { logger } = credentials;
  return (c) =>
    answer(c, logger, async () => {
      const body = await jsonBody(
        c,
        invalidateTicketBody,
        '{"ticket": "<the ticket the JS-SDK rejected>", "type": "jsapi" (default) or "wx_card"}',
      );
      await ticketManager(credentials, body.type).invalidate(body.ticket);
      logger.info({ type: body.type }, 'ticket invalidated by a client');
      return { ok: true };
    });
}

function ticketManager({ tickets }: ServedCredentials, type: TicketType): TicketManager {
  const manager = tickets[type];
  if (manager === undefined)
    throw new RequestError(404, 'NOT_FOUND', `This server does not serve ${type} tickets`);
  return manager;
}
