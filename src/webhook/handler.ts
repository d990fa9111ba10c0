/**
 * The framework-free webhook core: `handle({ method, url, body }) → { status, headers, body }`, composed of three
 * steps, each in its own file: receive (`receive.ts`: size → timestamp → signature → decrypt → parse), dispatch
 * (`dispatch.ts`: dedup → middleware within the reply budget) and respond (`respond.ts`: render → seal). A refusal
 * is a thrown `WeChatError`, answered by `refusal.ts`.
 *
 * Synchronous when it can be: while every middleware answers without awaiting, no step makes a promise, so
 * `respond()` hands back a ready answer (see docs/architecture.md, "Decisions").
 * @module
 */
import { WeChatError } from '../errors.js';
import { dispatchPush, pushKind } from './dispatch.js';
import { queryOf, textResponse, type WebhookRequest, type WebhookResponse } from './http.js';
import { isPromise, type MaybePromise } from './maybe-promise.js';
import { receivePush, verifyUrl } from './receive.js';
import { refusalResponse } from './refusal.js';
import { respondWith } from './respond.js';
import type { Middleware, Router } from './router.js';
import { resolveSettings, type WebhookOptions, type WebhookSettings } from './settings.js';

export { DEFAULT_REFUSAL_LOG_INTERVAL_MS } from './refusal-log.js';
export { DEFAULT_REPLAY_GUARD_ENTRIES } from './replay-guard.js';
export type { AnswerVia, WebhookObserver } from './observer.js';
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_REPLY_BUDGET_MS,
  DEFAULT_TIMESTAMP_WINDOW_SEC,
  type WebhookOptions,
} from './settings.js';

/**
 * A webhook: call `handle` from any HTTP framework (see the adapters).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * const webhook = createWebhook(bot, { token: process.env.WECHAT_TOKEN! });
 * createServer((req, res) => {
 *   const chunks: Buffer[] = [];
 *   req.on('data', (chunk: Buffer) => chunks.push(chunk));
 *   req.on('end', async () => {
 *     const body = Buffer.concat(chunks);
 *     const answer = await webhook.handle({ method: req.method ?? 'GET', url: req.url ?? '/', body });
 *     res.writeHead(answer.status, answer.headers).end(answer.body);
 *   });
 * });
 * ```
 */
export interface Webhook {
  handle(request: WebhookRequest): Promise<WebhookResponse>;
  /**
   * The same answer as `handle`, returned as is when it is ready at once (every middleware answered without
   * awaiting), else as a `Promise`. It never rejects or throws for a bad request. For adapters that can write the
   * response in the same turn: it saves a promise and a microtask per push.
   *
   * @example
   * ```ts
   * import type { WebhookResponse } from 'wxmp';
   * const send = (answer: WebhookResponse) => console.log(answer.status, answer.body);
   * const response = webhook.respond({ method: 'GET', url: '/wx?echostr=1' });
   * if (response instanceof Promise) void response.then(send);
   * else send(response); // 401 missing or invalid timestamp
   * ```
   */
  respond(request: WebhookRequest): WebhookResponse | Promise<WebhookResponse>;
  /** The body limit in bytes, for adapters that read the body themselves. */
  readonly maxBodyBytes: number;
  /**
   * Refusals so far, by reason (their `WeChatError` code), for a metrics endpoint; each reason is logged at most
   * once per `refusalLogIntervalMs`.
   *
   * @example
   * ```ts
   * webhook.refusalCounts(); // { SIGNATURE_INVALID: 12, BODY_TOO_LARGE: 1 }
   * ```
   */
  refusalCounts(): Record<string, number>;
  /**
   * Shutdown (SIGTERM): attempts stop holding (each answers by its reply budget at most: the answer, or the push
   * acknowledged and journaled), handlers in flight get
   * `graceMs` (default 10 s) to finish and be delivered, the rest stays in the journal for the next run; then the
   * journal and the answer store are closed.
   *
   * @example
   * ```ts
   * process.once('SIGTERM', () => void webhook.close({ graceMs: 8000 }).then(() => process.exit(0)));
   * ```
   */
  close(options?: { graceMs?: number }): Promise<{ unfinished: number }>;
}

/**
 * Creates the webhook core from a router, a middleware, or a plain handler function.
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * const bot = new Router();
 * bot.on('text', (ctx) => ctx.message.content);
 * const webhook = createWebhook(bot, {
 *   token: 'AAAAA',
 *   appId: 'wxba5fad812f8e6fb9',
 *   encodingAESKey: 'A'.repeat(43),
 * });
 * ```
 */
export function createWebhook(app: Router | Middleware, options: WebhookOptions): Webhook {
  const settings = resolveSettings(app, options);

  function respond(request: WebhookRequest): MaybePromise<WebhookResponse> {
    const method = request.method.toUpperCase();
    try {
      if (method === 'POST') {
        const response = answerPush(settings, request);
        // Promise.resolve: a custom Dedup may hand back any thenable; callers get a real Promise (instanceof works).
        return isPromise(response)
          ? Promise.resolve(response).catch((err: unknown) =>
              refusalResponse(err, method, settings.logger, settings.refusals),
            )
          : response;
      }
      if (method === 'GET' || method === 'HEAD')
        return textResponse(200, verifyUrl(settings, queryOf(request.url)));
      throw new WeChatError('METHOD_NOT_ALLOWED', 'method not allowed');
    } catch (err) {
      return refusalResponse(err, method, settings.logger, settings.refusals);
    }
  }

  return {
    maxBodyBytes: settings.maxBodyBytes,
    refusalCounts: () => settings.refusals.counts(),
    close: async (closeOptions) =>
      (await settings.slowAnswers?.close(closeOptions?.graceMs ?? 10_000)) ?? { unfinished: 0 },
    respond,
    handle(request) {
      const response = respond(request);
      return isPromise(response) ? response : Promise.resolve(response);
    },
  };
}

/** A push, through the three steps; throws (or rejects with) a refusal. */
function answerPush(settings: WebhookSettings, request: WebhookRequest): MaybePromise<WebhookResponse> {
  const query = queryOf(request.url);
  const inbound = receivePush(settings, query, request.body);
  settings.observer.onPush({ type: pushKind(inbound.message), mode: inbound.mode });
  const reply = dispatchPush(settings, inbound);
  return isPromise(reply)
    ? reply.then((ready) => respondWith(settings, ready, inbound, query))
    : respondWith(settings, reply, inbound, query);
}
