import { describe, expect, it, vi } from 'vitest';
import { computeMsgSignature, computeSignature } from '../../../src/crypto/signature.js';
import type { Logger } from '../../../src/logger.js';
import type { Message } from '../../../src/messages/types.js';
import {
  buildPush,
  checkReply,
  inbound,
  type PushKeys,
  type EncryptionMode,
} from '../../../src/push/index.js';
import { reply } from '../../../src/replies/reply.js';
import type { Reply } from '../../../src/replies/types.js';
import { createWebhook, type WebhookOptions } from '../../../src/webhook/handler.js';
import { Router } from '../../../src/webhook/router.js';

const NOW = 1_714_112_445_000;
const TOKEN = 'AAAAA';
const APPID = 'wxba5fad812f8e6fb9';
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const OLD_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const FAN = { to: 'gh_account', from: 'oFanOpenid' };
const TS = String(NOW / 1000);

/** A logger that keeps every line, to assert on what is logged (and what never is). */
function recordingLogger(): Logger & { lines: { level: string; obj: object; msg?: string }[] } {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) =>
    void lines.push({ level, obj, ...(msg ? { msg } : {}) });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function setup(options: Partial<WebhookOptions> = {}, handler?: (m: Message) => unknown) {
  const seen: Message[] = [];
  const logger = recordingLogger();
  const bot = new Router();
  bot.use((ctx) => {
    seen.push(ctx.message);
    if (handler) return handler(ctx.message) as Reply | string | undefined;
    return ctx.message.type === 'text' ? reply.text(ctx.message.content) : undefined;
  });
  const webhook = createWebhook(bot, {
    token: TOKEN,
    appId: APPID,
    encodingAESKey: KEY,
    now: () => NOW,
    logger,
    ...options,
  });
  return { webhook, seen, logger };
}

function keysFor(mode: EncryptionMode, encodingAESKey = KEY): PushKeys {
  return { token: TOKEN, mode, appId: APPID, encodingAESKey };
}

async function post(
  webhook: ReturnType<typeof setup>['webhook'],
  mode: EncryptionMode,
  xml = inbound.text(FAN, 'hello'),
  key = KEY,
) {
  const push = buildPush(xml, keysFor(mode, key), { timestamp: TS, nonce: '415670741' });
  return webhook.handle({ method: 'POST', url: `/wx${push.search}`, body: push.body });
}

const verifyQuery = (signature: string, ts = TS) =>
  `/wx?signature=${signature}&timestamp=${ts}&nonce=1514711492&echostr=4375120948345356249`;

