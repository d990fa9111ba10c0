import { createServer } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSignature } from '../../../src/crypto/signature.js';
import { nodeHandler } from '../../../src/webhook/adapters/node.js';
import { createWebhook, Router } from '../../../src/webhook/index.js';
import {
  describeAdapter,
  expectBodyConsumedAnswer,
  KEYS,
  listen,
  repliedText,
  send,
  textPush,
  withServer,
  type Served,
} from './shared.js';

describeAdapter('node:http', (webhook) => listen(createServer(nodeHandler(webhook))));

// The echo bot of the shared suite answers synchronously (written at the end of the same turn); a bot that awaits
// takes the adapter's promise path.
describe('node:http adapter: a bot that awaits', () => {
  let served: Served | undefined;
  beforeAll(async () => {
    const bot = new Router();
    bot.on('text', async (ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return `later: ${ctx.message.content}`;
    });
    served = await listen(createServer(nodeHandler(createWebhook(bot, KEYS))));
  });
  afterAll(() => served?.close());

  it.each(['plain', 'safe'] as const)('answers in %s mode once the handler resolves', async (mode) => {
    const push = textPush(`async ${mode}`, mode);
    const answer = await send(`${served!.url}${push.search}`, { method: 'POST', body: push.body });
    expect(repliedText(answer, mode)).toBe(`later: async ${mode}`);
  });
});

// nodeHandler mounted in a connect-style stack (here Express's `app.use`) after a body parser: the stream is gone.
describe('node:http adapter in a connect-style stack, after a body parser', () => {
  const after = (parser: express.RequestHandler) => (webhook: Parameters<typeof nodeHandler>[0]) =>
    listen(createServer(express().use(parser).use('/wx', nodeHandler(webhook))));

  describe("express.text({ type: '*/*' })", () => {
    withServer(after(express.text({ type: '*/*', limit: '1mb' })), (server) => {
      it('uses the string in req.body and echoes the message', async () => {
        const push = textPush('after text() 文本', 'safe');
        const answer = await send(`${server().url}${push.search}`, { body: push.body });
        expect(repliedText(answer, 'safe')).toBe('after text() 文本');
      });
    });
  });

  describe("a parser that consumed the body into an object (express.urlencoded({ type: '*/*' }))", () => {
    withServer(after(express.urlencoded({ type: '*/*' })), (server) => {
      it('answers 500 (and warns) saying how to mount the webhook, instead of never answering', async () => {
        await expectBodyConsumedAnswer(server().url, /mount the webhook before the body parser/);
      });
    });
  });
});

describe('node:http adapter: answers of one turn go out together', () => {
  it('writes a ready answer once the turn is over, not from inside the request handler', async () => {
    const webhook = createWebhook(new Router(), KEYS);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const url = `/wx?signature=${computeSignature(KEYS.token, timestamp, '42')}&timestamp=${timestamp}&nonce=42&echostr=hello`;
    const ended: string[] = [];
    const res = {
      headersSent: false,
      writeHead: () => res,
      end: (body: string) => ended.push(body),
    };
    const handle = nodeHandler(webhook);
    handle({ method: 'GET', url } as never, res as never);
    handle({ method: 'GET', url } as never, res as never);
    expect(ended).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toEqual(['hello', 'hello']);
  });
});
