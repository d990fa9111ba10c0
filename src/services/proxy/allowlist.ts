/**
 * The proxy's allowlist: only endpoints of the table marked `proxied`, at their method.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { endpointByPath } from '../../api/endpoints.js';
import type { Logger } from '../../logger.js';
import { refuse, type ProxyEnv } from './env.js';

/**
 * The step that resolves the request to the endpoint table and sets `endpoint`; anything the proxy does not
 * forward (unknown path, wrong method, token and quota endpoints) is 404 `NOT_FOUND`.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import type { ProxyEnv } from './env.js';
 * new Hono<ProxyEnv>().use(allowTableEndpoints(logger));
 * ```
 */
export function allowTableEndpoints(logger: Logger): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const { method, path } = c.req;
    const spec = endpointByPath(method, path);
    if (!spec?.proxied) {
      logger.warn({ key: c.get('clientKeyId'), method, path }, 'proxy: endpoint not forwarded');
      return refuse(c, 404, 'NOT_FOUND', `${method} ${path} is not an endpoint this proxy forwards`);
    }
    c.set('endpoint', spec);
    await next();
  };
}