describe('URL verification', () => {
  it('answers exactly the echostr when the signature is right', async () => {
    const { webhook } = setup();
    const res = await webhook.handle({
      method: 'GET',
      url: verifyQuery(computeSignature(TOKEN, TS, '1514711492')),
    });
    expect(res).toMatchObject({ status: 200, body: '4375120948345356249' });
  });
  it('passes the official vector (timestamp window off)', async () => {
    const { webhook } = setup({ timestampWindowSec: 0 });
    const res = await webhook.handle({
      method: 'GET',
      url: verifyQuery('f464b24fc39322e44b38aa78f5edd27bd1441696', '1714036504'),
    });
    expect(res.body).toBe('4375120948345356249');
  });
  it('refuses a wrong or missing signature with 401, never echoing echostr', async () => {
    const { webhook } = setup();
    for (const url of [
      verifyQuery('f464b24fc39322e44b38aa78f5edd27bd1441696'),
      '/wx?timestamp=1&nonce=2&echostr=4375120948345356249',
    ]) {
      const res = await webhook.handle({ method: 'GET', url });
      expect(res.status).toBe(401);
      expect(res.body).not.toContain('4375120948345356249');
    }
  });
  it('refuses a timestamp outside the window with 401', async () => {
    const { webhook } = setup();
    const old = String(NOW / 1000 - 301);
    const res = await webhook.handle({
      method: 'GET',
      url: verifyQuery(computeSignature(TOKEN, old, '1514711492'), old),
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatch(/timestamp/);
  });
});

describe('pushes in every mode', () => {
  it('plain: verifies signature, answers a plain reply addressed back to the fan', async () => {
    const { webhook, seen } = setup();
    const res = await post(webhook, 'plain');
    expect(
      checkReply(res.status, res.body, {
        keys: keysFor('plain'),
        fan: FAN.from,
        account: FAN.to,
        answersUserMessage: true,
      }),
    ).toMatchObject({
      ok: true,
      reply: { type: 'text', content: 'hello' },
    });
    expect(res.body).not.toContain('<Encrypt>');
    expect(seen).toHaveLength(1);
  });
  it('safe: decrypts, and answers with a signed envelope WeChat accepts', async () => {
    const { webhook } = setup();
    const res = await post(webhook, 'safe');
    expect(res.body).toMatch(/^<xml><Encrypt>/);
    expect(
      checkReply(res.status, res.body, {
        keys: keysFor('safe'),
        fan: FAN.from,
        account: FAN.to,
        answersUserMessage: true,
      }),
    ).toMatchObject({
      ok: true,
      reply: { type: 'text', content: 'hello' },
    });
  });
  it('compatible: decrypts the Encrypt element and replies encrypted', async () => {
    const modes: string[] = [];
    const bot = new Router();
    bot.on('text', (ctx) => {
      modes.push(ctx.mode);
      return ctx.message.content;
    });
    const webhook = createWebhook(bot, { token: TOKEN, appId: APPID, encodingAESKey: KEY, now: () => NOW });
    const res = await post(webhook, 'compatible');
    expect(modes).toEqual(['compatible']);
    expect(
      checkReply(res.status, res.body, {
        keys: keysFor('compatible'),
        fan: FAN.from,
        account: FAN.to,
        answersUserMessage: true,
      }).ok,
    ).toBe(true);
  });
  it('compatible without a configured key: reads the plaintext copy after checking signature', async () => {
    const { webhook, seen } = setup({ encodingAESKey: undefined });
    const res = await post(webhook, 'compatible');
    expect(res.body).toContain('<Content><![CDATA[hello]]></Content>');
    expect(seen[0]).toMatchObject({ type: 'text', content: 'hello' });
  });
  it('safe without a configured key: 500 saying what to configure', async () => {
    const { webhook, seen } = setup({ encodingAESKey: undefined });
    const res = await post(webhook, 'safe');
    expect(res.status).toBe(500);
    expect(res.body).toMatch(/WECHAT_ENCODING_AES_KEY/);
    expect(seen).toHaveLength(0);
  });
  it('plain mode with a key configured: a fan typing "<Encrypt>" is still a plain text message', async () => {
    const { webhook, seen } = setup();
    const res = await post(webhook, 'plain', inbound.text(FAN, '<Encrypt>not a ciphertext</Encrypt>'));
    expect(res.status).toBe(200);
    expect(seen[0]).toMatchObject({ type: 'text', content: '<Encrypt>not a ciphertext</Encrypt>' });
  });
  it('an Encrypt element without encrypt_type=aes still takes the encrypted path', async () => {
    const { webhook, seen } = setup();
    const p = buildPush(inbound.text(FAN, 'hidden'), keysFor('safe'), { timestamp: TS, nonce: '415670741' });
    const res = await webhook.handle({
      method: 'POST',
      url: `/wx${p.search.replace('&encrypt_type=aes', '')}`,
      body: p.body,
    });
    expect(res.body).toMatch(/^<xml><Encrypt>/);
    expect(seen[0]).toMatchObject({ type: 'text', content: 'hidden' });
  });
  it('success and the empty body are never encrypted', async () => {
    const { webhook } = setup({}, () => undefined);
    expect((await post(webhook, 'safe')).body).toBe('success');
    const empty = setup({}, () => reply.empty());
    expect((await post(empty.webhook, 'safe')).body).toBe('');
  });
  it('key rotation: decrypts with the previous key and replies with the key that worked', async () => {
    const { webhook, seen } = setup({ previousEncodingAESKey: OLD_KEY });
    const res = await post(webhook, 'safe', inbound.text(FAN, 'old key'), OLD_KEY);
    expect(seen).toHaveLength(1);
    expect(
      checkReply(res.status, res.body, {
        keys: keysFor('safe', OLD_KEY),
        fan: FAN.from,
        account: FAN.to,
        answersUserMessage: true,
      }),
    ).toMatchObject({
      ok: true,
      reply: { content: 'old key' },
    });
    expect(
      checkReply(res.status, res.body, {
        keys: keysFor('safe', KEY),
        fan: FAN.from,
        account: FAN.to,
        answersUserMessage: true,
      }).ok,
    ).toBe(false);
  });
});

describe('bad input never reaches a handler', () => {
  async function refused(
    status: number,
    req: { method: string; url: string; body?: string | Uint8Array },
    options: Partial<WebhookOptions> = {},
  ) {
    const { webhook, seen, logger } = setup(options);
    const res = await webhook.handle(req);
    expect(res.status).toBe(status);
    expect(seen).toHaveLength(0);
    return { res, logger };
  }
  const plain = () => buildPush(inbound.text(FAN, 'x'), keysFor('plain'), { timestamp: TS, nonce: '1' });
  const safe = () => buildPush(inbound.text(FAN, 'x'), keysFor('safe'), { timestamp: TS, nonce: '1' });
  /** A safe-mode push whose Encrypt is `encrypt`, correctly signed, so only decryption can refuse it. */
  const withEncrypt = (encrypt: string) => {
    const body = `<xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    const signature = computeMsgSignature(TOKEN, TS, '1', encrypt);
    return {
      url: `/wx${safe().search.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${signature}`)}`,
      body,
    };
  };

  it('missing or wrong signature → 401', async () => {
    const p = plain();
    await refused(401, { method: 'POST', url: '/wx', body: p.body });
    await refused(401, {
      method: 'POST',
      url: `/wx${p.search.replace(/signature=[0-9a-f]{40}/, `signature=${'0'.repeat(40)}`)}`,
      body: p.body,
    });
  });
  it('wrong msg_signature in safe mode → 401', async () => {
    const p = safe();
    await refused(401, {
      method: 'POST',
      url: `/wx${p.search.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${'1'.repeat(40)}`)}`,
      body: p.body,
    });
  });
  it('timestamp outside the window (default 300 s, configurable) → 401', async () => {
    const p = plain();
    await refused(401, { method: 'POST', url: `/wx${p.search}`, body: p.body }, { now: () => NOW + 301_000 });
    await refused(
      401,
      { method: 'POST', url: `/wx${p.search}`, body: p.body },
      { now: () => NOW + 61_000, timestampWindowSec: 60 },
    );
  });
  it('non-XML, truncated XML, DOCTYPE and entities → 400', async () => {
    const p = plain();
    for (const body of [
      '{"MsgType":"text"}',
      p.body.slice(0, 60),
      `<!DOCTYPE x [<!ENTITY e "e">]>${p.body}`,
      p.body.replace('x]]>', 'x]]>&e;'),
    ]) {
      await refused(400, { method: 'POST', url: `/wx${p.search}`, body });
    }
  });
  it('a body over 1 MiB → 413', async () => {
    const p = plain();
    await refused(413, { method: 'POST', url: `/wx${p.search}`, body: new Uint8Array(1024 * 1024 + 1) });
  });
  it('bad base64, bad padding or a wrong AppID in Encrypt → 400', async () => {
    await refused(400, { method: 'POST', ...withEncrypt('@@@not-base64@@@') });
    // 64 bytes that decrypt to garbage: the 32-byte PKCS#7 check refuses them.
    await refused(400, { method: 'POST', ...withEncrypt(Buffer.alloc(64, 7).toString('base64')) });
    const other = buildPush(
      inbound.text(FAN, 'x'),
      { ...keysFor('safe'), appId: 'wx0000000000000000' },
      { timestamp: TS, nonce: '1' },
    );
    const { res } = await refused(400, { method: 'POST', url: `/wx${other.search}`, body: other.body });
    expect(res.body).toMatch(/AppID/);
  });
  it('other methods → 405', async () => {
    const { res } = await refused(405, { method: 'PUT', url: '/wx' });
    expect(res.headers['allow']).toBe('GET, POST');
  });
  it('XML that is not a WeChat message → 400', async () => {
    const p = buildPush('<xml><Foo>1</Foo></xml>', keysFor('plain'), { timestamp: TS, nonce: '1' });
    await refused(400, { method: 'POST', url: `/wx${p.search}`, body: p.body });
  });
});

describe('handlers: errors, retries and the reply budget', () => {
  it('a handler that throws is answered with success and logged with the message id', async () => {
    const { webhook, logger } = setup({}, () => {
      throw new Error('boom');
    });
    const xml = inbound.text(FAN, 'x', '6054768590064713728');
    const res = await post(webhook, 'plain', xml);
    expect(res).toMatchObject({ status: 200, body: 'success' });
    const line = logger.lines.find((l) => l.level === 'error');
    expect(line?.obj).toMatchObject({ key: 'msg:6054768590064713728' });
  });
  it('a reply that breaks a rule (3 news articles to a message) is answered with success and logged', async () => {
    const { webhook, logger } = setup({}, () => reply.news([{ title: 'a' }, { title: 'b' }, { title: 'c' }]));
    expect((await post(webhook, 'plain')).body).toBe('success');
    expect(logger.lines.some((l) => l.level === 'error' && /rendered/.test(l.msg ?? ''))).toBe(true);
  });
  it("WeChat's retries run the handler once and get the same answer", async () => {
    let calls = 0;
    const { webhook } = setup({}, () => `call ${++calls}`);
    const xml = inbound.text(FAN, 'x', '1234567890123456');
    const first = await post(webhook, 'plain', xml);
    const second = await post(webhook, 'plain', xml);
    expect(calls).toBe(1);
    expect(second.body).toBe(first.body);
  });
  it('a retry arriving while the first attempt runs waits for the same result', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const { webhook } = setup({}, async () => {
      calls++;
      await gate;
      return 'slow answer';
    });
    const xml = inbound.event(FAN, 'CLICK', { EventKey: 'K' });
    const a = post(webhook, 'plain', xml);
    const b = post(webhook, 'plain', xml);
    release();
    const [ra, rb] = await Promise.all([a, b]);
    expect(calls).toBe(1);
    expect(ra.body).toContain('slow answer');
    expect(rb.body).toBe(ra.body);
  });
  it('past the reply budget: answers success, aborts ctx.signal, and hands the reply to lateReply', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const late: [Message, Reply][] = [];
      let signal: AbortSignal | undefined;
      const bot = new Router();
      bot.on('text', async (ctx) => {
        signal = ctx.signal;
        await new Promise((r) => setTimeout(r, 10_000));
        return 'finally';
      });
      const webhook = createWebhook(bot, {
        token: TOKEN,
        now: () => NOW,
        lateReply: (m, r) => void late.push([m, r]),
      });
      const pending = post(webhook, 'plain');
      await vi.advanceTimersByTimeAsync(4500);
      expect((await pending).body).toBe('success');
      expect(signal?.aborted).toBe(true);
      await vi.advanceTimersByTimeAsync(6000);
      expect(late).toHaveLength(1);
      expect(late[0]![1]).toEqual({ type: 'text', content: 'finally' });
    } finally {
      vi.useRealTimers();
    }
  });
  it('never logs the Token or the EncodingAESKey', async () => {
    const { webhook, logger } = setup({}, () => {
      throw new Error('boom');
    });
    await post(webhook, 'safe');
    await post(webhook, 'plain');
    await webhook.handle({ method: 'GET', url: '/wx?signature=bad&timestamp=1&nonce=2&echostr=3' });
    const text = JSON.stringify(logger.lines, (_k, v: unknown) =>
      v instanceof Error ? { message: v.message, stack: v.stack } : v,
    );
    expect(logger.lines.length).toBeGreaterThan(2);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(`"${TOKEN}"`);
  });
});

describe('respond: the answer without a promise when it is ready at once', () => {
  const push = (mode: EncryptionMode) => {
    const p = buildPush(inbound.text(FAN, 'hello'), keysFor(mode), { timestamp: TS, nonce: '415670741' });
    return { method: 'POST', url: `/wx${p.search}`, body: p.body };
  };
  const verdict = (res: { status: number; body: string }, mode: EncryptionMode) =>
    checkReply(res.status, res.body, {
      keys: keysFor(mode),
      fan: FAN.from,
      account: FAN.to,
      answersUserMessage: true,
    });

  it('returns the response itself for a bot that answers synchronously, in every mode', () => {
    const { webhook } = setup();
    for (const mode of ['plain', 'compatible', 'safe'] as const) {
      const response = webhook.respond(push(mode));
      expect(response).not.toBeInstanceOf(Promise);
      const ready = response as Exclude<typeof response, Promise<unknown>>;
      expect(verdict(ready, mode)).toMatchObject({ ok: true, reply: { type: 'text', content: 'hello' } });
    }
  });

  it('returns refusals and a throwing handler’s success at once too, and never throws', () => {
    const { webhook } = setup({}, () => {
      throw new Error('boom');
    });
    expect(webhook.respond(push('plain'))).toMatchObject({ status: 200, body: 'success' });
    expect(webhook.respond({ method: 'POST', url: '/wx?signature=x', body: '<xml/>' })).toMatchObject({
      status: 401,
    });
    expect(webhook.respond({ method: 'PUT', url: '/wx' })).toMatchObject({ status: 405 });
  });

  it('returns a real Promise for a bot that awaits, with the same answer as handle', async () => {
    const { webhook } = setup({}, async (m) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return m.type === 'text' ? `async ${m.content}` : undefined;
    });
    const response = webhook.respond(push('safe'));
    expect(response).toBeInstanceOf(Promise);
    const [viaRespond, viaHandle] = await Promise.all([response, webhook.handle(push('safe'))]);
    expect(verdict(viaRespond, 'safe')).toMatchObject({ ok: true, reply: { content: 'async hello' } });
    // The second push is a retry of the same MsgId: dedup shares the first answer (sealed afresh).
    expect(verdict(viaHandle, 'safe')).toMatchObject({ ok: true, reply: { content: 'async hello' } });
  });
});
