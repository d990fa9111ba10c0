/**
 * The operational routes of the token server and the API proxy (`GET /metrics`, `GET /readyz`), and the timing of
 * every request they answer.
 * @module
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { Histogram, type Registry } from 'prom-client';
import { readyzAnswer, type ReadinessProbe } from './readiness.js';
import { LATENCY_BUCKETS, metricsAnswer } from './registry.js';

/** What a server needs to serve its metrics and readiness. */
export interface ServerMetricsOptions {
  /** The instance's registry (see `createMetricsRegistry`). */
  registry: Registry;
  /** Readiness of the server's dependencies; without it `/readyz` answers ready. */
  readiness?: ReadinessProbe | undefined;
}

/**
 * Adds `GET /metrics` and `GET /readyz` to `app`, and a histogram `wxmp_http_request_duration_seconds{route,status}`
 * of the requests that follow (route: the matched route pattern, so label values stay bounded). Call it before the
 * client-key middleware: these routes are for the operator's network, not for clients (the nginx site of
 * `deploy/` keeps them off the internet).
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createMetricsRegistry } from './registry.js';
 * const app = new Hono();
 * serveOperationalRoutes(app, { registry: createMetricsRegistry() });
 * app.get('/hello', (c) => c.text('hi'));
 * ```
 */
export function serveOperationalRoutes(app: Hono, options: ServerMetricsOptions): void {
  const { registry, readiness } = options;
  app.get('/metrics', async (c) => {
    const { body, contentType } = await metricsAnswer(registry);
    return c.body(body, 200, { 'content-type': contentType });
  });
  app.get('/readyz', async (c) => {
    const answer = readyzAnswer(readiness ? await readiness.check() : { ready: true, checks: {} });
    return c.body(answer.body, answer.status as 200 | 503, { 'content-type': 'application/json' });
  });
  app.use(measureRequests(registry));
}

function measureRequests(registry: Registry): MiddlewareHandler {
  const seconds = new Histogram({
    name: 'wxmp_http_request_duration_seconds',
    help: 'Time to answer a request, by route pattern and status',
    labelNames: ['route', 'status'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  return async (c, next) => {
    const started = performance.now();
    await next();
    seconds.observe(
      { route: c.req.routePath, status: String(c.res.status) },
      (performance.now() - started) / 1000,
    );
  };
}
