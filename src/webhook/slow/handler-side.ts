/**
 * The handler's side of a slow push: it runs once; an answer within the budget is the passive reply, else the
 * attempts wait on a ticket while the answer is published to the answer store. The handler and the last attempt
 * race to settle the push's outcome there, once: when an attempt settled first, the handler's side delivers the
 * answer by the fallback. Journal entries left by an earlier run are run again here too.
 * @module
 */
import { dedupKey } from '../../messages/parse.js';
import type { Message } from '../../messages/types.js';
import { toReply } from '../../replies/render.js';
import type { Reply } from '../../replies/types.js';
import { HandlerContext } from '../handler-context.js';
import { isPromise, type MaybePromise } from '../maybe-promise.js';
import type { Inbound } from '../receive.js';
import type { HandlerResult } from '../router.js';
import { END_OF_CHAIN, startHandler } from '../run-handler.js';
import { answerParts, firstPart } from './answer-parts.js';
import type { Outcome } from './answer-store.js';
import { deliver, deliverParts } from './delivery.js';
import { fallback, restVia } from './fallback.js';
import type { JournalEntry } from './journal.js';
import { ANSWER_TTL_MS, hasContent, SUCCESS, type SlowContext } from './slow-context.js';
import type { Ticket } from './ticket.js';

/**
 * Runs the middleware on a push: a synchronous answer is the reply (its first part; the rest follows); an
 * asynchronous one is the reply when it comes within the attempt's budget (counted from its arrival, `arrivedAt`),
 * else a ticket. `firstSeenMs`: when the push was first seen, the same as `arrivedAt` unless the run takes over the
 * claim of an instance that went away (then WeChat's attempts count from that claim: see `DedupWork`).
 *
 * @example
 * ```ts
 * import { Router, parseMessage } from 'wxmp';
 * import { inbound } from 'wxmp/push';
 * import { resolveSettings } from '../settings.js';
 * const bot = new Router();
 * bot.on('text', (ctx) => ctx.message.content);
 * const settings = resolveSettings(bot, { token: 'AAAAA', slow: ['pull'] });
 * const message = parseMessage(inbound.text({ from: 'oFan', to: 'gh_account' }, 'hi'));
 * const now = Date.now();
 * const push = { message, mode: 'plain' as const, keyIndex: undefined };
 * runSlow(settings.slowAnswers!, push, now, now); // { type: 'text', content: 'hi' }
 * ```
 */
export function runSlow(
  context: SlowContext,
  inbound: Inbound,
  arrivedAt: number,
  firstSeenMs: number,
): MaybePromise<Reply | Ticket> {
  const { settings } = context;
  const started = startHandler(settings, inbound);
  if (!started) return SUCCESS;
  const { result } = started;
  if (!isPromise(result)) {
    const reply = toReply(result);
    if (!hasContent(reply)) return reply;
    settings.observer.onAnswer('passive');
    const parts = answerParts(settings, reply);
    if (parts.length > 1)
      context.track(deliverParts(context, inbound.message, parts.slice(1), restVia(settings)));
    return parts[0]!;
  }
  const key = dedupKey(inbound.message);
  context.track(finish(context, key, inbound.message, result, firstSeenMs));
  const ticket: Ticket = { slowTicket: true, key, firstSeenMs };
  // Within the budget the dedup value is the reply itself (a retry on another instance shares it even without a
  // shared answer store); past it, the ticket every attempt waits on.
  return new Promise<Reply | Ticket>((resolve) => {
    const budgetLeft = Math.max(0, arrivedAt + settings.replyBudgetMs - settings.now());
    const timer = setTimeout(() => resolve(ticket), budgetLeft);
    result.then(
      (value) => {
        clearTimeout(timer);
        resolve(firstPart(settings, toReply(value)));
      },
      () => {
        clearTimeout(timer);
        resolve(SUCCESS);
      },
    );
  });
}

/** Publishes the answer, then settles; delivers by the fallback if an attempt settled first. */
async function finish(
  context: SlowContext,
  key: string,
  message: Message,
  result: Promise<HandlerResult>,
  firstSeenMs: number,
): Promise<void> {
  const { settings } = context;
  // The running mark lasts until the answer is out: other instances leave the journal entry alone meanwhile.
  const stopRunning = settings.journal?.running(key);
  try {
    let reply: Reply;
    try {
      reply = toReply(await result);
    } catch (err) {
      settings.logger.error({ err, key, msgType: message.type }, 'handler threw; answered success');
      reply = SUCCESS;
    }
    const outcome = await publish(context, key, reply);
    if (outcome !== 'passive') return await deliver(context, key, message, outcome, reply);
    if (!hasContent(reply)) return;
    const inTime = settings.now() - firstSeenMs <= settings.replyBudgetMs;
    settings.observer.onAnswer(inTime ? 'passive' : 'stretched');
    const parts = answerParts(settings, reply);
    if (parts.length > 1) await deliverParts(context, message, parts.slice(1), restVia(settings));
  } finally {
    stopRunning?.();
  }
}

/** Puts the answer in the store and settles the push as passive: the outcome in force. */
async function publish(context: SlowContext, key: string, reply: Reply): Promise<Outcome> {
  const { settings } = context;
  try {
    await settings.answers.putAnswer(key, reply, ANSWER_TTL_MS);
    return await settings.answers.settle(key, 'passive', ANSWER_TTL_MS);
  } catch (err) {
    // Without the store no attempt can see the answer: deliver it the way the last attempt would have.
    settings.logger.warn({ err, key }, 'answer store unreachable; the answer goes by the fallback');
    return fallback(settings);
  }
}

/**
 * An entry left by an earlier run or a dead instance: runs the handler again and delivers by the entry's fallback.
 *
 * @example
 * ```ts
 * import { Router, parseMessage } from 'wxmp';
 * import { inbound } from 'wxmp/push';
 * import { resolveSettings } from '../settings.js';
 * const context = resolveSettings(new Router(), { token: 'AAAAA', slow: ['pull'] }).slowAnswers!;
 * const message = parseMessage(inbound.text({ from: 'oFan', to: 'gh_account' }, 'sleep 20', '42'));
 * await recover(context, { key: 'msg:42', message, outcome: 'pull', at: Date.now() });
 * ```
 */
export async function recover(context: SlowContext, entry: JournalEntry): Promise<void> {
  const { settings } = context;
  settings.logger.info(
    { key: entry.key, fallback: entry.outcome },
    'journal: finishing an acknowledged push',
  );
  const ctx = new HandlerContext(entry.message, 'plain', settings.logger);
  settings.observer.onHandlerRun();
  const job = (async () => {
    const stopRunning = settings.journal?.running(entry.key);
    try {
      let reply: Reply;
      try {
        reply = toReply(await settings.middleware(ctx, END_OF_CHAIN));
      } catch (err) {
        settings.logger.error({ err, key: entry.key }, 'handler failed on recovery');
        reply = SUCCESS;
      }
      await settings.answers.putAnswer(entry.key, reply, ANSWER_TTL_MS).catch(() => undefined);
      await deliver(context, entry.key, entry.message, entry.outcome, reply);
    } finally {
      stopRunning?.();
    }
  })();
  context.track(job);
  await job;
}
