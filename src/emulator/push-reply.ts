/**
 * What WeChat does with the webhook's answer to a push: checks it as WeChat checks it (`checkReply`, then that the
 * media it names exists), and turns a valid reply into what the fan's chat shows — or, for a bad one, the service
 * notice the fan sees instead.
 * @module
 */
import { refusalCause } from './refusal-cause.js';
import { checkReply, type PushKeys } from '../push/request.js';
import type { MessageCrypto } from '../crypto/message-crypto.js';
import type { Reply } from '../replies/types.js';
import type { ChatContent, ChatVia } from './chat-entry.js';
import { isLive, mediaPath } from './platform/core/media-store.js';
import type { EmulatorState } from './state.js';
import type { PushRecord } from './world.js';

/** What the fan sees when the push fails or the answer is invalid: WeChat's own wording. */
export const SERVICE_UNAVAILABLE_NOTICE = '该公众号暂时无法提供服务，请稍后再试';

/** A chat entry the push shows the fan: its content and how it arrived. */
export type ShownEntry = ChatContent & { via: ChatVia };

/**
 * A media_id in a reply must be uploaded first, and temporary media must not have expired (WeChat shows the service
 * notice otherwise, as its API answers 40007).
 */
function missingMedia(state: EmulatorState, reply: Reply): string | undefined {
  const ids =
    reply.type === 'image' || reply.type === 'voice' || reply.type === 'video'
      ? [reply.mediaId]
      : reply.type === 'music'
        ? [reply.thumbMediaId]
        : [];
  for (const id of ids) {
    const media = state.media.get(id);
    if (media === undefined)
      return `media_id "${id}" is not uploaded (upload it with /cgi-bin/media/upload or add_material first)`;
    if (!isLive(state, media))
      return `media_id "${id}" has expired (temporary media last 3 days: upload it again, or use add_material)`;
  }
  return undefined;
}

/**
 * A valid passive reply as the fan's chat shows it; undefined for `success` and the empty answer.
 *
 * @example
 * ```ts
 * replyContent({ type: 'text', content: 'hi' }); // { via: 'reply', msgType: 'text', payload: { content: 'hi' } }
 * ```
 */
export function replyContent(reply: Reply): ShownEntry | undefined {
  switch (reply.type) {
    case 'success':
    case 'empty':
      return undefined;
    case 'text':
      return { via: 'reply', msgType: 'text', payload: { content: reply.content } };
    case 'image':
    case 'voice':
      return {
        via: 'reply',
        msgType: reply.type,
        payload: { mediaId: reply.mediaId, url: mediaPath(reply.mediaId) },
      };
    case 'video': {
      const { type: _type, ...video } = reply;
      return { via: 'reply', msgType: 'video', payload: { ...video, url: mediaPath(reply.mediaId) } };
    }
    case 'music': {
      const { type: _type, ...music } = reply;
      return {
        via: 'reply',
        msgType: 'music',
        payload: { ...music, thumbUrl: mediaPath(reply.thumbMediaId) },
      };
    }
    case 'news':
      return { via: 'reply', msgType: 'news', payload: { articles: reply.articles } };
    case 'transfer_customer_service': {
      const content = `消息已转给客服${reply.kfAccount ? ` ${reply.kfAccount}` : ''} (transfer_customer_service)`;
      return { via: 'system', msgType: 'transfer_customer_service', payload: { content } };
    }
  }
}

/**
 * The service notice in the fan's chat, linked to the push record where the reason is.
 *
 * @example
 * ```ts
 * import { createPusher } from './push.js';
 * const { record } = await createPusher(state)('oFan1', '<xml>…</xml>', 'text');
 * serviceNotice(record.id); // { via: 'system', msgType: 'system', payload: { content: '该公众号…', pushId } }
 * ```
 */
export function serviceNotice(pushId: string): ShownEntry {
  return { via: 'system', msgType: 'system', payload: { content: SERVICE_UNAVAILABLE_NOTICE, pushId } };
}

/**
 * Judges the last attempt's answer as WeChat does: sets the record's verdict (and decrypted reply XML) and returns
 * what the fan sees — the reply, nothing, or the service notice.
 *
 * @example
 * ```ts
 * import { createPusher } from './push.js';
 * const { record } = await createPusher(state)('oFan1', '<xml>…</xml>', 'text');
 * const keys = { token: 'wxmpdev', mode: 'plain' } as const;
 * const shown = judgeAnswer(state, record, { keys, crypto: undefined, answersUserMessage: true });
 * ```
 */
export function judgeAnswer(
  state: EmulatorState,
  record: PushRecord,
  context: { keys: PushKeys; crypto: MessageCrypto | undefined; answersUserMessage: boolean },
): ShownEntry | undefined {
  const last = record.attempts.at(-1);
  const verdict = checkReply(last?.status ?? 0, last?.body ?? '', {
    ...context,
    fan: record.openid,
    account: state.account.ghId,
  });
  if (verdict.xml !== undefined) record.replyXml = verdict.xml;
  const reason = verdict.ok ? missingMedia(state, verdict.reply) : verdict.reason;
  if (verdict.ok && reason === undefined) {
    record.verdict = { ok: true };
    return replyContent(verdict.reply);
  }
  // A refusal says why when the server's answer shows it (a Token that differs, say): see refusal-cause.ts.
  const cause = verdict.ok ? undefined : refusalCause(last?.status ?? 0, last?.body ?? '');
  record.verdict = { ok: false, reason: cause ? `${reason ?? ''}: ${cause}` : (reason ?? '') };
  return serviceNotice(record.id);
}
