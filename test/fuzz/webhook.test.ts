/**
 * Fuzz: the webhook's query and envelope. Any query (mutated signed ones, arbitrary text) and any Encrypt (mutated
 * ciphertexts, signed so that decryption is what gets tested) is answered with a refusal of a known code or, for a
 * genuine push, 200; no input makes it throw or answer 500, a handler runs only for a push it answers 200, and neither
 * the Token nor the EncodingAESKey appears in an answer or a log line. The reply envelope opens for any nonce WeChat
 * can send and any reply text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sealEnvelope, openEnvelope } from '../../src/crypto/envelope.js';
import { MessageCrypto } from '../../src/crypto/message-crypto.js';
import { computeMsgSignature } from '../../src/crypto/signature.js';
import type { Logger } from '../../src/logger.js';
import { buildPush, inbound } from '../../src/push/index.js';
import { createWebhook } from '../../src/webhook/handler.js';
import { Router } from '../../src/webhook/router.js';
import { hostileText, mutated, runs, settings, tally } from './budget.js';

const TOKEN = 'fuzzTokenSecret7';
const APPID = 'wxba5fad812f8e6fb9';
const KEY = 'fuzzKeySecret0123456789abcdefghijklmnopqrst';
const KNOWN = new Set([200, 400, 401, 405, 413]);

function subject() {
  const lines: string[] = [];
  const log = (level: string) => (obj: object, msg?: string) =>
    void lines.push(`${level} ${JSON.stringify(obj)} ${msg}`);
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  let handled = 0;
  const bot = new Router();
  bot.use(() => {
    handled++;
    return 'ok';
  });
  // Every input here is its own "push", so the replay guard and dedup would only hide the paths under test.
  const webhook = createWebhook(bot, {
    token: TOKEN,
    appId: APPID,
    encodingAESKey: KEY,
    logger,
    dedup: false,
    replayGuard: false,
    refusalLogIntervalMs: 0,
  });
  return { webhook, lines, handledCount: () => handled };
}

const ts = () => String(Math.floor(Date.now() / 1000));

describe('fuzz: the query', () => {
  it('any query, with a genuine body, is refused with a known status or answered; no secret leaks', async () => {
    const { webhook, lines, handledCount } = subject();
    const push = buildPush(inbound.text({ from: 'oFan', to: 'gh' }, 'hi'), { token: TOKEN, mode: 'plain' });
    let count = 0;
    const numRuns = runs(30_000);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          mutated(push.search),
          hostileText.map((q) => `?${q}`),
          fc.webQueryParameters().map((q) => `?${q}`),
        ),
        fc.constantFrom('POST', 'GET', 'HEAD', 'PUT'),
        async (search, method) => {
          count++;
          const before = handledCount();
          const res = await webhook.handle({ method, url: `/wx${search}`, body: push.body });
          expect(KNOWN.has(res.status), `${res.status} ${res.body}`).toBe(true);
          if (res.status !== 200 || method !== 'POST') expect(handledCount()).toBe(before);
          expect(res.body.includes(TOKEN) || res.body.includes(KEY)).toBe(false);
        },
      ),
      settings(numRuns),
    );
    const logged = lines.join('\n');
    expect(logged.includes(TOKEN) || logged.includes(KEY)).toBe(false);
    expect(lines.filter((l) => l.startsWith('error'))).toEqual([]);
    tally('query', count);
    expect(count).toBe(numRuns);
  });
});

describe('fuzz: the envelope', () => {
  it('a signed push with any Encrypt is decrypted or refused (400, 401); a handler runs only for 200', async () => {
    const { webhook, handledCount } = subject();
    const crypto = new MessageCrypto({ appId: APPID, encodingAESKey: KEY });
    const genuine = crypto.encrypt(inbound.text({ from: 'oFan', to: 'gh' }, 'hi'));
    let count = 0;
    const numRuns = runs(15_000);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(mutated(genuine), fc.base64String({ maxLength: 400 }), hostileText),
        async (encrypt) => {
          count++;
          const timestamp = ts();
          const query = new URLSearchParams({
            signature: '0',
            timestamp,
            nonce: '1514711492',
            encrypt_type: 'aes',
            msg_signature: computeMsgSignature(TOKEN, timestamp, '1514711492', encrypt),
          });
          const body = `<xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
          const before = handledCount();
          const res = await webhook.handle({ method: 'POST', url: `/wx?${query}`, body });
          // 401 when the Encrypt text as read (a `]]>` ends the CDATA) is not the text that was signed.
          expect([200, 400, 401], `${res.status} ${res.body}`).toContain(res.status);
          if (res.status !== 200) expect(handledCount()).toBe(before);
        },
      ),
      settings(numRuns),
    );
    tally('envelope (Encrypt)', count);
    expect(count).toBe(numRuns);
  });

  it('the reply envelope opens for any nonce WeChat sends and any reply text', () => {
    const crypto = new MessageCrypto({ appId: APPID, encodingAESKey: KEY });
    let count = 0;
    const numRuns = runs(5000);
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789abcdefXYZ'), minLength: 1, maxLength: 32 }),
        fc.string({ maxLength: 300 }),
        (nonce, message) => {
          count++;
          const sealed = sealEnvelope(message, { crypto, token: TOKEN, timestamp: ts(), nonce });
          const opened = openEnvelope(sealed, { crypto, token: TOKEN });
          expect(opened.nonce).toBe(nonce);
          expect(opened.message).toBe(message);
        },
      ),
      settings(numRuns),
    );
    tally('envelope (reply)', count);
    expect(count).toBe(numRuns);
  });
});
