/**
 * Express adapter (Express 4 and 5). The signature covers the exact bytes, so it needs the raw body: mount it
 * before a parser that turns the body into an object, or hand it the bytes with `express.raw()` or `express.text()`
 * and a `type` matching every request (docs/adapters.md). Typed with node:http types, so it does not depend on the
 * version of `@types/express`.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Webhook } from '../index.js';
import { handleNodeRequest, sendResponse } from './node.js';

const HINT =
  "mount the webhook before express.json()/express.urlencoded(), or give it the raw body with express.raw({ type: '*/*' }) or express.text({ type: '*/*' })";

/**
 * Express middleware serving the webhook at the path it is mounted on. Uses `req.body` when a parser left a Buffer
 * or a string there, reads the raw stream otherwise, and answers 500 (saying how to mount it) when a parser consumed
 * the stream into an object. Unexpected errors go to `next(err)`.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { createWebhook } from 'wxmp';
 * const app = express();
 * app.all('/wx', expressHandler(createWebhook(bot, { token: 'AAAAA' })));
 * app.use(express.json()); // after the webhook, for the rest of the app
 * ```
 */
export function expressHandler(
  webhook: Webhook,
): (req: IncomingMessage & { body?: unknown }, res: ServerResponse, next: (err?: unknown) => void) => void {
  return (req, res, next) => {
    handleNodeRequest(webhook, req, { value: req.body, hint: HINT })
      .then((response) => sendResponse(res, response))
      .catch(next);
  };
}
