/**
 * Delivering an answer that was not the passive reply, by the fallback an attempt chose: customer service, kept for
 * the fan to pull, or nothing to give; the journal entry is finished once the answer is out (or kept durably).
 * @module
 */
import { dedupKey } from '../../messages/parse.js';
import type { Message } from '../../messages/types.js';
import type { Reply } from '../../replies/types.js';
import { capParts } from './answer-parts.js';
import type { Outcome } from './answer-store.js';
import { sendLate } from './customer-service.js';
import { journalDone } from './journaling.js';
import { awaitPull, keepParts } from './pull.js';
import { hasContent, type SlowContext } from './slow-context.js';
import { replyParts } from './split-text.js';

/**
 * Delivers the answer of push `key` by `outcome`, the fallback an attempt settled.
 *
 * @example
 * ```ts
 * import { Router, parseMessage } from 'wxmp';
 * import { inbound } from 'wxmp/push';
 * import { resolveSettings } from '../settings.js';
 * const context = resolveSettings(new Router(), { token: 'AAAAA', slow: ['pull'] }).slowAnswers!;
 * const message = parseMessage(inbound.text({ from: 'oFan', to: 'gh_account' }, 'hi', '42'));
 * await deliver(context, 'msg:42', message, 'pull', { type: 'text', content: 'the answer' }); // kept to pull
 * ```
 */
export async function deliver(
  context: SlowContext,
  key: string,
  message: Message,
  outcome: Outcome,
  reply: Reply,
): Promise<void> {
  const { settings } = context;
  if (hasContent(reply)) {
    const via = outcome === 'customer-service' ? 'customer-service' : outcome === 'pull' ? 'pull' : 'none';
    const parts = via === 'pull' ? replyParts(reply, settings.pull.moreText) : replyParts(reply, '');
    await deliverParts(context, message, parts, via);
    if (via === 'pull' && awaitPull(context, message.fromUserName, key)) return;
  } else if (outcome === 'pull') {
    // Nothing to give (the handler answered success or threw): the fan's next message is handled as new.
    await settings.answers.keepForFan(message.fromUserName, [], settings.pull.ttlMs).catch(() => undefined);
  }
  await journalDone(settings, key);
}

/**
 * Sends parts by customer service (kept for pulling if that fails and pull is on), or keeps them for the fan; at
 * most the parts {@link capParts} leaves.
 *
 * @example
 * ```ts
 * import { Router, parseMessage } from 'wxmp';
 * import { inbound } from 'wxmp/push';
 * import { resolveSettings } from '../settings.js';
 * const context = resolveSettings(new Router(), { token: 'AAAAA', slow: ['pull'] }).slowAnswers!;
 * const message = parseMessage(inbound.text({ from: 'oFan', to: 'gh_account' }, 'hi', '42'));
 * await deliverParts(context, message, [{ type: 'text', content: 'part 2' }], 'pull');
 * ```
 */
export async function deliverParts(
  context: SlowContext,
  message: Message,
  all: Reply[],
  via: Outcome,
): Promise<void> {
  const key = dedupKey(message);
  const parts = capParts(all);
  if (parts.length < all.length)
    context.settings.logger.warn(
      { key, parts: all.length, kept: parts.length },
      'answer too long; the rest was not kept',
    );
  let left = parts;
  if (via === 'customer-service' || via === 'none') {
    const unsent = await sendLate(context, message, key, parts);
    if (unsent === undefined) return;
    left = unsent;
  }
  await keepParts(context, message.fromUserName, key, left);
}
