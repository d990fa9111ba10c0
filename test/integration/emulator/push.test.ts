import { afterEach, describe, expect, it } from 'vitest';
import { MessageCrypto } from '../../../src/crypto/message-crypto.js';
import { computeMsgSignature, computeSignature } from '../../../src/crypto/signature.js';
import { createEchoBot } from '../../../src/examples/echo.js';
import { parseMessage } from '../../../src/messages/parse.js';
import { reply } from '../../../src/replies/reply.js';
import { renderReply } from '../../../src/replies/render.js';
import { SERVICE_UNAVAILABLE_NOTICE } from '../../../src/emulator/push-reply.js';
import type { EncryptionMode } from '../../../src/crypto/mode.js';
import { Router } from '../../../src/webhook/router.js';
import { parseXml } from '../../../src/xml/parse.js';
import { textOf } from '../../../src/xml/read.js';
import { manualClock } from '../../unit/emulator/manual-clock.js';
import { ACCOUNT, botServer, emulatorFor, entryOf, FAN, rawServer, type Loopback } from './support.js';

const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function track(server: Promise<Loopback>): Promise<Loopback> {
  const s = await server;
  servers.push(s);
  return s;
}

const crypto = new MessageCrypto({ appId: ACCOUNT.appId, encodingAESKey: ACCOUNT.encodingAESKey });

describe.each<EncryptionMode>(['plain', 'compatible', 'safe'])(
  'the push in %s mode to a real echo bot',
  (mode) => {
    it('is signed, encrypted as the mode says, and the echo comes back into the chat', async () => {
      const server = await track(botServer(createEchoBot()));
      const emulator = emulatorFor(server.url, mode);
      const { sent, pushes } = await emulator.fans.text(FAN, 'hello 你好');
      const outcome = pushes[0]!;

      expect(sent[0]).toMatchObject({
        direction: 'in',
        via: 'fan',
        msgType: 'text',
        payload: { content: 'hello 你好' },
      });
      expect(outcome.record.verdict).toEqual({ ok: true });
      expect(outcome.entries).toHaveLength(1);
      expect(outcome.entries[0]).toMatchObject({
        direction: 'out',
        via: 'reply',
        msgType: 'text',
        payload: { content: 'hello 你好' },
      });

      const [request] = server.received;
      const query = new URL(request!.url, 'http://x').searchParams;
      const timestamp = query.get('timestamp')!;
      const nonce = query.get('nonce')!;
      expect(query.get('signature')).toBe(computeSignature(ACCOUNT.token, timestamp, nonce));
      expect(query.get('openid')).toBe(FAN);
      expect(request!.body).toBe(outcome.record.requestBody);
      const body = parseXml(request!.body).value;
      if (mode === 'plain') {
        expect(query.get('encrypt_type')).toBeNull();
        expect(parseMessage(request!.body)).toMatchObject({
          type: 'text',
          content: 'hello 你好',
          fromUserName: FAN,
          toUserName: ACCOUNT.ghId,
        });
        expect(outcome.record.replyXml).toContain('hello 你好');
        return;
      }
      const encrypt = textOf(body, 'Encrypt')!;
      expect(query.get('encrypt_type')).toBe('aes');
      expect(query.get('msg_signature')).toBe(computeMsgSignature(ACCOUNT.token, timestamp, nonce, encrypt));
      expect(parseMessage(crypto.decrypt(encrypt).message)).toMatchObject({
        type: 'text',
        content: 'hello 你好',
      });
      // Compatible mode keeps the plaintext beside Encrypt; safe mode sends only the recipient and Encrypt.
      expect(textOf(body, 'MsgType')).toBe(mode === 'compatible' ? 'text' : undefined);
      if (mode === 'safe') {
        expect(outcome.record.attempts[0]!.body).toContain('<Encrypt>');
        expect(outcome.record.replyXml).toContain('<Content><![CDATA[hello 你好]]></Content>');
      }
    });
  },
);

