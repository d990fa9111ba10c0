import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WeChatApiError } from '../../../src/errors.js';
import {
  createTokenManager,
  type TokenManager,
  type TokenManagerOptions,
} from '../../../src/token/manager.js';
import { createTicketManager } from '../../../src/token/ticket.js';
import type { TokenStore } from '../../../src/token/store.js';
import { createRedisStoreFromUrl } from '../../../src/token/stores/node-redis.js';
import { createEmulatedWeChat } from '../../support/emulated-wechat.js';
import { REDIS_URL, redisAvailable, uniquePrefix } from '../../support/redis.js';
import { maxInWindow } from '../../support/token-test-kit.js';
import { closedPort, startTcpProxy } from '../../support/tcp-proxy.js';

const hasRedis = await redisAvailable();
const MINUTE = 60_000;

describe.skipIf(!hasRedis)('token manager on Redis against a loopback WeChat', () => {
  // The emulator on a loopback port, on a clock the test moves (shared with the managers).
  const wechat = createEmulatedWeChat({ frozenAt: Date.now() });
  const { clock, appId: APP_ID, appSecret: APP_SECRET } = wechat;
  let server: { url: string; close: () => Promise<void> };
  const closers: (TokenManager | TokenStore)[] = [];

  beforeAll(async () => {
    server = await wechat.listen();
  });
  afterEach(async () => {
    for (const c of closers.splice(0)) await c.close?.();
  });
  afterAll(async () => {
    await server.close();
    await wechat.close();
  });

  function manager(store: TokenStore, options: Partial<TokenManagerOptions> = {}): TokenManager {
    const m = createTokenManager({
      appId: APP_ID,
      appSecret: APP_SECRET,
      apiBase: server.url,
      now: clock.now,
      store,
      ...options,
    });
    closers.push(m, store);
    return m;
  }

  const redisStore = (prefix: string, url = REDIS_URL) => createRedisStoreFromUrl(url, { prefix });
  /** The calls WeChat received since the `start`-th (the emulator's record of them). */
  const callsSince = (start: number) => wechat.requests.slice(start);

  it('two instances share one token: the second reads what the first fetched', async () => {
    const prefix = uniquePrefix('share');
    const start = wechat.requests.length;
    const a = manager(redisStore(prefix));
    const b = manager(redisStore(prefix));
    const token = await a.getToken();
    expect(await b.getToken()).toBe(token);
    expect(callsSince(start)).toHaveLength(1);
  });

  it('stable_token: a new instance gets the same token with its remaining lifetime', async () => {
    const start = wechat.requests.length;
    const first = manager(redisStore(uniquePrefix('stable-a')));
    const token = await first.getToken();
    const expiresAt = (await first.peek())!.expiresAt;
    clock.advance(10 * MINUTE);
    const other = manager(redisStore(uniquePrefix('stable-b'))); // another store: must ask WeChat
    expect(await other.getToken()).toBe(token);
    expect((await other.peek())!.expiresAt).toBe(expiresAt);
    expect(callsSince(start)).toHaveLength(2);
  });

  it('a stale invalidate leaves a fresh token in place', async () => {
    const prefix = uniquePrefix('stale');
    const start = wechat.requests.length;
    const slow = manager(redisStore(prefix), { mode: 'classic' });
    const fast = manager(redisStore(prefix), { mode: 'classic' });
    const stale = await slow.getToken();
    const fresh = await fast.refresh({ force: true }); // classic: a new token, the old one retires
    expect(fresh).not.toBe(stale);
    await slow.invalidate(stale); // slow got 40001 with its old token and reports it
    expect(await fast.getToken()).toBe(fresh);
    expect(await slow.getToken()).toBe(fresh);
    expect(callsSince(start)).toHaveLength(2);
  });

  it('with Redis cut mid-way, the cached token is still served and WeChat sees at most 10 calls a minute', async () => {
    const proxy = await startTcpProxy(REDIS_URL);
    const start = wechat.requests.length;
    const m = manager(redisStore(uniquePrefix('cut'), proxy.url), { mode: 'classic' });
    const token = await m.getToken();
    await proxy.cut();
    for (let i = 0; i < 100; i++) expect(await m.getToken()).toBe(token);
    expect(callsSince(start)).toHaveLength(1);

    // Now an invalidation storm for three minutes, with nothing but the in-process cap to stop it.
    for (let i = 0; i < 180; i++) {
      await m.getToken().then(
        (t) => m.invalidate(t),
        () => {},
      );
      clock.advance(1000);
    }
    const times = callsSince(start).map((c) => c.at);
    expect(maxInWindow(times, MINUTE)).toBe(10);
    expect(times.length).toBeGreaterThan(10);
  });

  it('with Redis at a closed port from the start, tokens are fetched, served, and capped at 10 a minute', async () => {
    const start = wechat.requests.length;
    const m = manager(redisStore(uniquePrefix('closed'), `redis://127.0.0.1:${await closedPort()}`));
    const token = await m.getToken();
    expect(await m.getToken()).toBe(token);
    expect(callsSince(start)).toHaveLength(1);
    for (let i = 0; i < 120; i++) {
      await m.getToken().then(
        (t) => m.invalidate(t),
        () => {},
      );
      clock.advance(1000);
    }
    expect(
      maxInWindow(
        callsSince(start).map((c) => c.at),
        MINUTE,
      ),
    ).toBeLessThanOrEqual(10);
  });

  it('the cap is shared through Redis: two instances in a storm make at most 10 calls a minute together', async () => {
    const prefix = uniquePrefix('shared-cap');
    const start = wechat.requests.length;
    const a = manager(redisStore(prefix), { mode: 'classic' });
    const b = manager(redisStore(prefix), { mode: 'classic' });
    for (let i = 0; i < 90; i++) {
      for (const m of [a, b])
        await m.getToken().then(
          (t) => m.invalidate(t),
          () => {},
        );
      clock.advance(1000);
    }
    const times = callsSince(start).map((c) => c.at);
    expect(maxInWindow(times, MINUTE)).toBe(10);
  });

  it('upstream errors arrive as WeChatApiError with hints, over HTTP', async () => {
    const m = manager(redisStore(uniquePrefix('errors')));
    // WeChat's answer for a server outside the IP whitelist (the emulator has none, so it is injected).
    const errmsg = 'invalid ip 198.51.100.23 ipv6 ::ffff:198.51.100.23, not in whitelist';
    await wechat.fault('token.stable', { errcode: 40164, errmsg, times: 1 });
    const err = (await m.getToken().catch((e: unknown) => e)) as WeChatApiError;
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err.endpoint).toBe('/cgi-bin/stable_token');
    expect(err.hint).toContain("Add 198.51.100.23 to the account's IP whitelist");
    expect(err.message).not.toContain(APP_SECRET);
  });

  it('a wrong AppSecret answers 40125 and the message says to check WECHAT_APPSECRET', async () => {
    const m = manager(redisStore(uniquePrefix('secret')), {
      appSecret: 'ffffffffffffffffffffffffffffffff',
      mode: 'classic',
    });
    const err = (await m.getToken().catch((e: unknown) => e)) as WeChatApiError;
    expect(err.errcode).toBe(40125);
    expect(err.message).toContain('WECHAT_APPSECRET');
    expect(err.message).not.toContain('ffffffffffffffffffffffffffffffff');
  });

  it('the jsapi_ticket is shared through Redis and follows a rejected access_token', async () => {
    const prefix = uniquePrefix('ticket');
    const store = redisStore(prefix);
    const tokens = manager(store);
    const tickets = createTicketManager({
      appId: APP_ID,
      tokens,
      apiBase: server.url,
      now: clock.now,
      store,
    });
    const other = createTicketManager({ appId: APP_ID, tokens, apiBase: server.url, now: clock.now, store });
    const start = wechat.requests.length;
    const stale = await tokens.getToken();
    await wechat.forceStableRefresh(); // another process: WeChat retires the cached token at once
    const ticket = await tickets.getTicket();
    expect(await other.getTicket()).toBe(ticket);
    const ticketCalls = callsSince(start).filter((c) => c.name === 'jssdk.getTicket');
    expect(ticketCalls.map((c) => c.answer?.['errcode'])).toEqual([40001, 0]);
    expect(await tokens.getToken()).not.toBe(stale);
    await tickets.close();
    await other.close();
  });
});
