/**
 * The second step of the webhook: run the middleware on a received push and settle on a reply. A retry of a push
 * shares the first attempt's reply (dedup); a handler that throws is answered `success` (WeChat would only retry
 * into the same failure); an asynchronous handler gets the reply budget, past which the webhook answers `success`
 * and hands the eventual reply to `lateReply`.
 * @module
 */
import { dedupKey } from '../messages/parse.js';
import type { Message } from '../messages/types.js';
import { toReply } from '../replies/render.js';
import type { Reply } from '../replies/types.js';
import { withBudget } from './deadline.js';
import { HandlerContext } from './handler-context.js';
import { isPromise, type MaybePromise } from './maybe-promise.js';
import type { Inbound } from './receive.js';
import type { HandlerResult } from './router.js';
import type { WebhookSettings } from './settings.js';
import type { SlowAnswers, Ticket } from './slow/slow-answers.js';

const END_OF_CHAIN = (): Promise<HandlerResult> => Promise.resolve(undefined);

/**
 * The reply to a push: at once when every middleware answered without awaiting, else a promise that settles
 * within the reply budget. Never throws or rejects.
 *
 * @example
 * ```ts
 * import { Router, parseMessage } from 'wxmp';
 * import { inbound } from 'wxmp/push';
 * import { resolveSettings } from './settings.js';
 * const bot = new Router();
 * bot.on('text', (ctx) => ctx.message.content);
 * const settings = resolveSettings(bot, { token: 'AAAAA' });
 * const message = parseMessage(inbound.text({ from: 'oFan', to: 'gh_account' }, 'hi'));
 * dispatchPush(settings, { message, mode: 'plain', keyIndex: undefined }); // { type: 'text', content: 'hi' }
 * ```
 */
export function dispatchPush(settings: WebhookSettings, inbound: Inbound): MaybePromise<Reply> {
  const slow = settings.slowAnswers;
  if (slow) return dispatchSlow(settings, slow, inbound);
  const dedup = settings.dedup;
  if (!dedup) return runMiddleware(settings, inbound);
  const key = dedupKey(inbound.message);
  const shared = dedup.run(key, () => runMiddleware(settings, inbound));
  if (shared.attempt > 1) {
    settings.observer.onDuplicate();
    settings.logger.info({ key, attempt: shared.attempt }, 'retry deduplicated');
  }
  return shared.value;
}

/** With the strategies: the handler once (through dedup), and each attempt waiting on its ticket. */
function dispatchSlow(settings: WebhookSettings, slow: SlowAnswers, inbound: Inbound): MaybePromise<Reply> {
  const arrivedAt = settings.now();
  const dedup = settings.dedup;
  let value: MaybePromise<Reply | Ticket>;
  if (dedup) {
    const key = dedupKey(inbound.message);
    const shared = dedup.run(key, () => slow.begin(inbound));
    if (shared.attempt > 1) {
      settings.observer.onDuplicate();
      settings.logger.info({ key, attempt: shared.attempt }, 'retry deduplicated');
    }
    value = shared.value;
  } else {
    value = slow.begin(inbound);
  }
  if (isPromise(value))
    return Promise.resolve(value).then((ready) => slow.attempt(ready, arrivedAt, inbound.message));
  return slow.attempt(value, arrivedAt, inbound.message);
}

/**
 * A push's kind for metrics and logs: the message type, or `event.NAME` for an event.
 *
 * @example
 * ```ts
 * import { parseMessage } from 'wxmp';
 * import { inbound } from 'wxmp/push';
 * pushKind(parseMessage(inbound.text({ from: 'oFan', to: 'gh_account' }, 'hi'))); // 'text'
 * ```
 */
export function pushKind(message: Message): string {
  if (message.type === 'event') return `event.${message.event === 'unknown' ? message.name : message.event}`;
  return message.type === 'unknown' ? message.msgType : message.type;
}

/** Runs the middleware; a synchronous answer needs no promise, no timer and no abort signal. */
function runMiddleware(settings: WebhookSettings, inbound: Inbound): MaybePromise<Reply> {
  const ctx = new HandlerContext(inbound.message, inbound.mode, settings.logger);
  settings.observer.onHandlerRun();
  let result: MaybePromise<HandlerResult>;
  try {
    result = settings.middleware(ctx, END_OF_CHAIN);
  } catch (err) {
    return answerFailure(settings, err, inbound.message);
  }
  if (!isPromise(result)) return counted(settings, toReply(result));
  return withinBudget(settings, result.then(toReply), ctx);
}

/** A passive answer (not an acknowledgement) is counted once, by the attempt that ran the handler. */
function counted(settings: WebhookSettings, reply: Reply): Reply {
  if (reply.type !== 'success' && reply.type !== 'empty') settings.observer.onAnswer('passive');
  return reply;
}

/** A handler failure is answered with success, so WeChat does not retry into a broken handler. */
function answerFailure(settings: WebhookSettings, err: unknown, message: Message): Reply {
  settings.logger.error(
    { err, key: dedupKey(message), msgType: message.type },
    'handler threw; answered success',
  );
  return { type: 'success' };
}

/** Races the handler against the reply budget; past it, answers success and passes the late reply on. */
async function withinBudget(
  settings: WebhookSettings,
  work: Promise<Reply>,
  ctx: HandlerContext,
): Promise<Reply> {
  const budgetMs = settings.replyBudgetMs;
  try {
    const outcome = await withBudget(work, budgetMs, () =>
      ctx.abort(new Error(`reply budget of ${budgetMs} ms exceeded`)),
    );
    if (outcome.inTime) return counted(settings, outcome.value);
    settings.logger.warn(
      { key: dedupKey(ctx.message), budgetMs },
      'handler exceeded the reply budget; answered success',
    );
    void deliverLate(settings, outcome.late, ctx.message);
    return { type: 'success' };
  } catch (err) {
    return answerFailure(settings, err, ctx.message);
  }
}

/** Hands a reply that missed the budget to `lateReply` (or logs that it was dropped); never rejects. */
async function deliverLate(settings: WebhookSettings, late: Promise<Reply>, message: Message): Promise<void> {
  const { logger, lateReply } = settings;
  let reply: Reply;
  try {
    reply = await late;
  } catch (err) {
    logger.error({ err, key: dedupKey(message) }, 'handler failed after the reply budget');
    return;
  }
  if (reply.type === 'success' || reply.type === 'empty') return;
  if (!lateReply) {
    logger.warn({ key: dedupKey(message) }, 'late reply dropped: configure lateReply to deliver it');
    return;
  }
  try {
    await lateReply(message, reply);
    settings.observer.onAnswer('customer_service');
  } catch (err) {
    logger.error({ err, key: dedupKey(message) }, 'lateReply failed');
  }
}
