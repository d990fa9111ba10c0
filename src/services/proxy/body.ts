/**
 * Reading the request body once, within the size limit.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { refuse, type ProxyEnv } from './env.js';

/**
 * The step that buffers the body (so a retry can send it again; WeChat's uploads are small, 10 MB videos at most)
 * and sets `body`; a body declared or found larger than `maxBodyBytes` is 413 `BODY_TOO_LARGE`.
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
    const declared = Number(c.req.header('content-length') ?? 0);
    const body = declared > maxBodyBytes ? undefined : await c.req.arrayBuffer();
    if (body === undefined || body.byteLength > maxBodyBytes) {
      return refuse(c, 413, 'BODY_TOO_LARGE', `Request bodies are limited to ${maxBodyBytes} bytes`);
    }
    c.set('body', body);
    await next();
  };
}
