/**
 * The `pull` strategy: an answer kept for the fan is the passive reply to their next message (text, media, a menu
 * click), which is then not handled; a message sent while the answer is worked on waits for it within the budget.
 * Kept in memory only, the journal entry of an answer stays until the fan has pulled it all.
 * @module
 */
import type { Message } from '../../messages/types.js';
import type { Reply } from '../../replies/types.js';
import { journalDone } from './journaling.js';
import type { SlowContext } from './slow-context.js';

/** A fan's next message waits for a kept answer being worked on, polling this often, within the reply budget. */
const PULL_POLL_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Message types a fan sends by hand (and menu taps): what a kept answer can be the passive reply to.
 *
 * @example
 * ```ts
 * import { parseMessage } from 'wxmp';
 * import { inbound } from 'wxmp/push';
 * pullable(parseMessage(inbound.text({ from: 'oFan', to: 'gh_account' }, 'hi'))); // true
 * ```
 */
export function pullable(message: Message): boolean {
  if (message.type !== 'event') return true;
  return message.event === 'CLICK' || message.event === 'subscribe' || message.event === 'SCAN';
}

/**
 * The reply a fan's message pulls: the next kept part, or the pull text again when the answer is still worked on
 * past the budget (counted from the attempt's arrival, `arrivedAt`); `undefined` when nothing is kept or expected
 * (or the store is unreachable): the message is new.
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * import { resolveSettings } from '../settings.js';
 * const context = resolveSettings(new Router(), { token: 'AAAAA', slow: ['pull'] }).slowAnswers!;
 * await takeKept(context, 'oFan', Date.now()); // undefined: nothing kept for this fan
 * ```
 */
export async function takeKept(
  context: SlowContext,
  openid: string,
  arrivedAt: number,
): Promise<Reply | undefined> {
  const { settings } = context;
  const deadline = arrivedAt + settings.replyBudgetMs;
  for (;;) {
    let taken: Awaited<ReturnType<typeof settings.answers.takeForFan>>;
    try {
      taken = await settings.answers.takeForFan(openid);
    } catch (err) {
      settings.logger.warn({ err }, 'answer store unreachable; the message is handled as new');
      return undefined;
    }
    if (taken === undefined) return undefined;
    if ('reply' in taken) {
      settings.observer.onAnswer('pulled');
      settings.logger.info({ more: taken.more }, 'kept answer pulled by the fan');
      if (!taken.more) pulled(context, openid);
      return taken.reply;
    }
    // An answer is still being worked on for this fan: wait for it within the budget, else say so again.
    if (settings.now() + PULL_POLL_MS >= deadline) return { type: 'text', content: settings.pull.text };
    await sleep(PULL_POLL_MS);
  }
}

/**
 * Keeps parts for the fan to pull one by one; an unreachable store is logged and thrown.
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * import { resolveSettings } from '../settings.js';
 * const context = resolveSettings(new Router(), { token: 'AAAAA', slow: ['pull'] }).slowAnswers!;
 * await keepParts(context, 'oFan', 'msg:42', [{ type: 'text', content: 'the answer' }]);
 * ```
 */
export async function keepParts(
  context: SlowContext,
  openid: string,
  key: string,
  parts: Reply[],
): Promise<void> {
  const { settings } = context;
  try {
    await settings.answers.keepForFan(openid, parts, settings.pull.ttlMs);
    settings.logger.info({ key, parts: parts.length }, 'answer kept for the fan to pull');
  } catch (err) {
    settings.logger.error({ err, key }, 'answer store unreachable; the answer could not be kept');
    throw err;
  }
}

/**
 * Whether the journal entry of a kept answer waits for the fan to pull it: when the store keeps it in memory only,
 * a restart in between answers again rather than losing it. Then the key is remembered until {@link pulled}.
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * import { resolveSettings } from '../settings.js';
 * const context = resolveSettings(new Router(), { token: 'AAAAA', slow: ['pull'] }).slowAnswers!;
 * awaitPull(context, 'oFan', 'msg:42'); // true: the memory store is not durable
 * ```
 */
export function awaitPull(context: SlowContext, openid: string, key: string): boolean {
  if (context.settings.answers.durable === true) return false;
  const keys = context.awaitingPull.get(openid) ?? [];
  context.awaitingPull.set(openid, [...keys, key]);
  return true;
}

/** The fan pulled the last kept part: the journal entries of those answers are finished. */
function pulled(context: SlowContext, openid: string): void {
  const keys = context.awaitingPull.get(openid);
  if (keys === undefined) return;
  context.awaitingPull.delete(openid);
  for (const key of keys) context.track(journalDone(context.settings, key));
}
