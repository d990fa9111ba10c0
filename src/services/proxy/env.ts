/**
 * What the proxy's steps share through the Hono context, and the one shape of the proxy's own answers.
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { WireSpec } from '../../api/endpoints.js';
import type { ClientKeyVariables } from '../client-key-auth.js';

/**
 * The proxy's Hono environment: each step reads what the steps before it set.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * const app = new Hono<ProxyEnv>();
 * app.use(startClock);
 * app.get('/started', (c) => c.json({ startedAt: c.get('startedAt') }));
 * ```
 */
export interface ProxyEnv {
  Variables: ClientKeyVariables & {
    /** When the request arrived (`Date.now()`), for the `ms` of the log line. */
    startedAt: number;
    /** The table's endpoint the request is for (set by `allowTableEndpoints`). */
    endpoint: WireSpec;
    /** The buffered request body (set by `bufferBody`). */
    body: ArrayBuffer;
  };
}

/**
 * Statuses the proxy answers by itself (WeChat's answers pass through with theirs).
 */
export type RefusalStatus = 401 | 404 | 413 | 429 | 502 | 503 | 504;

/**
 * An answer of the proxy's own (not WeChat's): `{ "error": CODE, "message": … }`.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * new Hono().all('*', (c) => refuse(c, 404, 'NOT_FOUND', 'not an endpoint this proxy forwards'));
 * ```
 */
export function refuse(c: Context, status: RefusalStatus, error: string, message: string): Response {
  return c.json({ error, message }, status);
}

/**
 * The first step: notes when the request arrived, so the log line's `ms` covers the whole request.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * new Hono<ProxyEnv>().use(startClock);
 * ```
 */
export const startClock: MiddlewareHandler<ProxyEnv> = async (c, next) => {
  c.set('startedAt', Date.now());
  await next();
};
