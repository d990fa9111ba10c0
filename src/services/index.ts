/**
 * `wxmp/services`: ready-to-run servers and the pieces that connect the webhook, the token manager and the API
 * client — the webhook server, the token server, the API proxy, client keys, late replies and Redis dedup.
 *
 * The exports are named one by one (`test/unit/public-surface.test.ts` holds the list); the proxy's steps
 * (`proxy/`: rate limit, allowlist, forward) and the key matching stay inside, but for the reader of the allowlist's
 * extra endpoints (`WXMP_PROXY_EXTRA_ENDPOINTS`).
 * @module
 */

// The webhook server `wxmp serve` runs: a webhook on node:http.
export { startWebhookServer, type RunningServer, type ServerHealth } from './webhook-server.js';

// The token server: the access_token and tickets over HTTP, for services that must not hold the AppSecret.
export {
  createTokenServer,
  createTokenServerFromEnv,
  type TokenServer,
  type TokenServerEnvOptions,
  type TokenServerOptions,
} from './token-server.js';

// The API proxy: WeChat's API without the access_token, for business services.
export { createProxy, DEFAULT_RATE_LIMIT_PER_MINUTE, type ApiProxy, type ProxyOptions } from './proxy.js';
export type { ExtraEndpoint } from './proxy/allowlist.js';

// Client keys: `WXMP_CLIENT_KEYS`, and the bearer-key middleware both servers use.
export { parseClientKeys } from './client-keys.js';
export { requireClientKey, type ClientKeyAuthOptions, type ClientKeyVariables } from './client-key-auth.js';

// Late replies: replies that missed the reply budget, delivered as customer-service messages.
export { lateReplyViaCustomerService, typingViaCustomerService } from './late-reply.js';

// Slow handlers across restarts and instances: the journal of acknowledged pushes (a local file, or a Redis stream)
// and the strategies' shared answers in Redis (the webhook's `journal` and `answers` options).
export { DEFAULT_JOURNAL_PATH, FileJournal } from './file-journal.js';
export { RedisJournal, redisJournalFromUrl, type RedisJournalOptions } from './redis-journal.js';
export {
  RedisAnswerStore,
  redisAnswerStoreFromUrl,
  type RedisAnswerStoreOptions,
} from './redis-answer-store.js';

// Deduplication of WeChat's retries across instances (the webhook's `dedup` option).
export { RedisDedup, redisDedupFromUrl, type RedisDedupOptions } from './redis-dedup.js';

// Metrics and readiness: GET /metrics (Prometheus text, one registry per server) and GET /readyz.
export { createMetricsRegistry, metricsAnswer } from './metrics/registry.js';
export { WebhookMetrics } from './metrics/webhook-metrics.js';
export { measureMiddleware, measureWebhook } from './metrics/webhook-instrument.js';
export { UpstreamMetrics } from './metrics/upstream-metrics.js';
export { serveOperationalRoutes, type ServerMetricsOptions } from './metrics/http-metrics.js';
export { readinessProbe, type Readiness, type ReadinessProbe } from './metrics/readiness.js';
