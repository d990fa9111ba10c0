import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEnv } from '../../../src/config.js';
import type { WeChatError } from '../../../src/errors.js';
import {
  createTokenServer,
  createTokenServerFromEnv,
  type TokenServer,
} from '../../../src/services/token-server.js';
import { tokenChecker } from '../../../src/token/check.js';
import { createTokenManager } from '../../../src/token/manager.js';
import { createTicketManager } from '../../../src/token/ticket.js';
import { createEmulatedWeChat, EMULATOR_BASE, type EmulatedWeChat } from '../../support/emulated-wechat.js';
import { REDIS_URL, redisAvailable, uniquePrefix } from '../../support/redis.js';
import { APP_ID, APP_SECRET, captureLogger } from '../../support/token-test-kit.js';

const hasRedis = await redisAvailable();
const KEY = 'client-key-0123456789-abcdef';
const auth = { authorization: `Bearer ${KEY}` };

describe('token server', () => {
  let wechat: EmulatedWeChat;
  const servers: TokenServer[] = [];
  const logger = captureLogger();

  beforeEach(() => {
    wechat = createEmulatedWeChat();
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
    await wechat.close();
  });

  /** The token server's own clock (its check cache), moved by hand. */
  let serverClockOffset = 0;

  function start(mode: 'stable' | 'classic' = 'classic'): TokenServer {
    const upstream = { apiBase: EMULATOR_BASE, fetch: wechat.fetch };
    const tokens = createTokenManager({
      appId: wechat.appId,
      appSecret: wechat.appSecret,
      ...upstream,
      mode,
      logger,
    });
    const jsapi = createTicketManager({ appId: wechat.appId, tokens, ...upstream });
    const server = createTokenServer({
      tokens,
      tickets: { jsapi },
      clientKeys: ['another-client-key-000000', KEY],
      logger,
      checkToken: tokenChecker({ ...upstream, timeoutMs: 5000 }),
      now: () => Date.now() + serverClockOffset,
    });
    servers.push(server);
    return server;
  }

  it('answers 401 JSON without a client key, with a wrong key, or with another scheme', async () => {
    const { app } = start();
    for (const headers of [
      {},
      { authorization: 'Bearer wrong-key-0123456789' },
      { authorization: `Basic ${KEY}` },
    ]) {
      for (const [path, method] of [
        ['/token', 'GET'],
        ['/token/invalidate', 'POST'],
        ['/ticket?type=jsapi', 'GET'],
        ['/ticket/invalidate', 'POST'],
      ] as const) {
        const res = await app.request(path, { method, headers });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
        expect(await res.json()).toMatchObject({ error: 'UNAUTHORIZED' });
      }
    }
    expect(wechat.requests).toHaveLength(0);
  });

  it('GET /token returns {access_token, expires_at, expires_in}, uncached', async () => {
    const { app } = start();
    const res = await app.request('/token', { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { access_token: string; expires_at: number; expires_in: number };
    expect(body.access_token).toBe(wechat.requestsOf('token.get')[0]?.answer?.['access_token']);
    expect(await wechat.accepts(body.access_token)).toBe(true);
    expect(body.expires_in).toBeGreaterThan(7100);
    expect(body.expires_in).toBeLessThanOrEqual(7200);
    const nowSec = Date.now() / 1000;
    expect(Number.isInteger(body.expires_at)).toBe(true);
    expect(body.expires_at).toBeGreaterThan(nowSec + 7100);
    expect(body.expires_at).toBeLessThanOrEqual(nowSec + 7200);
  });

  it('POST /token/invalidate drops only the current token, and only once WeChat rejects it', async () => {
    const { app } = start();
    const get = async () =>
      ((await (await app.request('/token', { headers: auth })).json()) as { access_token: string })
        .access_token;
    const invalidate = (token: string) =>
      app.request('/token/invalidate', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ access_token: token }),
      });
    const first = await get();
    expect(await (await invalidate('STALE-TOKEN')).json()).toEqual({ ok: true, retired: false });
    expect(await get()).toBe(first);
    // WeChat still accepts it: a client's word is not enough.
    expect(await (await invalidate(first)).json()).toEqual({ ok: true, retired: false });
    expect(await get()).toBe(first);
    await wechat.supersedeClassicTokens();
    serverClockOffset += 10_000; // past the 10 s in which a token WeChat accepted is not checked again
    const res = await invalidate(first);
    expect(await res.json()).toEqual({ ok: true, retired: true });
    const second = await get();
    expect(second).not.toBe(first);
    expect(await wechat.accepts(second)).toBe(true);
  });

  it('POST /token/invalidate rejects a body without access_token with 400', async () => {
    const { app } = start();
    for (const body of ['', 'not json', '{}', '{"access_token": 5}', '{"access_token": ""}']) {
      const res = await app.request('/token/invalidate', { method: 'POST', headers: auth, body });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'BAD_REQUEST' });
    }
  });

  it('GET /ticket?type=jsapi returns the jsapi_ticket; unknown types are 400, unserved ones 404', async () => {
    const { app } = start();
    const res = await app.request('/ticket?type=jsapi', { headers: auth });
    expect(res.status).toBe(200);
    const [getticket] = wechat.requestsOf('jssdk.getTicket');
    expect(getticket?.query['type']).toBe('jsapi');
    expect(await res.json()).toMatchObject({
      ticket: getticket?.answer?.['ticket'],
      expires_at: expect.any(Number) as number,
    });
    expect((await app.request('/ticket?type=nope', { headers: auth })).status).toBe(400);
    expect((await app.request('/ticket?type=wx_card', { headers: auth })).status).toBe(404);
  });

  describe('POST /ticket/invalidate', () => {
    // WeChat renews the ticket once less than 5 minutes are left: moving its clock there makes a refetch after an
    // invalidation visible as a new ticket. The managers, on their own clock, refresh only in their last second.
    const nearExpiry = () => wechat.clock.advance(7200_000 - 299_000);

    function startRotating(): TokenServer {
      const common = {
        appId: wechat.appId,
        apiBase: EMULATOR_BASE,
        fetch: wechat.fetch,
        refreshAheadMs: 1000,
        logger,
      };
      const tokens = createTokenManager({ ...common, appSecret: wechat.appSecret, mode: 'classic' });
      const server = createTokenServer({
        tokens,
        tickets: { jsapi: createTicketManager({ ...common, tokens }) },
        clientKeys: [KEY],
        logger,
      });
      servers.push(server);
      return server;
    }

    const ticketOf = async (app: TokenServer['app']) =>
      ((await (await app.request('/ticket?type=jsapi', { headers: auth })).json()) as { ticket: string })
        .ticket;
    const invalidate = (app: TokenServer['app'], body: unknown, headers: Record<string, string> = auth) =>
      app.request('/ticket/invalidate', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    it('drops the current ticket, so the next GET /ticket fetches a new one', async () => {
      const { app } = startRotating();
      const first = await ticketOf(app);
      const calls = await wechat.calls('jssdk.getTicket');
      nearExpiry();
      const res = await invalidate(app, { ticket: first });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({ ok: true });
      const second = await ticketOf(app);
      expect(second).not.toBe(first);
      expect(await wechat.calls('jssdk.getTicket')).toBe(calls + 1);
      expect(logger.lines.join('\n')).not.toContain(first);
    });

    it('a stale ticket leaves the fresh one in place', async () => {
      const { app } = startRotating();
      const first = await ticketOf(app);
      nearExpiry();
      expect((await invalidate(app, { ticket: first, type: 'jsapi' })).status).toBe(200);
      const fresh = await ticketOf(app);
      expect(fresh).not.toBe(first);
      const calls = await wechat.calls('jssdk.getTicket');
      // A second client reports the old ticket late, and a third one a ticket this server never had.
      for (const stale of [first, 'TICKET-never-issued-jsapi']) {
        const res = await invalidate(app, { ticket: stale });
        expect(await res.json()).toEqual({ ok: true });
        expect(await ticketOf(app)).toBe(fresh);
      }
      expect(await wechat.calls('jssdk.getTicket')).toBe(calls);
    });

    it('answers 401 without a key or with a wrong one, and keeps the ticket', async () => {
      const { app } = startRotating();
      const ticket = await ticketOf(app);
      const calls = await wechat.calls('jssdk.getTicket');
      for (const headers of [{}, { authorization: 'Bearer wrong-key-0123456789' }]) {
        const res = await invalidate(app, { ticket }, headers);
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ error: 'UNAUTHORIZED' });
      }
      expect(await ticketOf(app)).toBe(ticket);
      expect(await wechat.calls('jssdk.getTicket')).toBe(calls);
    });

    it('rejects a body without a ticket, or with an unknown type, with 400; an unserved type is 404', async () => {
      const { app } = startRotating();
      for (const body of [
        '',
        'not json',
        '{}',
        '{"ticket": 5}',
        '{"ticket": ""}',
        '{"ticket": "T", "type": "x"}',
      ]) {
        const res = await app.request('/ticket/invalidate', { method: 'POST', headers: auth, body });
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ error: 'BAD_REQUEST' });
      }
      const res = await invalidate(app, { ticket: 'T', type: 'wx_card' });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'NOT_FOUND' });
    });
  });

  it('GET /healthz answers without a key and says whether a token is cached', async () => {
    const { app } = start();
    const force_refresh = { used_24h: 0, daily_limit: 20, reserve: 5, available: 15 };
    expect(await (await app.request('/healthz')).json()).toEqual({
      status: 'ok',
      token_cached: false,
      force_refresh,
    });
    await app.request('/token', { headers: auth });
    expect(await (await app.request('/healthz')).json()).toEqual({
      status: 'ok',
      token_cached: true,
      force_refresh,
    });
  });

  it('a WeChat error becomes 502 with errcode and the hint, never the secret', async () => {
    const { app } = start();
    const errmsg = 'invalid ip 192.0.2.9 ipv6 ::ffff:192.0.2.9, not in whitelist'; // the emulator has no IP whitelist
    await wechat.fault('token.get', { errcode: 40164, errmsg, times: 1 });
    const res = await app.request('/token', { headers: auth });
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'API_ERROR', errcode: 40164 });
    expect(text).toContain('192.0.2.9');
    expect(text).not.toContain(wechat.appSecret);
    expect(logger.lines.join('\n')).not.toContain(wechat.appSecret);
    expect(logger.lines.join('\n')).not.toContain(KEY);
  });

  it('refuses to start without WECHAT_APPID, WECHAT_APPSECRET or WXMP_CLIENT_KEYS, with one line each', () => {
    const env = readEnv({ WECHAT_APPID: APP_ID, WECHAT_APPSECRET: APP_SECRET });
    const attempt = (e: typeof env, keys: string | undefined) => {
      try {
        createTokenServerFromEnv(e, { clientKeys: keys });
      } catch (err) {
        return err as WeChatError;
      }
      throw new Error('started');
    };
    const cases = [
      [attempt({ ...env, appId: undefined }, KEY), 'WECHAT_APPID'],
      [attempt({ ...env, appSecret: undefined }, KEY), 'WECHAT_APPSECRET'],
      [attempt(env, undefined), 'WXMP_CLIENT_KEYS'],
      [attempt(env, ' , '), 'WXMP_CLIENT_KEYS'],
      [attempt(env, 'short'), 'WXMP_CLIENT_KEYS'],
    ] as const;
    for (const [err, variable] of cases) {
      expect(err.code).toBe('CONFIG_INVALID');
      expect(err.message.startsWith(variable)).toBe(true);
      expect(err.message).not.toContain('\n');
    }
  });

  describe.skipIf(!hasRedis)('two instances sharing Redis', () => {
    it('serve one token, and an invalidate (of a token WeChat rejects) through one is seen by the other', async () => {
      const env = readEnv({
        WECHAT_APPID: wechat.appId,
        WECHAT_APPSECRET: wechat.appSecret,
        WECHAT_API_BASE: EMULATOR_BASE,
        REDIS_URL,
      });
      // Both instances on one fresh keyspace of the shared Redis.
      const redisPrefix = uniquePrefix('token-server');
      const a = createTokenServerFromEnv(env, { clientKeys: KEY, redisPrefix, fetch: wechat.fetch });
      const b = createTokenServerFromEnv(env, { clientKeys: KEY, redisPrefix, fetch: wechat.fetch });
      servers.push(a, b);
      const tokenFrom = async (s: TokenServer) =>
        ((await (await s.app.request('/token', { headers: auth })).json()) as { access_token: string })
          .access_token;
      const first = await tokenFrom(a);
      expect(await tokenFrom(b)).toBe(first);
      expect(await wechat.calls('token.stable')).toBe(1);

      // Another system force-refreshed the token; a client of b got 40001 with it and reports it.
      const current = await wechat.forceStableRefresh();
      const res = await b.app.request('/token/invalidate', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ access_token: first }),
      });
      expect(await res.json()).toEqual({ ok: true, retired: true });
      const second = await tokenFrom(a);
      expect(second).toBe(current);
      expect(await tokenFrom(b)).toBe(second);
      expect(await wechat.accepts(second)).toBe(true);
      // A plain call found WeChat's new token: no forced refresh of ours.
      const forced = wechat.requestsOf('token.stable').filter((r) => r.body.includes('"force_refresh":true'));
      expect(forced).toHaveLength(0);
    });
  });
});
