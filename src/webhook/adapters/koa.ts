/**
 * Koa adapter. It reads the raw body from `ctx.req`, or takes the string a body parser kept in
 * `ctx.request.rawBody` (koa-bodyparser, @koa/bodyparser) or `ctx.request.body`.
 * @module
 */
import type { Middleware } from 'koa';
import type { Webhook } from '../index.js';
import { handleNodeRequest } from './node.js';

const HINT =
  "mount the webhook before the body parser, or let the parser keep the raw text (koa-bodyparser: enableTypes: ['json', 'form', 'xml'] fills ctx.request.rawBody)";

/**
 * Koa middleware serving the webhook: at `options.path` only (other paths go to `next`), or, without a path, on
 * every request it sees (mount it with a router: `router.all('/wx', koaHandler(webhook))`).
 *
 * @example
 * ```ts
 * import Koa from 'koa';
 * import { createWebhook } from 'wxmp';
 * const app = new Koa();
 * app.use(koaHandler(createWebhook(bot, { token: 'AAAAA' }), { path: '/wx' }));
 * // then the body parser, for the rest of the app
 * ```
 */
export function koaHandler(webhook: Webhook, options: { path?: string } = {}): Middleware {
  return async (ctx, next) => {
    if (options.path !== undefined && ctx.path !== options.path) {
      await next();
      return;
    }
    const parsed = ctx.request as { rawBody?: unknown; body?: unknown };
    const response = await handleNodeRequest(webhook, ctx.req, {
      value: parsed.rawBody ?? parsed.body,
      hint: HINT,
    });
    ctx.status = response.status;
    ctx.set(response.headers);
    ctx.body = response.body;
  };
}
