/**
 * An answer too long for one text reply, in parts (see `split-text.ts`): the first is the reply, the rest follows
 * by customer service or one part per next message; at most {@link MAX_PARTS} follow.
 * @module
 */
import type { Reply } from '../../replies/types.js';
import type { WebhookSettings } from '../settings.js';
import { restVia } from './fallback.js';
import { MAX_TEXT_REPLY_BYTES, replyParts, splitText } from './split-text.js';

/**
 * The most parts one answer is delivered in after its first (15 × 2047 bytes, about 10 000 Chinese characters): a
 * bound on what a fan's messages can make the webhook keep. Past it the last part says the rest was left out.
 */
const MAX_PARTS = 15;
const CUT_NOTICE = '\n（内容过长，其余部分未发送）';

/**
 * The parts of an answer, each ending with `pull.moreText` but the last when the rest is pulled.
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * import { resolveSettings } from '../settings.js';
 * const settings = resolveSettings(new Router(), { token: 'AAAAA', slow: ['pull'] });
 * answerParts(settings, { type: 'text', content: 'hi' }); // [{ type: 'text', content: 'hi' }]
 * ```
 */
export function answerParts(settings: WebhookSettings, reply: Reply): Reply[] {
  return replyParts(reply, restVia(settings) === 'pull' ? settings.pull.moreText : '');
}

/**
 * The passive reply for an answer: itself, or its first part when it is too long (the rest follows).
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * import { resolveSettings } from '../settings.js';
 * const settings = resolveSettings(new Router(), { token: 'AAAAA', slow: ['pull'] });
 * firstPart(settings, { type: 'text', content: '长'.repeat(1000) }).type; // 'text', 2047 bytes at most
 * ```
 */
export function firstPart(settings: WebhookSettings, reply: Reply): Reply {
  return answerParts(settings, reply)[0]!;
}

/**
 * The first {@link MAX_PARTS} parts; the last of them, cut short, says that the rest was left out.
 *
 * @example
 * ```ts
 * capParts([{ type: 'text', content: 'hi' }]); // [{ type: 'text', content: 'hi' }]
 * ```
 */
export function capParts(parts: Reply[]): Reply[] {
  if (parts.length <= MAX_PARTS) return parts;
  const kept = parts.slice(0, MAX_PARTS);
  const last = kept[MAX_PARTS - 1]!;
  if (last.type === 'text') {
    const room = MAX_TEXT_REPLY_BYTES - Buffer.byteLength(CUT_NOTICE);
    kept[MAX_PARTS - 1] = { type: 'text', content: splitText(last.content, room)[0]! + CUT_NOTICE };
  }
  return kept;
}
