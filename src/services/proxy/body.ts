/**
 * Reading the request body once, within the size limit.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { readRequestBody } from '../../webhook/adapters/fetch.js';
import { refuse, type ProxyEnv } from './env.js';

/**
 * The step that buffers the body (so a retry can send it again; WeChat's uploads are small, 10 MB videos at most)
 * and sets `body`. The body is read as a stream and reading stops at the limit, chunked or not: a body declared or
 * found larger than `maxBodyBytes` is 413 `BODY_TOO_LARGE` (and the connection is closed), with at most the limit
 * buffered.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import type { ProxyEnv } from './env.js';
 * new Hono<ProxyEnv>().use(bufferBody(20 * 1024 * 1024));
 * ```
 */
export function bufferBody(maxBodyBytes: number): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const body = await readRequestBody(c.req.raw, maxBodyBytes);
    if (body === undefined) {
      c.header('connection', 'close');
      return refuse(c, 413, 'BODY_TOO_LARGE', `Request bodies are limited to ${maxBodyBytes} bytes`);
    }
    c.set('body', body.buffer as ArrayBuffer);
    await next();
  };
}
