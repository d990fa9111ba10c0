/**
 * WeChat's side of a slow push: each attempt waits for the answer in the answer store until its own deadline. With
 * `stretch` the first two attempts are held until WeChat has surely cut them (and sent the next), the last one until
 * the reply budget; without it every attempt is the last. An attempt that sees the answer replies with it; the last
 * one without it acknowledges the push by the fallback.
 * @module
 */
import type { Message } from '../../messages/types.js';
import type { Reply } from '../../replies/types.js';
import { firstPart } from './answer-parts.js';
import type { Outcome } from './answer-store.js';
import { showTyping } from './customer-service.js';
import { fallback } from './fallback.js';
import { journalAdd, journalDone } from './journaling.js';
import { ANSWER_TTL_MS, SUCCESS, type SlowContext } from './slow-context.js';
import type { Ticket } from './ticket.js';

/** A held attempt lets go this long after WeChat's cut: by then WeChat has sent the next attempt. */
const HOLD_PAST_CUT_MS = 500;
/**
 * An attempt this close to two cuts after the first is the last (a fifth of the cut: 1 s of WeChat's 5), room for
 * the clocks of several instances.
 */
const LAST_ATTEMPT_SLACK = 0.2;

/**
 * What one attempt that arrived at `arrivedAt` answers, waiting on `ticket`.
 *
 * @example
 * ```ts
 * import { Router, parseMessage } from 'wxmp';
 * import { inbound } from 'wxmp/push';
 * import { resolveSettings } from '../settings.js';
 * const context = resolveSettings(new Router(), { token: 'AAAAA', slow: ['stretch', 'pull'] }).slowAnswers!;
 * const message = parseMessage(inbound.text({ from: 'oFan', to: 'gh_account' }, 'hi', '42'));
 * const ticket = { slowTicket: true, key: 'msg:42', firstSeenMs: Date.now() } as const;
 * await hold(context, ticket, Date.now(), message); // the answer, or success once WeChat has cut the attempt
 * ```
 */
export async function hold(
  context: SlowContext,
  ticket: Ticket,
  arrivedAt: number,
  message: Message,
): Promise<Reply> {
  const { settings, draining } = context;
  const cutMs = settings.wechatTimeoutMs;
  const stretch = settings.slow.includes('stretch') && settings.dedup !== undefined;
  const last = !stretch || arrivedAt - ticket.firstSeenMs >= (2 - LAST_ATTEMPT_SLACK) * cutMs;
  const deadline = last ? arrivedAt + settings.replyBudgetMs : arrivedAt + cutMs + HOLD_PAST_CUT_MS;
  // On shutdown an attempt stops holding: it waits for the answer until its budget, then acknowledges.
  const stop = new AbortController();
  let stopTimer: ReturnType<typeof setTimeout> | undefined;
  const onDrain = () => {
    stopTimer = setTimeout(
      () => stop.abort(),
      Math.max(0, arrivedAt + settings.replyBudgetMs - settings.now()),
    );
  };
  if (draining.aborted) onDrain();
  else draining.addEventListener('abort', onDrain, { once: true });
  let answer: Reply | undefined;
  try {
    answer = await settings.answers.awaitAnswer(ticket.key, deadline - settings.now(), stop.signal);
  } catch (err) {
    settings.logger.warn({ err, key: ticket.key }, 'answer store unreachable while an attempt waits');
  } finally {
    clearTimeout(stopTimer);
    draining.removeEventListener('abort', onDrain);
  }
  if (answer !== undefined) {
    // An earlier attempt may have been acknowledged with a fallback (its `success` reached WeChat after the cut):
    // then the fallback delivers, and this attempt must not answer too (the cluster proof saw 52 of 2,000).
    const outcome = await settings.answers
      .settle(ticket.key, 'passive', ANSWER_TTL_MS)
      .catch((): Outcome => 'passive');
    return outcome === 'passive' ? firstPart(settings, answer) : SUCCESS;
  }
  // A held attempt WeChat has cut: whatever it answers is not read.
  if (!last && !draining.aborted) return SUCCESS;
  return acknowledge(context, ticket.key, message);
}

/** The last attempt without the answer: journal the push, settle its fallback, and answer what the fallback says. */
async function acknowledge(context: SlowContext, key: string, message: Message): Promise<Reply> {
  const { settings } = context;
  const chosen = fallback(settings);
  await journalAdd(settings, { key, message, outcome: chosen, at: settings.now() });
  let outcome: Outcome;
  try {
    outcome = await settings.answers.settle(key, chosen, ANSWER_TTL_MS);
  } catch (err) {
    settings.logger.warn({ err, key }, 'answer store unreachable; the fallback is used');
    outcome = chosen;
  }
  if (outcome === 'passive') {
    // The answer came in between: it is the reply after all.
    await journalDone(settings, key);
    const answer = await settings.answers.awaitAnswer(key, 0).catch(() => undefined);
    return answer === undefined ? SUCCESS : firstPart(settings, answer);
  }
  settings.logger.info({ key, fallback: outcome }, 'slow handler: push acknowledged, the answer follows');
  const openid = message.fromUserName;
  if (outcome === 'pull') {
    await settings.answers.expectForFan(openid, key, settings.pull.ttlMs).catch(() => undefined);
    return { type: 'text', content: settings.pull.text };
  }
  if (outcome === 'customer-service') void showTyping(context, openid, key);
  return SUCCESS;
}
