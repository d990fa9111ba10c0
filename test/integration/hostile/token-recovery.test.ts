/**
 * Two findings at the token endpoint. After a fault there cleared, clients still saw 503 for about 19 s (the refresh
 * backoff had grown to 16–32 s); and during a 40164 fault after a -1 fault they saw only 429, never the whitelist
 * hint. Now, while no token is usable and WeChat cannot be reached, the backoff stays under 8 s; and when the call cap
 * refuses, callers get WeChat's last error with its hint.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenServer } from '../../../src/services/token-server.js';
import { createEmulatedWeChat, type EmulatedWeChat } from '../../support/emulated-wechat.js';
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

  it('a 40164 after a run of -1 reaches the clients with the whitelist hint', async () => {
    await wechat.fault('token.stable', { errcode: -1, errmsg: 'system error', times: 8 });
    await wechat.fault('token.stable', {
      errcode: 40164,
      errmsg: 'invalid ip 203.0.113.7, not in whitelist',
    });
    const seen: number[] = [];
    for (let t = 0; t < 300_000; t += 1000) {
      const { body } = await ask();
      if (body.errcode !== undefined) seen.push(body.errcode);
      if (body.errcode === 40164) {
        expect(body.message).toContain('IP whitelist');
        expect(body.message).toContain('203.0.113.7');
        return;
      }
      wechat.clock.advance(1000);
    }
    expect.fail(`no 40164 in 5 minutes; errcodes seen: ${[...new Set(seen)].join(', ')}`);
  });
});