describe('retries', () => {
  it('tries 3 times with the identical request on timeouts, and the bot (deduplicating) answers once', async () => {
    let handled = 0;
    let release: () => void = () => undefined;
    const third = new Promise<void>((resolve) => (release = resolve));
    const bot = new Router();
    bot.on('text', async (ctx) => {
      handled += 1;
      await third;
      return ctx.message.content;
    });
    // The bot answers only once the third attempt has arrived: the first two time out on the test's clock, each
    // as soon as the bot has it (WeChat's 5 s, without waiting them).
    const clock = manualClock();
    const server = await track(
      botServer(bot, { onRequest: (n) => (n === 3 ? release() : clock.fireNext()) }),
    );
    const emulator = emulatorFor(server.url, 'safe', { pushClock: clock });
    const { pushes } = await emulator.fans.text(FAN, 'slow');
    const { record, entries } = pushes[0]!;

    expect(server.received).toHaveLength(3);
    expect(new Set(server.received.map((r) => r.url)).size).toBe(1);
    expect(new Set(server.received.map((r) => r.body)).size).toBe(1);
    expect(server.received[0]!.url).toBe(`/wx${record.requestQuery}`);
    expect(handled).toBe(1);
    expect(record.attempts.map((a) => a.error === undefined)).toEqual([false, false, true]);
    expect(record.attempts[0]!.error).toBe('no answer within 5000 ms (timeout)');
    expect(record.attempts.slice(0, 2).map((a) => a.ms)).toEqual([5000, 5000]);
    expect(record.attempts[2]!.status).toBe(200);
    expect(record.verdict).toEqual({ ok: true });
    expect(entries[0]?.payload).toEqual({ content: 'slow' });
  });

  it('gives up after 3 timeouts: the fan sees the service notice, the developer the reason', async () => {
    const clock = manualClock();
    // The server never answers; each attempt times out on the test's clock once the server has it.
    const server = await track(rawServer(() => clock.fireNext()));
    const emulator = emulatorFor(server.url, 'plain', { pushClock: clock });
    const { pushes } = await emulator.fans.text(FAN, 'anyone?');
    const { record, entries } = pushes[0]!;

    expect(server.received).toHaveLength(3);
    expect(record.attempts).toHaveLength(3);
    expect(record.attempts.every((a) => /timeout/.test(a.error ?? ''))).toBe(true);
    expect(record.verdict).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/3 attempts failed.*timeout/) as unknown,
    });
    expect(entries[0]).toMatchObject({
      via: 'system',
      payload: { content: SERVICE_UNAVAILABLE_NOTICE, pushId: record.id },
    });
    expect(emulator.state.pushes.at(-1)).toBe(record);
  });

  it('tries 3 times when the connection is refused', async () => {
    const server = await track(rawServer(() => undefined));
    const url = server.url;
    await servers.pop()!.close();
    const emulator = emulatorFor(url, 'plain', { pushTimeoutMs: 1000 });
    const { record } = (await emulator.fans.text(FAN, 'hi')).pushes[0]!;
    expect(record.attempts).toHaveLength(3);
    expect(record.verdict).toMatchObject({
      ok: false,
      reason: expect.stringContaining('ECONNREFUSED') as unknown,
    });
  });
});

describe('a webhook URL that redirects', () => {
  it('fails the push with the 302: WeChat does not follow it to the page it points to', async () => {
    const server = await track(
      rawServer((req, res) => {
        if (req.url.startsWith('/ok')) res.end('success');
        else res.writeHead(302, { location: '/ok' }).end();
      }),
    );
    const emulator = emulatorFor(server.url, 'plain');
    const { record } = (await emulator.fans.text(FAN, 'hi')).pushes[0]!;
    expect(record.attempts[0]).toMatchObject({ status: 302 });
    expect(record.verdict).toMatchObject({ ok: false, reason: expect.stringContaining('302') as unknown });
    expect(server.received.every((r) => !r.url.startsWith('/ok'))).toBe(true);
  });
});

