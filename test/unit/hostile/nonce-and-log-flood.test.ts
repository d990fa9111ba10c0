/**
 * Two smaller findings. A signed nonce containing `]]>` was copied into the safe-mode reply envelope and broke its
 * XML; and every refused push wrote a warn line (275,823 in one run). Now a nonce is checked against WeChat's format
 * before anything echoes it, and refusals are counted and logged at most once per reason per minute.
 */
import { describe, expect, it } from 'vitest';
import { computeMsgSignature, computeSignature } from '../../../src/crypto/signature.js';
import { buildPush, checkReply, inbound } from '../../../src/push/index.js';
import { APPID, FAN, KEY, NOW, TOKEN, TS, keysFor, setup } from '../webhook/support.js';
import { MessageCrypto } from '../../../src/crypto/message-crypto.js';

describe('a nonce with ]]> in it', () => {
  it('is refused before it reaches the reply envelope', async () => {
    const { webhook, seen } = setup();
    const nonce = '1]]><Injected>x</Injected><![CDATA[';
    const crypto = new MessageCrypto({ appId: APPID, encodingAESKey: KEY });
    const encrypt = crypto.encrypt(inbound.text(FAN, 'hello'));
    const query = new URLSearchParams({
      signature: computeSignature(TOKEN, TS, nonce),
      timestamp: TS,
      nonce,
      encrypt_type: 'aes',
      msg_signature: computeMsgSignature(TOKEN, TS, nonce, encrypt),
    });
    const body = `<xml><ToUserName><![CDATA[${FAN.to}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    const res = await webhook.handle({ method: 'POST', url: `/wx?${query}`, body });
    expect(res.status).toBe(400);
    expect(res.body).toContain('nonce');
    expect(seen).toHaveLength(0);
    // WeChat's own nonces (digits) still work, and the envelope is one WeChat accepts.
    const push = buildPush(inbound.text(FAN, 'hello'), keysFor('safe'), {
      timestamp: TS,
      nonce: '1514711492',
    });
    const ok = await webhook.handle({ method: 'POST', url: `/wx${push.search}`, body: push.body });
    const verdict = checkReply(ok.status, ok.body, {
      keys: keysFor('safe'),
      fan: FAN.from,
      account: FAN.to,
      answersUserMessage: true,
    });
    expect(verdict.ok).toBe(true);
  });
});

describe('a flood of refused pushes', () => {
  it('writes one warn line per reason a minute, with the count, instead of one per push', async () => {
    let now = NOW;
    const { webhook, logger } = setup({ now: () => now });
    const push = buildPush(inbound.text(FAN, 'hi'), keysFor('plain'), { timestamp: TS, nonce: '1' });
    const badSignature = push.search.replace(/signature=[0-9a-f]{40}/, `signature=${'0'.repeat(40)}`);
    for (let i = 0; i < 5000; i++) {
      await webhook.handle({ method: 'POST', url: `/wx${badSignature}`, body: push.body });
      await webhook.handle({ method: 'POST', url: '/wx', body: push.body });
      now += 10; // 100 seconds in all
    }
    const warnings = logger.lines.filter((l) => l.msg === 'push refused');
    expect(warnings.length).toBeLessThanOrEqual(6); // 2 reasons × (at most 3 minutes touched)
    expect(webhook.refusalCounts()).toEqual({ SIGNATURE_INVALID: 5000, TIMESTAMP_OUT_OF_WINDOW: 5000 });
    const counted = warnings.reduce((sum, l) => sum + (l.obj as { count: number }).count, 0);
    expect(counted).toBeLessThanOrEqual(10_000);
  });
});
