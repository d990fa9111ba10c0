import { createServer, type IncomingMessage } from 'node:http';
import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { koaHandler } from '../../../src/webhook/adapters/koa.js';
import type { Webhook } from '../../../src/webhook/index.js';
import {
  describeAdapter,
  listen,
  repliedText,
  send,
  textPush,
  withServer,
  expectBodyConsumedAnswer,
  type Start,
} from './shared.js';

describeAdapter('koa', (webhook) =>
  listen(createServer(new Koa().use(koaHandler(webhook, { path: '/wx' })).callback())),
);

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A Koa app whose `parser` (standing in for koa-bodyparser) runs before the webhook. */
function withParser(parser: Koa.Middleware): Start {
  return (webhook: Webhook) =>
    listen(createServer(new Koa().use(parser).use(koaHandler(webhook)).callback()));
}

describe('koa adapter: a body parser ran before the webhook', () => {
  describe('it kept the raw text in ctx.request.rawBody (koa-bodyparser with xml enabled)', () => {
    const keepsRawBody: Koa.Middleware = async (ctx, next) => {
      const raw = await readAll(ctx.req);
      Object.assign(ctx.request, { rawBody: raw, body: { parsed: true } });
      await next();
    };
    withServer(withParser(keepsRawBody), (server) => {
      it('uses ctx.request.rawBody and echoes the message', async () => {
        const push = textPush('raw body kept', 'safe');
        const answer = await send(`${server().url}${push.search}`, { body: push.body });
        expect(repliedText(answer, 'safe')).toBe('raw body kept');
      });
    });
  });

  describe('it left ctx.request.body = {} and the stream unread (a type it does not parse)', () => {
    const skips: Koa.Middleware = async (ctx, next) => {
      Object.assign(ctx.request, { body: {} });
      await next();
    };
    withServer(withParser(skips), (server) => {
      it('reads ctx.req itself and echoes the message', async () => {
        const push = textPush('unread stream');
        const answer = await send(`${server().url}${push.search}`, { body: push.body });
        expect(repliedText(answer)).toBe('unread stream');
      });
    });
  });

  describe('it consumed the stream into an object', () => {
    const eats: Koa.Middleware = async (ctx, next) => {
      await readAll(ctx.req);
      Object.assign(ctx.request, { body: { xml: 'parsed' } });
      await next();
    };
    withServer(withParser(eats), (server) => {
      it('answers 500 (and warns) saying to mount the webhook before the body parser', async () => {
        await expectBodyConsumedAnswer(server().url, 'mount the webhook before the body parser');
      });
    });
  });
});

describe('koa adapter: the path option', () => {
  withServer(
    (webhook) =>
      listen(
        createServer(
          new Koa()
            .use(koaHandler(webhook, { path: '/wx' }))
            .use((ctx) => {
              ctx.body = 'the rest of the app';
            })
            .callback(),
        ),
        '/other',
      ),
    (server) => {
      it('passes other paths on to the next middleware', async () => {
        const answer = await send(server().url, { method: 'GET' });
        expect(answer.status).toBe(200);
        expect(answer.body).toBe('the rest of the app');
      });
    },
  );
});
