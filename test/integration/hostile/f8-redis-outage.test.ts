/**
 * F8: Redis outage. With two token servers, an invalidation during the outage made one force a refresh while the
 * other kept serving the retired token (every validation of its token failed with 40001 for 60 s). Now no instance
 * forces a refresh while the store fails (it cannot know what the others did), and an instance told of a 40001
 * refreshes with a plain call, which returns the token WeChat holds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TokenServer } from '../../../src/services/token-server.js';
import { createEmulatedWeChat, type EmulatedWeChat } from '../../support/emulated-wechat.js';
import { REDIS_URL, redisAvailable, uniquePrefix } from '../../support/redis.js';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.js';
import { CLIENT, forcedRefreshes, getToken, reportRejected, tokenServerOn } from './token-support.js';

const hasRedis = await redisAvailable();
let wechat: EmulatedWeChat | undefined;
let redis: TcpProxy | undefined;
const servers: TokenServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close().catch(() => undefined);
  await redis?.cut();
  await wechat?.close();
});

describe.skipIf(!hasRedis)('F8: two token servers and a Redis outage', () => {
  it('no instance forces a refresh, and both serve a token WeChat accepts', async () => {
    wechat = createEmulatedWeChat();
    redis = await startTcpProxy(REDIS_URL);
    const redisPrefix = uniquePrefix('f8');
    const a = tokenServerOn(wechat, { redisUrl: redis.url, redisPrefix });
    const b = tokenServerOn(wechat, { redisUrl: redis.url, redisPrefix });
    servers.push(a, b);
    const first = (await getToken(a, CLIENT)).token!;
    expect((await getToken(b, CLIENT)).token).toBe(first);

    await redis.cut();
    // A client of a says WeChat rejected the token (and WeChat's check agrees).
    await wechat.fault('misc.callbackIp', { errcode: 40001, errmsg: 'invalid credential', times: 1 });
    await reportRejected(a, CLIENT, first);
    const fromA = await getToken(a, CLIENT);
    const fromB = await getToken(b, CLIENT);
    expect(forcedRefreshes(wechat)).toBe(0);
    expect(await wechat.accepts(fromA.token!)).toBe(true);
    expect(await wechat.accepts(fromB.token!)).toBe(true);

    // Another system force-refreshes; b is told of the 40001 and refreshes without forcing.
    const current = await wechat.forceStableRefresh();
    expect(await reportRejected(b, CLIENT, fromB.token!)).toBe(200);
    expect((await getToken(b, CLIENT)).token).toBe(current);
    expect(forcedRefreshes(wechat)).toBe(0);
  });
});
