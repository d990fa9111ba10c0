/**
 * F7: the daily force_refresh allowance could be burned by the same loop every 31 s (20 forced refreshes in
 * 10 minutes, then 45009; each forced refresh retires the token for every holder), and the 45009 hint then talked
 * about /cgi-bin/token's 2,000 calls. Now a valid token is never retired on a client's word; forced refreshes are
 * rationed (15 a day automatically, 5 kept for the operator), shown in /healthz; and the 45009 hint of stable_token
 * names force_refresh's limit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenServer } from '../../../src/services/token-server.js';
import { createEmulatedWeChat, type EmulatedWeChat } from '../../support/emulated-wechat.js';
import {
  ATTACKER,
  CLIENT,
  forcedRefreshes,
  getToken,
  reportRejected,
  tokenServerOn,
} from './token-support.js';

let wechat: EmulatedWeChat;
let server: TokenServer;
beforeEach(() => {
  wechat = createEmulatedWeChat({ frozenAt: 1_760_000_000_000 });
  server = tokenServerOn(wechat, { now: wechat.clock.now });
});
afterEach(async () => {
  await server.close();
  await wechat.close();
});

/** The loop of the finding: get the token, report it rejected, 31 s later again; `rounds` times. */
async function burnLoop(rounds: number): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const stolen = await getToken(server, ATTACKER);
    if (stolen.token) await reportRejected(server, ATTACKER, stolen.token);
    wechat.clock.advance(31_000);
  }
}

describe('F7: forced refreshes', () => {
  it('a loop of false reports every 31 s forces no refresh, and every client keeps one working token', async () => {
    await burnLoop(25);
    expect(forcedRefreshes(wechat)).toBe(0);
    const { status, token } = await getToken(server, CLIENT);
    expect(status).toBe(200);
    expect(await wechat.accepts(token!)).toBe(true);
  });

  it('when WeChat really rejects the token it hands out, forced refreshes stop at the ration, and /healthz says so', async () => {
    await wechat.fault('misc.callbackIp', { errcode: 40001, errmsg: 'invalid credential' });
    await burnLoop(25);
    expect(forcedRefreshes(wechat)).toBe(15);
    const health = (await (await server.app.request('/healthz')).json()) as Record<string, unknown>;
    expect(health['force_refresh']).toEqual({ used_24h: 15, daily_limit: 20, reserve: 5, available: 0 });
  });

  it('45009 at stable_token names the force_refresh limit, not /cgi-bin/token’s 2000 calls', async () => {
    await wechat.fault('token.stable', { errcode: 45009, errmsg: 'reach max api daily quota limit' });
    const res = await server.app.request('/token', { headers: { authorization: `Bearer ${CLIENT}` } });
    const body = (await res.json()) as { message: string; errcode: number };
    expect(body.errcode).toBe(45009);
    expect(body.message).toContain('force_refresh (20 a day');
    expect(body.message).not.toContain('2000 calls of /cgi-bin/token');
  });
});
