/**
 * Measuring a webhook from outside its core: the middleware (pushes and handler runs), the dedup (retries answered
 * from it), the late-reply path (customer-service answers) and the HTTP answer (passive answers, latency). Each
 * wrapper adds one counter step and, for asynchronous handlers only, one timestamp.
 * @module
 */
import type { Message } from '../../messages/types.js';
import type { Reply } from '../../replies/types.js';
import type { Dedup } from '../../webhook/dedup.js';
import type { Webhook } from '../../webhook/handler.js';
import { isPromise } from '../../webhook/maybe-promise.js';
import { Router, type HandlerResult, type Middleware } from '../../webhook/router.js';
import type { WebhookMetrics } from './webhook-metrics.js';

/**
 * The label of a message: its type, and for events the event (`event.subscribe`); events wxmp does not model are
 * `event.unknown`, so a sender cannot create label values at will.
 *
 * @example
 * ```ts
 * import { parseMessage } from 'wxmp';
 * import { inbound } from 'wxmp/push';
 * messageLabel(parseMessage(inbound.text({ from: 'oFan', to: 'gh_account' }, 'hi'))); // 'text'
 * ```
 */
export function messageLabel(message: Message): string {
  if (message.type !== 'event') return message.type;
  return `event.${message.event}`;
}

/**
 * The bot's middleware, counting each push (type and mode) and each handler run, and timing the run.
 *
 * @example
 * ```ts
 * import { createWebhook, Router } from 'wxmp';
 * import { createMetricsRegistry } from './registry.js';
 * import { WebhookMetrics } from './webhook-metrics.js';
 * const metrics = new WebhookMetrics(createMetricsRegistry());
 * const bot = new Router();
 * bot.on('text', (ctx) => ctx.message.content);
 * createWebhook(measureMiddleware(bot, metrics), { token: 'AAAAA' });
 * ```
 */
export function measureMiddleware(app: Router | Middleware, metrics: WebhookMetrics): Middleware {
  const middleware = app instanceof Router ? app.middleware() : app;
  return (ctx, next) => {
    const type = messageLabel(ctx.message);
    metrics.push(type, ctx.mode);
    metrics.handlerRun(type);
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
 * A dedup that counts the retries it answers from the first attempt (`wxmp_duplicates_total`).
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * import { MemoryDedup } from '../../webhook/dedup.js';
 * import { createMetricsRegistry } from './registry.js';
 * import { WebhookMetrics } from './webhook-metrics.js';
 * const metrics = new WebhookMetrics(createMetricsRegistry());
 * createWebhook(bot, { token: 'AAAAA', dedup: measureDedup(new MemoryDedup(), metrics) });
 * ```
 */
export function measureDedup(dedup: Dedup, metrics: WebhookMetrics): Dedup {
  return {
    run(key, work) {
      const shared = dedup.run(key, work);
      if (shared.attempt > 1) metrics.duplicate();
      return shared;
    },
  };
}

/**
 * A `lateReply` that counts each reply it delivers as a `customer_service` answer (a failed delivery is not
 * counted: it throws on, and the webhook logs it).
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * import { lateReplyViaCustomerService } from '../late-reply.js';
 * import { createMetricsRegistry } from './registry.js';
 * import { WebhookMetrics } from './webhook-metrics.js';
 * const metrics = new WebhookMetrics(createMetricsRegistry());
 * const lateReply = measureLateReply(lateReplyViaCustomerService(client, logger), metrics);
 * createWebhook(bot, { token: 'AAAAA', lateReply });
 * ```
 */
export function measureLateReply(
  lateReply: (message: Message, reply: Reply) => Promise<void> | void,
  metrics: WebhookMetrics,
): (message: Message, reply: Reply) => Promise<void> {
  return async (message, reply) => {
    await lateReply(message, reply);
    metrics.answer('customer_service');
  };
}

/**
 * The webhook with its HTTP answers measured: latency by status, and each answer that carries a reply (not
 * `success`, not empty) counted as a `passive` answer; refusals are read from the webhook when collected.
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
  metrics.watchRefusals(() => webhook.refusalCounts());
  const respond: Webhook['respond'] = (request) => {
    const started = performance.now();
    const answer = webhook.respond(request);
    const isPost = request.method.toUpperCase() === 'POST';
    if (!isPromise(answer)) {
      noteAnswer(metrics, isPost, answer.status, answer.body, started);
      return answer;
    }
    return answer.then((ready) => {
      noteAnswer(metrics, isPost, ready.status, ready.body, started);
      return ready;
    });
  };
  return {
    maxBodyBytes: webhook.maxBodyBytes,
    refusalCounts: () => webhook.refusalCounts(),
    respond,
    handle: (request) => Promise.resolve(respond(request)),
  };
}

function noteAnswer(
  metrics: WebhookMetrics,
  isPost: boolean,
  status: number,
  body: string,
  started: number,
): void {
  metrics.responded(status, (performance.now() - started) / 1000);
  if (isPost && status === 200 && body !== 'success' && body !== '') metrics.answer('passive');
}
