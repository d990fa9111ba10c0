/**
 * Fastify plugin. Registered without `fastify-plugin`, it is encapsulated: its catch-all raw-string content-type
 * parser applies to the webhook's route only, and the rest of the app keeps its own parsers.
 * @module
 */
import type { FastifyPluginCallback } from 'fastify';
import type { Webhook } from '../index.js';

/**
 * A Fastify plugin serving the webhook at `options.path` (default `/wx`). Every content type reaches the webhook
 * as the raw string; `bodyLimit` is `webhook.maxBodyBytes`, so Fastify itself answers 413
 * (`FST_ERR_CTP_BODY_TOO_LARGE`) to a larger body, before any of it is buffered past the limit. All methods are
 * routed, so the core answers 405 to anything but GET, HEAD and POST.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { createWebhook } from 'wxmp';
 * const app = Fastify();
 * await app.register(fastifyPlugin(createWebhook(bot, { token: 'AAAAA' }), { path: '/wx' }));
 * await app.listen({ port: 3000 });
 * ```
 */
export function fastifyPlugin(webhook: Webhook, options: { path?: string } = {}): FastifyPluginCallback {
  const bodyLimit = webhook.maxBodyBytes;
  return (app, _opts, done) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string', bodyLimit }, (_req, body, parsed) =>
      parsed(null, body),
    );
    // Fastify 5 closes the connection after its 413, Fastify 4 does not: a client still sending an endless body
    // must be cut off either way. Rethrowing hands the error to Fastify's own handler and its JSON format.
    app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
      if (error.statusCode === 413) void reply.header('connection', 'close');
      throw error;
    });
    app.all(options.path ?? '/wx', { bodyLimit }, async (request, reply) => {
      const body = typeof request.body === 'string' ? request.body : undefined;
      const response = await webhook.handle({ method: request.method, url: request.url, body });
      return reply.code(response.status).headers(response.headers).send(response.body);
    });
    done();
  };
}