describe('reply checks, as WeChat checks the answer', () => {
  const address = {
    toUserName: FAN as string,
    fromUserName: ACCOUNT.ghId,
    createTime: 1,
    answersUserMessage: true,
  };
  const cases: [string, (body: string) => { status: number; body: string }, EncryptionMode, RegExp][] = [
    [
      'a wrong ToUserName',
      () => ({ status: 200, body: renderReply(reply.text('x'), { ...address, toUserName: 'oSomeoneElse' }) }),
      'plain',
      /ToUserName/,
    ],
    [
      'a wrong FromUserName',
      () => ({ status: 200, body: renderReply(reply.text('x'), { ...address, fromUserName: 'gh_other' }) }),
      'plain',
      /FromUserName/,
    ],
    ['malformed XML', () => ({ status: 200, body: '<xml><ToUserName>' }), 'plain', /./],
    ['a JSON body', () => ({ status: 200, body: '{"content":"hi"}' }), 'plain', /./],
    [
      'an unknown MsgType',
      () => ({ status: 200, body: renderReply(reply.text('x'), address).replace('[text]', '[card]') }),
      'plain',
      /unknown reply MsgType/,
    ],
    [
      'an unencrypted reply in safe mode',
      () => ({ status: 200, body: renderReply(reply.text('x'), address) }),
      'safe',
      /safe mode needs an encrypted reply/,
    ],
    ['HTTP 500', () => ({ status: 500, body: 'oops' }), 'plain', /HTTP status 500/],
    [
      'an image reply with a media_id never uploaded',
      () => ({ status: 200, body: renderReply(reply.image('nope'), address) }),
      'plain',
      /media_id "nope" is not uploaded/,
    ],
  ];
  it.each(cases)('rejects %s: fan notice and the reason', async (_name, answer, mode, reason) => {
    const server = await track(
      rawServer((req, res) => {
        const { status, body } = answer(req.body);
        res.writeHead(status, { 'content-type': 'text/xml' }).end(body);
      }),
    );
    const emulator = emulatorFor(server.url, mode);
    const { record, entries } = (await emulator.fans.text(FAN, 'check me')).pushes[0]!;
    expect(server.received).toHaveLength(1);
    expect(record.verdict.ok).toBe(false);
    expect(record.verdict).toMatchObject({ reason: expect.stringMatching(reason) as unknown });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ via: 'system', payload: { content: SERVICE_UNAVAILABLE_NOTICE } });
  });

  it.each(['success', ''])('accepts %j as an acknowledgement: nothing reaches the chat', async (ack) => {
    const server = await track(rawServer((_req, res) => res.writeHead(200).end(ack)));
    const emulator = emulatorFor(server.url, 'safe');
    const { record, entries } = (await emulator.fans.text(FAN, 'ack')).pushes[0]!;
    expect(record.verdict).toEqual({ ok: true });
    expect(record.replyXml).toBe(ack);
    expect(entries).toEqual([]);
  });

  it('turns a news reply into a news card and transfer_customer_service into a system note', async () => {
    const bot = new Router();
    bot.on('text', (ctx) =>
      ctx.message.content === 'news'
        ? reply.news({
            title: '标题',
            description: '摘要',
            url: 'https://example.com/a',
            picUrl: 'https://example.com/p.png',
          })
        : reply.transferCustomerService(),
    );
    const server = await track(botServer(bot));
    const emulator = emulatorFor(server.url, 'compatible');
    const news = (await emulator.fans.text(FAN, 'news')).pushes[0]!.entries[0];
    expect(news).toMatchObject({
      via: 'reply',
      msgType: 'news',
      payload: { articles: [{ title: '标题', url: 'https://example.com/a' }] },
    });
    const kf = (await emulator.fans.text(FAN, 'kf')).pushes[0]!.entries[0];
    expect(kf).toMatchObject({ via: 'system', msgType: 'transfer_customer_service' });
  });

  it('records a push without a webhook URL as failed, with how to fix it', async () => {
    const emulator = emulatorFor('', 'plain', { account: { webhookUrl: undefined } });
    const { record, entries } = (await emulator.fans.text(FAN, 'hi')).pushes[0]!;
    expect(record.attempts).toEqual([]);
    expect(record.verdict).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no webhook URL') as unknown,
    });
    expect(entryOf(entries[0], 'system').payload.content).toBe(SERVICE_UNAVAILABLE_NOTICE);
  });
});
