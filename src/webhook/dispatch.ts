/**
 * The second step of the webhook: run the middleware on a received push and settle on a rendered answer. A retry
 * of a push shares the first attempt's answer (dedup); a handler that throws is answered `success` (WeChat would
 * only retry into the same failure). An asynchronous handler gets the reply budget; past it the slow-handler
 * strategies take over (`slow/`), or with `slow: []` the webhook answers `success` and hands the eventual reply to
 * `lateReply`.
 * @module
 */
import { dedupKey } from '../messages/parse.js';
import type { Message } from '../messages/types.js';
import { toReply } from '../replies/render.js';
import type { Reply } from '../replies/types.js';
import { withBudget } from './deadline.js';
import type { HandlerContext } from './handler-context.js';
import { isPromise, type MaybePromise } from './maybe-promise.js';
import type { Inbound } from './receive.js';
import { renderAnswer } from './respond.js';
import { answerFailure, startHandler } from './run-handler.js';
import type { WebhookSettings } from './settings.js';
import type { SlowAnswers } from './slow/slow-answers.js';

/**
 * The rendered answer to a push (see `renderAnswer`), once per push: a retry of a push shares the first attempt's
 * answer through the dedup, and is logged at debug level only (retries are WeChat's normal behaviour, not news).
 * At once when every middleware answered without awaiting, else a promise that settles within the reply budget.
 * Never throws or rejects, unless a custom `Dedup` does.
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
 * answerOnce(settings, { message, mode: 'plain', keyIndex: undefined }); // '<xml><ToUserName>…hi…</xml>'
 * ```
 */
export function answerOnce(settings: WebhookSettings, inbound: Inbound): MaybePromise<string> {
  const slow = settings.slowAnswers;
  if (slow) return answerSlow(settings, slow, inbound);
  const dedup = settings.dedup;
  if (!dedup) return answerNow(settings, inbound);
  const key = dedupKey(inbound.message);
  const shared = dedup.run(key, () => answerNow(settings, inbound));
  if (shared.attempt > 1) retried(settings, key, shared.attempt);
  return shared.value;
}

/**
 * With the strategies: the handler once (through dedup, whose value is the rendered answer or, for a push still
 * being worked on, its ticket encoded as a string), then each attempt answers it or waits on the ticket.
 */
function answerSlow(settings: WebhookSettings, slow: SlowAnswers, inbound: Inbound): MaybePromise<string> {
  const arrivedAt = settings.now();
  const message = inbound.message;
  const dedup = settings.dedup;
  let shared: MaybePromise<string>;
  if (dedup) {
    const key = dedupKey(message);
    const run = dedup.run(
      key,
      (found, firstSeenMs) => slow.begin(inbound, arrivedAt, found, firstSeenMs),
      slow.presenceKeys(message),
    );
    if (run.attempt > 1) retried(settings, key, run.attempt);
    shared = run.value;
  } else {
    shared = slow.begin(inbound, arrivedAt);
  }
  return isPromise(shared)
    ? shared.then((answer) => slow.attempt(answer, arrivedAt, message))
    : slow.attempt(shared, arrivedAt, message);
}

/** A retry is WeChat's normal behaviour, not news: counted, and logged at debug level only. */
function retried(settings: WebhookSettings, key: string, attempt: number): void {
  settings.observer.onDuplicate();
  settings.logger.debug({ key, attempt }, 'retry deduplicated');
}

/** Middleware, then rendering: what a first attempt does. */
function answerNow(settings: WebhookSettings, inbound: Inbound): MaybePromise<string> {
  const reply = dispatchPush(settings, inbound);
  return isPromise(reply)
    ? reply.then((ready) => renderAnswer(settings, ready, inbound.message))
    : renderAnswer(settings, reply, inbound.message);
}

/**
 * The reply of the middleware to a push, as with `slow: []` (no dedup, no strategies: see {@link answerOnce}): at once when every middleware answered
 * without awaiting, else a promise that settles within the reply budget. Never throws or rejects.
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
  return runMiddleware(settings, inbound);
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
  const started = startHandler(settings, inbound);
  if (!started) return { type: 'success' };
  const { ctx, result } = started;
  if (!isPromise(result)) return counted(settings, toReply(result));
  return withinBudget(settings, result.then(toReply), ctx);
}

/** A passive answer (not an acknowledgement) is counted once, by the attempt that ran the handler. */
function counted(settings: WebhookSettings, reply: Reply): Reply {
  if (reply.type !== 'success' && reply.type !== 'empty') settings.observer.onAnswer('passive');
  return reply;
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
  const { lostReplyLogger: logger, lateReply } = settings;
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
