/**
 * The proxy's per-key rate limit: a token bucket per client key, in the process.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../../logger.js';
import { refuse, type ProxyEnv } from './env.js';

/**
 * A per-key limiter: `take(id)` returns 0 when the request may go, else the ms until it may.
 */
export interface RateLimiter {
  take(id: string): number;
}

/**
 * A token bucket per key: `perMinute` requests in a burst, refilled continuously. `take` returns 0 when the request
 * may go, else the ms until a token is back.
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter(600, Date.now);
 * if (limiter.take('3f0c9a1e') > 0) console.log('slow down');
 * ```
 */
export function createRateLimiter(perMinute: number, now: () => number): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  return {
    take(id) {
      const t = now();
      const bucket = buckets.get(id) ?? { tokens: perMinute, at: t };
      bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.at) * perMs);
      bucket.at = t;
      buckets.set(id, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - bucket.tokens) / perMs);
    },
  };
}

/**
 * The step after authentication: 429 `RATE_LIMITED` with `Retry-After` (whole seconds) once the caller's key has
 * used its budget.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import type { ProxyEnv } from './env.js';
 * new Hono<ProxyEnv>().use(limitRatePerKey(createRateLimiter(600, Date.now), logger));
 * ```
 */
export function limitRatePerKey(limiter: RateLimiter, logger: Logger): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const key = c.get('clientKeyId');
    const waitMs = limiter.take(key);
    if (waitMs > 0) {
      c.header('retry-after', String(Math.ceil(waitMs / 1000)));
      logger.warn({ key, path: c.req.path }, 'proxy: rate limit reached');
      return refuse(
        c,
        429,
        'RATE_LIMITED',
        'Too many requests for this client key; retry after the Retry-After seconds',
      );
    }
    await next();
  };
}
