/**
 * One Prometheus registry per server instance (never prom-client's global one), so tests and several servers in one
 * process keep their figures apart, and the `GET /metrics` answer every wxmp server gives.
 * @module
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * A new registry with Node's process metrics (`process_*`, `nodejs_*`: CPU, memory, event-loop lag, GC, handles)
 * unless `processMetrics` is `false`.
 *
 * @example
 * ```ts
 * import { Counter } from 'prom-client';
 * const registry = createMetricsRegistry();
 * new Counter({ name: 'my_jobs_total', help: 'Jobs done', registers: [registry] }).inc();
 * console.log(await registry.metrics());
 * ```
 */
export function createMetricsRegistry(options: { processMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * The answer to `GET /metrics`: the registry in Prometheus' text format, with its content type.
 *
 * @example
 * ```ts
 * const { body, contentType } = await metricsAnswer(createMetricsRegistry());
 * new Response(body, { headers: { 'content-type': contentType } });
 * ```
 */
export async function metricsAnswer(registry: Registry): Promise<{ body: string; contentType: string }> {
  return { body: await registry.metrics(), contentType: registry.contentType };
}

/**
 * Buckets of the latency histograms, in seconds: from 1 ms (a synchronous reply) to 30 s (a stretched answer or a
 * slow upstream), with more resolution around WeChat's 5 s cut.
 *
 * @example
 * ```ts
 * import { Histogram } from 'prom-client';
 * new Histogram({ name: 'my_seconds', help: 'Latency', buckets: LATENCY_BUCKETS, registers: [createMetricsRegistry()] });
 * ```
 */
export const LATENCY_BUCKETS = [
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 4, 4.5, 5, 7.5, 10, 15, 20, 30,
];
