/**
 * Two findings at the token endpoint. After a fault there cleared, clients still saw 503 for about 19 s (the refresh
 * backoff had grown to 16–32 s); and during a 40164 fault after a -1 fault they saw only 429, never the whitelist
 * hint (instances sharing the call cap answered RATE_LIMITED whenever another had used the slots). Now, while no
 * token is usable and WeChat cannot be reached, the backoff stays under 8 s; and when the call cap refuses, callers
 * get WeChat's last error with its hint.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenServer, type TokenServer } from '../../../src/services/token-server.js';
import { createTokenManager } from '../../../src/token/manager.js';
import { createMemoryStore } from '../../../src/token/stores/memory.js';
import { createEmulatedWeChat, EMULATOR_BASE, type EmulatedWeChat } from '../../support/emulated-wechat.js';
import { CLIENT, tokenServerOn } from './token-support.js';

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

async function ask(): Promise<{ status: number; body: { errcode?: number; message?: string } }> {
  const res = await server.app.request('/token', { headers: { authorization: `Bearer ${CLIENT}` } });
  return { status: res.status, body: (await res.json()) as { errcode?: number; message?: string } };
}

describe('the token endpoint recovers', () => {
  it('clients are served within 8 s of a fault clearing', async () => {
    await wechat.fault('token.stable', { status: 502, body: 'bad gateway', times: 6 });
    let clearedAt: number | undefined;
    let servedAt: number | undefined;
    for (let t = 0; t < 180_000 && servedAt === undefined; t += 250) {
      const { status } = await ask();
      if (clearedAt === undefined && wechat.requestsOf('token.stable').length >= 6)
        clearedAt = wechat.requestsOf('token.stable')[5]!.at;
      if (status === 200) servedAt = wechat.clock.now();
      wechat.clock.advance(250);
    }
    expect(servedAt).toBeDefined();
    expect(servedAt! - clearedAt!).toBeLessThanOrEqual(8250);
  });

  it('with three instances sharing the cap, a 40164 after a run of -1 reaches clients with its hint, never a bare 429', async () => {
    const store = createMemoryStore({ now: wechat.clock.now });
    const instances = [0, 1, 2].map(() =>
      createTokenServer({
        tokens: createTokenManager({
          appId: wechat.appId,
          appSecret: wechat.appSecret,
          apiBase: EMULATOR_BASE,
          fetch: wechat.fetch,
          store,
          now: wechat.clock.now,
        }),
        clientKeys: [CLIENT],
        now: wechat.clock.now,
      }),
    );
    await wechat.fault('token.stable', { errcode: -1, errmsg: 'system error', times: 30 });
    await wechat.fault('token.stable', {
      errcode: 40164,
      errmsg: 'invalid ip 203.0.113.7, not in whitelist',
    });
    const answers = new Map<string, number>();
    let hint: string | undefined;
    for (let t = 0; t < 600_000; t += 500) {
      for (const instance of instances) {
        const res = await instance.app.request('/token', { headers: { authorization: `Bearer ${CLIENT}` } });
        const body = (await res.json()) as { errcode?: number; message?: string };
        const key = `${res.status}:${body.errcode ?? body.message?.slice(0, 20)}`;
        answers.set(key, (answers.get(key) ?? 0) + 1);
        if (body.errcode === 40164) hint = body.message;
      }
      wechat.clock.advance(500);
    }
    for (const instance of instances) await instance.close();
    expect([...answers.keys()].filter((k) => k.startsWith('429'))).toEqual([]);
    expect(hint).toContain('IP whitelist');
    expect(hint).toContain('203.0.113.7');
  });
});
