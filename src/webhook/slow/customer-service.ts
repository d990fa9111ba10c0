/**
 * The `customer-service` strategy: "对方正在输入…" while the answer is worked on, then the answer sent through
 * `lateReply` (a customer-service message); when sending fails and `pull` is listed too, the rest is kept to pull.
 * @module
 */
import type { Message } from '../../messages/types.js';
import type { Reply } from '../../replies/types.js';
import type { SlowContext } from './slow-context.js';
import { replyParts } from './split-text.js';

/** The typing indicator lasts about 15 s; it is renewed this often while the answer is worked on, at most 10 times. */
const TYPING_EVERY_MS = 12_000;
const TYPING_TIMES = 10;

/**
 * Shows the fan "typing" (through the `typing` option) until the answer of push `key` is ready.
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * import { resolveSettings } from '../settings.js';
 * const context = resolveSettings(new Router(), { token: 'AAAAA', lateReply: () => undefined }).slowAnswers!;
 * void showTyping(context, 'oFan', 'msg:42'); // nothing without the typing option
 * ```
 */
export async function showTyping(context: SlowContext, openid: string, key: string): Promise<void> {
  const { settings } = context;
  const typing = settings.typing;
  if (typing === undefined) return;
  for (let i = 0; i < TYPING_TIMES; i += 1) {
    try {
      await typing(openid);
    } catch (err) {
      settings.logger.warn({ err }, 'typing indicator not sent');
      return;
    }
    const ready = await settings.answers.awaitAnswer(key, TYPING_EVERY_MS).catch(() => undefined);
    if (ready !== undefined) return;
  }
}

/**
 * Sends parts one by one through `lateReply`. Returns the parts left for the fan to pull (when sending failed and
 * `pull` is listed), else `undefined`: all sent, or dropped with a warning (no `lateReply`, or no `pull`).
 *
 * @example
 * ```ts
 * import { Router, parseMessage } from 'wxmp';
 * import { inbound } from 'wxmp/push';
 * import { resolveSettings } from '../settings.js';
 * const context = resolveSettings(new Router(), { token: 'AAAAA', lateReply: () => undefined }).slowAnswers!;
 * const message = parseMessage(inbound.text({ from: 'oFan', to: 'gh_account' }, 'hi', '42'));
 * await sendLate(context, message, 'msg:42', [{ type: 'text', content: 'the answer' }]); // undefined: sent
 * ```
 */
export async function sendLate(
  context: SlowContext,
  message: Message,
  key: string,
  parts: Reply[],
): Promise<Reply[] | undefined> {
  const { settings } = context;
  const lateReply = settings.lateReply;
  if (lateReply === undefined) {
    // Never silent: stderr when the webhook has no logger.
    settings.lostReplyLogger.warn(
      { key },
      'late reply dropped: configure lateReply (or the pull strategy) to deliver it',
    );
    return undefined;
  }
  let left = parts;
  try {
    while (left.length > 0) {
      await lateReply(message, left[0]!);
      settings.observer.onAnswer('customer_service');
      left = left.slice(1);
    }
    return undefined;
  } catch (err) {
    settings.logger.error({ err, key }, 'lateReply failed');
    if (!settings.slow.includes('pull')) return undefined;
    // What is left, split again with the pull strategy's "more" notes.
    left = replyParts(
      { type: 'text', content: left.map((p) => (p.type === 'text' ? p.content : '')).join('') },
      settings.pull.moreText,
    ).filter((p) => p.type !== 'text' || p.content !== '');
    return left.length === 0 ? undefined : left;
  }
}
