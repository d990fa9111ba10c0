/**
 * The last step of the webhook: the reply as the HTTP answer. Rendered as XML addressed back to the fan (this is
 * what dedup remembers), then sealed into the signed envelope when the push came encrypted (afresh for each
 * attempt, with its own nonce); `success` and the empty body are sent as they are.
 * @module
 */
import { sealEnvelope } from '../crypto/envelope.js';
import type { Message } from '../messages/types.js';
import { dedupKey } from '../messages/parse.js';
import { renderReply } from '../replies/render.js';
import type { Reply } from '../replies/types.js';
import { textResponse, xmlResponse, type PushQuery, type WebhookResponse } from './http.js';
import type { Inbound } from './receive.js';
import type { WebhookSettings } from './settings.js';

/**
 * The reply rendered as WeChat reads it before any encryption: XML, `success`, or the empty string. A reply WeChat
 * would reject (a broken rule, say three news articles to a message) is logged and answered `success`, so the fan
 * sees nothing rather than WeChat's error notice.
 *
 * @example
 * ```ts
 * import { Router, parseMessage } from 'wxmp';
 * import { inbound } from 'wxmp/push';
 * import { resolveSettings } from './settings.js';
 * const settings = resolveSettings(new Router(), { token: 'AAAAA' });
 * const message = parseMessage(inbound.text({ from: 'oFan', to: 'gh_account' }, 'hi'));
 * renderAnswer(settings, { type: 'text', content: 'hello' }, message); // '<xml><ToUserName>…'
 * ```
 */
export function renderAnswer(settings: WebhookSettings, reply: Reply, message: Message): string {
  try {
    return renderReply(reply, {
      toUserName: message.fromUserName,
      fromUserName: message.toUserName,
      createTime: Math.floor(settings.now() / 1000),
      answersUserMessage: message.type !== 'event',
    });
  } catch (err) {
    settings.logger.error({ err, key: dedupKey(message) }, 'reply could not be rendered; answered success');
    return 'success';
  }
}

/**
 * The HTTP answer carrying a rendered answer: `success` and the empty body as text, XML as is, or sealed into the
 * signed envelope when the push came encrypted.
 *
 * @example
 * ```ts
 * import { Router, parseMessage } from 'wxmp';
 * import { queryOf } from './http.js';
 * import { inbound } from 'wxmp/push';
 * import { resolveSettings } from './settings.js';
 * const settings = resolveSettings(new Router(), { token: 'AAAAA' });
 * const message = parseMessage(inbound.text({ from: 'oFan', to: 'gh_account' }, 'hi'));
 * const push = { message, mode: 'plain', keyIndex: undefined } as const;
 * respondWith(settings, '<xml>…</xml>', push, queryOf('/wx')).body; // '<xml>…</xml>'
 * ```
 */
export function respondWith(
  settings: WebhookSettings,
  answer: string,
  inbound: Inbound,
  query: PushQuery,
): WebhookResponse {
  if (answer === 'success' || answer === '') return textResponse(200, answer);
  const crypto = settings.crypto;
  if (inbound.keyIndex === undefined || !crypto) return xmlResponse(answer);
  return xmlResponse(
    sealEnvelope(answer, {
      crypto,
      token: settings.token,
      timestamp: String(Math.floor(settings.now() / 1000)),
      nonce: query.nonce ?? '',
      keyIndex: inbound.keyIndex,
    }),
  );
}
