import { describe, expect, it } from 'vitest';
import { checkReply, type EncryptionMode } from '../../../src/push/index.js';
import { createWebhook } from '../../../src/webhook/handler.js';
import type { Dedup } from '../../../src/webhook/dedup.js';
import { Router } from '../../../src/webhook/router.js';
import { APPID, FAN, KEY, NOW, TOKEN, keysFor, post, pushRequest, setup } from './support.js';

const verdict = (res: { status: number; body: string }, mode: EncryptionMode) =>
  checkReply(res.status, res.body, {
    keys: keysFor(mode),
    fan: FAN.from,
    account: FAN.to,
    answersUserMessage: true,
  });

describe('pushes in every mode', () => {
  it('plain: verifies signature, answers a plain reply addressed back to the fan', async () => {
    const { webhook, seen } = setup();
    const res = await post(webhook, 'plain');
    expect(verdict(res, 'plain')).toMatchObject({
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
    expect(verdict(res, 'safe')).toMatchObject({
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
    expect(verdict(res, 'compatible').ok).toBe(true);
  });
});

describe('respond: the answer without a promise when it is ready at once', () => {
  it('returns the response itself for a bot that answers synchronously, in every mode', () => {
    const { webhook } = setup();
    for (const mode of ['plain', 'compatible', 'safe'] as const) {
      const response = webhook.respond(pushRequest(mode));
      expect(response).not.toBeInstanceOf(Promise);
      const ready = response as Exclude<typeof response, Promise<unknown>>;
      expect(verdict(ready, mode)).toMatchObject({ ok: true, reply: { type: 'text', content: 'hello' } });
    }
  });

  it('returns refusals and a throwing handler’s success at once too, and never throws', () => {
    const { webhook } = setup({}, () => {
      throw new Error('boom');
    });
    expect(webhook.respond(pushRequest('plain'))).toMatchObject({ status: 200, body: 'success' });
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
    const response = webhook.respond(pushRequest('safe'));
    expect(response).toBeInstanceOf(Promise);
    const [viaRespond, viaHandle] = await Promise.all([response, webhook.handle(pushRequest('safe'))]);
    expect(verdict(viaRespond, 'safe')).toMatchObject({ ok: true, reply: { content: 'async hello' } });
    // The second push is a retry of the same MsgId: dedup shares the first answer (sealed afresh).
    expect(verdict(viaHandle, 'safe')).toMatchObject({ ok: true, reply: { content: 'async hello' } });
  });

  it('turns a thenable from a custom Dedup into a real Promise, and its rejection into a 500', async () => {
    // A thenable that is no Promise, as a store client's own promise type may be.
    const thenable = (outcome: 'resolve' | 'reject'): Dedup => ({
      run: () => {
        const settled =
          outcome === 'resolve'
            ? Promise.resolve(
                `<xml><ToUserName><![CDATA[${FAN.from}]]></ToUserName><FromUserName><![CDATA[${FAN.to}]]></FromUserName>` +
                  `<CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[shared]]></Content></xml>`,
              )
            : Promise.reject(new Error('down'));
        return {
          value: { then: settled.then.bind(settled) } as unknown as Promise<never>,
          attempt: 2,
        };
      },
    });
    const ok = setup({ dedup: thenable('resolve') }).webhook.respond(pushRequest('plain'));
    expect(ok).toBeInstanceOf(Promise);
    expect(verdict(await ok, 'plain')).toMatchObject({ ok: true, reply: { content: 'shared' } });
    const failed = setup({ dedup: thenable('reject') }).webhook.respond(pushRequest('plain'));
    await expect(failed).resolves.toMatchObject({ status: 500, body: 'internal error' });
  });

  it('handle always returns a Promise of the same answer', async () => {
    const { webhook } = setup();
    const handled = webhook.handle({ method: 'PUT', url: '/wx' });
    expect(handled).toBeInstanceOf(Promise);
    expect(await handled).toEqual(webhook.respond({ method: 'PUT', url: '/wx' }));
    expect(webhook.maxBodyBytes).toBe(128 * 1024);
  });
});

describe('secrets', () => {
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
