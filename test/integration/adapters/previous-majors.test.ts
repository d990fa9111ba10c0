/**
 * The adapters against the previous major of each framework, still the most deployed: Express 4, Koa 2 and
 * Fastify 4 (installed under the aliases express4, koa2 and fastify4). The same suite as the current majors.
 */
import { createServer } from 'node:http';
import express4 from 'express4';
import fastify4 from 'fastify4';
import Koa2 from 'koa2';
import { describe, expect, it } from 'vitest';
import { expressHandler } from '../../../src/webhook/adapters/express.js';
import { fastifyPlugin } from '../../../src/webhook/adapters/fastify.js';
import { koaHandler } from '../../../src/webhook/adapters/koa.js';
import { describeAdapter, listen, repliedText, send, textPush, withServer } from './shared.js';

describeAdapter('express 4', (webhook) =>
  listen(createServer(express4().all('/wx', expressHandler(webhook)))),
);

describeAdapter('koa 2', (webhook) =>
  listen(createServer(new Koa2().use(koaHandler(webhook, { path: '/wx' })).callback())),
);

describeAdapter(
  'fastify 4',
  async (webhook) => {
    const app = fastify4();
    // The plugin is typed against Fastify 5; Fastify 4 calls it the same way (instance, options, done).
    await app.register(fastifyPlugin(webhook) as unknown as Parameters<typeof app.register>[0]);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    return { url: `${address}/wx`, close: () => app.close() };
  },
  // Fastify answers the 413 itself, in its JSON error format.
  /"statusCode":413.*FST_ERR_CTP_BODY_TOO_LARGE/,
);

describe("express 4 with express.text({ type: '*/*' }) mounted before the webhook", () => {
  withServer(
    (webhook) =>
      listen(
        createServer(
          express4()
            .use(express4.text({ type: '*/*', limit: '1mb' }))
            .all('/wx', expressHandler(webhook)),
        ),
      ),
    (server) => {
      it('uses the string in req.body and echoes the message', async () => {
        const push = textPush('express 4 文本', 'safe');
        const answer = await send(`${server().url}${push.search}`, { body: push.body });
        expect(repliedText(answer, 'safe')).toBe('express 4 文本');
      });
    },
  );
});
