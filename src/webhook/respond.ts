/**
 * The last step of the webhook: the reply as the HTTP answer. Rendered as XML addressed back to the fan, and sealed
 * into the signed envelope when the push came encrypted; `success` and the empty body are sent as they are.
 * @module
 */
import { sealEnvelope } from '../crypto/envelope.js';
import { dedupKey } from '../messages/parse.js';
import { renderReply } from '../replies/render.js';
import type { Reply } from '../replies/types.js';
import { textResponse, xmlResponse, type PushQuery, type WebhookResponse } from './http.js';
import type { Inbound } from './receive.js';
import type { WebhookSettings } from './settings.js';

/**
 * The answer to a push. A reply WeChat would reject (a broken rule, say three news articles to a message) is
 * logged and answered `success`, so the fan sees nothing rather than WeChat's error notice.
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
 * respondWith(settings, { type: 'text', content: 'hello' }, push, queryOf('/wx')).body; // '<xml><ToUserName>…'
 * ```
 */
export function respondWith(
  settings: WebhookSettings,
  reply: Reply,
  inbound: Inbound,
  query: PushQuery,
): WebhookResponse {
  const { message } = inbound;
  let body: string;
  try {
    body = renderReply(reply, {
      toUserName: message.fromUserName,
      fromUserName: message.toUserName,
      createTime: Math.floor(settings.now() / 1000),
      answersUserMessage: message.type !== 'event',
    });
  } catch (err) {
    settings.logger.error({ err, key: dedupKey(message) }, 'reply could not be rendered; answered success');
    return textResponse(200, 'success');
  }
  if (reply.type === 'success' || reply.type === 'empty') return textResponse(200, body);
  const crypto = settings.crypto;
  if (inbound.keyIndex === undefined || !crypto) return xmlResponse(body);
  return xmlResponse(
    sealEnvelope(body, {
      crypto,
      token: settings.token,
      timestamp: String(Math.floor(settings.now() / 1000)),
      nonce: query.nonce ?? '',
      keyIndex: inbound.keyIndex,
    }),
  );
}
