/**
 * F6: one key holder locked everyone out of the token server. A loop of GET /token → POST /token/invalidate filled
 * the cap of 10 token-endpoint calls a minute; another client got 429 on 1,111 of 1,122 requests over 11 minutes.
 * Now an invalidation retires a token only if WeChat really rejects it (a check with getcallbackip), and each key may
 * report only a few times a minute.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenServer } from '../../../src/services/token-server.js';
import { createEmulatedWeChat, type EmulatedWeChat } from '../../support/emulated-wechat.js';
import { ATTACKER, CLIENT, getToken, reportRejected, tokenServerOn } from './token-support.js';

let wechat: EmulatedWeChat;
let server: TokenServer;
beforeEach(() => {
  wechat = createEmulatedWeChat();
  server = tokenServerOn(wechat);
});
afterEach(async () => {
  await server.close();
  await wechat.close();
});

describe('F6: an invalidation loop by one key holder', () => {
  it('does not lock the other clients out, nor spend token-endpoint calls', async () => {
    const refused: number[] = [];
    for (let i = 0; i < 60; i++) {
      const stolen = await getToken(server, ATTACKER);
      if (stolen.token) await reportRejected(server, ATTACKER, stolen.token);
      const mine = await getToken(server, CLIENT);
      if (mine.status !== 200) refused.push(mine.status);
    }
    expect(refused).toEqual([]);
    expect(await wechat.calls('token.stable')).toBe(1);
    expect(await wechat.calls('misc.callbackIp')).toBeLessThanOrEqual(6);
  });
});
