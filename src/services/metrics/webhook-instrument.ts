/**
 * The two webhook figures its observer does not give: how long the handler takes, and how long WeChat waits for
 * the HTTP answer. Each wrapper adds one timestamp per push; counts come from `WebhookMetrics.observer`.
 * @module
 */
import type { Webhook } from '../../webhook/handler.js';
import { isPromise } from '../../webhook/maybe-promise.js';
import { Router, type HandlerResult, type Middleware } from '../../webhook/router.js';
import type { WebhookMetrics } from './webhook-metrics.js';

/**
 * The bot's middleware, timing each run (`wxmp_handler_duration_seconds`) and counting those that throw
 * (`wxmp_handler_failures_total`).
 *
 * @example
 * ```ts
 * import { createWebhook, Router } from 'wxmp';
 * import { createMetricsRegistry } from './registry.js';
 * import { WebhookMetrics } from './webhook-metrics.js';
 * const metrics = new WebhookMetrics(createMetricsRegistry());
 * const bot = new Router();
 * bot.on('text', (ctx) => ctx.message.content);
 * createWebhook(measureMiddleware(bot, metrics), { token: 'AAAAA', observe: metrics.observer });
 * ```
 */
export function measureMiddleware(app: Router | Middleware, metrics: WebhookMetrics): Middleware {
  const middleware = app instanceof Router ? app.middleware() : app;
  return (ctx, next) => {
    const started = performance.now();
    let result: HandlerResult | Promise<HandlerResult>;
    try {
      result = middleware(ctx, next);
    } catch (err) {
      metrics.handlerDone((performance.now() - started) / 1000, true);
      throw err;
    }
    if (!isPromise(result)) {
      metrics.handlerDone((performance.now() - started) / 1000, false);
      return result;
    }
    return result.then(
      (value) => {
        metrics.handlerDone((performance.now() - started) / 1000, false);
        return value;
      },
      (err: unknown) => {
        metrics.handlerDone((performance.now() - started) / 1000, true);
        throw err;
      },
    );
  };
}

/**
 * The webhook with the time to each HTTP answer measured, by status (`wxmp_push_response_duration_seconds`).
 *
 * @example
 * ```ts
 * import { startWebhookServer } from 'wxmp/services';
 * import { createMetricsRegistry } from './registry.js';
 * import { WebhookMetrics } from './webhook-metrics.js';
 * const registry = createMetricsRegistry();
 * const measured = measureWebhook(webhook, new WebhookMetrics(registry));
 * await startWebhookServer({ webhook: measured, port: 3000, metrics: { registry } });
 * ```
 */
export function measureWebhook(webhook: Webhook, metrics: WebhookMetrics): Webhook {
  const respond: Webhook['respond'] = (request) => {
    const started = performance.now();
    const answer = webhook.respond(request);
    if (!isPromise(answer)) {
      metrics.responded(answer.status, (performance.now() - started) / 1000);
      return answer;
    }
    return answer.then((ready) => {
      metrics.responded(ready.status, (performance.now() - started) / 1000);
      return ready;
    });
  };
  return {
    maxBodyBytes: webhook.maxBodyBytes,
    refusalCounts: () => webhook.refusalCounts(),
    respond,
    handle: (request) => Promise.resolve(respond(request)),
    close: (options) => webhook.close(options),
  };
}
