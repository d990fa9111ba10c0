/**
 * Client-key authentication for the token server and the API proxy, as one Hono middleware.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.js';
import { clientKeyMatcher, keyIdOf } from './client-keys.js';

/**
 * What {@link requireClientKey} puts in the context: the caller's key id (see `keyIdOf`), for logs and rate limits.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * const app = new Hono<{ Variables: ClientKeyVariables }>();
 * app.use(requireClientKey({ keys: ['service-a-0123456789'], logger, server: 'proxy' }));
 * app.get('/whoami', (c) => c.text(c.get('clientKeyId')));
 * ```
 */
export interface ClientKeyVariables {
  clientKeyId: string;
}

/**
 * Options of {@link requireClientKey}.
 */
export interface ClientKeyAuthOptions {
  /** The accepted keys (`WXMP_CLIENT_KEYS`, see `parseClientKeys`). */
  keys: readonly string[];
  logger: Logger;
  /** Names the server in the warning a refused request logs: `<server>: request without a valid client key`. */
  server: string;
}

/** What a request without a valid key gets: the same for every server, so clients handle one answer. */
const UNAUTHORIZED = {
  error: 'UNAUTHORIZED',
  message: 'Send Authorization: Bearer <one of WXMP_CLIENT_KEYS>',
} as const;

/**
 * A middleware that lets through only requests with `Authorization: Bearer <one of keys>` (compared in constant
 * time) and sets `clientKeyId`; others get 401 `{ error: 'UNAUTHORIZED', message }` with `WWW-Authenticate: Bearer`,
 * and a warning naming the path (never the key) is logged.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * const app = new Hono<{ Variables: ClientKeyVariables }>();
 * app.use('/token/*', requireClientKey({ keys: ['service-a-0123456789'], logger, server: 'token server' }));
 * ```
 */
export function requireClientKey(
  options: ClientKeyAuthOptions,
): MiddlewareHandler<{ Variables: ClientKeyVariables }> {
  const isClientKey = clientKeyMatcher(options.keys);
  const refusal = `${options.server}: request without a valid client key`;
  return async (c, next) => {
    const key = bearerToken(c.req.header('authorization'));
    if (key === undefined || !isClientKey(key)) {
      options.logger.warn({ path: c.req.path }, refusal);
      c.header('www-authenticate', 'Bearer');
      return c.json(UNAUTHORIZED, 401);
    }
    c.set('clientKeyId', keyIdOf(key));
    await next();
  };
}

/** The credentials of an `Authorization: Bearer …` header (scheme case-insensitive), else `undefined`. */
function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();
}
