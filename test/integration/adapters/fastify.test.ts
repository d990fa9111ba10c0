import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { fastifyPlugin } from '../../../src/webhook/adapters/fastify.js';
import type { Webhook } from '../../../src/webhook/index.js';
import { createEchoBot } from '../../../src/examples/echo.js';
import { createWebhook } from '../../../src/webhook/index.js';
import {
  describeAdapter,
  KEYS,
  oversizedPush,
  repliedText,
  send,
  textPush,
  withServer,
  type Served,
} from './shared.js';

/** Fastify with the plugin at `path`, next to a JSON route of the app's own. */
async function start(webhook: Webhook, path?: string): Promise<Served> {
  const app = Fastify();
  await app.register(fastifyPlugin(webhook, path === undefined ? {} : { path }));
  app.post('/json', (request) => ({ received: request.body }));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `${address}${path ?? '/wx'}`, close: () => app.close() };
}

// Fastify answers the 413 itself, in its JSON error format.
describeAdapter('fastify', (webhook) => start(webhook), /"statusCode":413.*FST_ERR_CTP_BODY_TOO_LARGE/);

describe('fastify plugin: path and encapsulation', () => {
  withServer(
    (webhook) => start(webhook, '/wechat/push'),
    (server) => {
      it('serves the webhook at the path option', async () => {
        const push = textPush('custom path');
        const answer = await send(`${server().url}${push.search}`, { body: push.body });
        expect(repliedText(answer)).toBe('custom path');
      });

      it("leaves the app's own JSON parser to its other routes", async () => {
        const answer = await send(server().url.replace('/wechat/push', '/json'), {
          body: '{"a":1}',
          headers: { 'content-type': 'application/json' },
        });
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.body)).toEqual({ received: { a: 1 } });
      });
    },
  );
});

describe('fastify plugin: bodyLimit', () => {
  // Fastify's own default bodyLimit is also 1 MiB, so only a different limit shows the plugin passes it on.
  withServer(
    () => start(createWebhook(createEchoBot(), { ...KEYS, maxBodyBytes: 4096 })),
    (server) => {
      it("has Fastify answer 413 past the webhook's maxBodyBytes", async () => {
        const push = oversizedPush(4097);
        const answer = await send(`${server().url}${push.search}`, { body: push.body });
        expect(answer.status).toBe(413);
        expect(answer.body).toContain('FST_ERR_CTP_BODY_TOO_LARGE');
      });
    },
  );
});
