/**
 * Delivering replies that missed WeChat's 5-second window through the customer-service API, the way WeChat's docs
 * recommend: the webhook has already answered `success`, so the fan gets the reply as a customer-service message.
 * @module
 */
import type { WeChatClient } from '../api/client.js';
import type { CustomMessage } from '../api/types/message.js';
import { silentLogger, type Logger } from '../logger.js';
import type { Message } from '../messages/types.js';
import type { Reply } from '../replies/types.js';

/**
 * The customer-service messages that carry a passive reply: one per news article (customer-service news holds a
 * single article), none for acknowledgements, hand-overs and videos (customer-service video needs a thumbnail
 * the passive reply does not have).
 *
 * @example
 * ```ts
 * customerServiceMessages('oFan', { type: 'text', content: 'hi' }); // [{ touser: 'oFan', msgtype: 'text', text: { content: 'hi' } }]
 * ```
 */
export function customerServiceMessages(openid: string, reply: Reply): CustomMessage[] {
  switch (reply.type) {
    case 'text':
      return [{ touser: openid, msgtype: 'text', text: { content: reply.content } }];
    case 'image':
      return [{ touser: openid, msgtype: 'image', image: { media_id: reply.mediaId } }];
    case 'voice':
      return [{ touser: openid, msgtype: 'voice', voice: { media_id: reply.mediaId } }];
    case 'music':
      return [
        {
          touser: openid,
          msgtype: 'music',
          music: {
            ...(reply.title === undefined ? {} : { title: reply.title }),
            ...(reply.description === undefined ? {} : { description: reply.description }),
            musicurl: reply.musicUrl ?? '',
            hqmusicurl: reply.hqMusicUrl ?? reply.musicUrl ?? '',
            thumb_media_id: reply.thumbMediaId,
          },
        },
      ];
    case 'news':
      return reply.articles.map((a) => ({
        touser: openid,
        msgtype: 'news' as const,
        news: {
          articles: [
            {
              title: a.title,
              url: a.url ?? '',
              ...(a.description === undefined ? {} : { description: a.description }),
              ...(a.picUrl === undefined ? {} : { picurl: a.picUrl }),
            },
          ],
        },
      }));
    case 'video':
    case 'transfer_customer_service':
    case 'success':
    case 'empty':
      return [];
  }
}

/**
 * A `lateReply` for `createWebhook` that sends late replies with the customer-service API.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * createWebhook(bot, { token: 'AAAAA', lateReply: lateReplyViaCustomerService(client, logger) });
 * ```
 */
export function lateReplyViaCustomerService(
  client: Pick<WeChatClient, 'customService'>,
  logger: Logger = silentLogger,
): (message: Message, reply: Reply) => Promise<void> {
  return async (message, reply) => {
    const messages = customerServiceMessages(message.fromUserName, reply);
    if (messages.length === 0) {
      logger.warn({ type: reply.type }, 'late reply not deliverable through the customer-service API');
      return;
    }
    for (const m of messages) await client.customService.send(m);
    logger.info(
      { type: reply.type, count: messages.length },
      'late reply delivered as customer-service message',
    );
  };
}

/**
 * A `typing` for `createWebhook`: "对方正在输入…" for the fan (customer service's `Typing` command) while a late
 * answer is worked on.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * createWebhook(bot, {
 *   token: 'AAAAA',
 *   lateReply: lateReplyViaCustomerService(client, logger),
 *   typing: typingViaCustomerService(client),
 * });
 * ```
 */
export function typingViaCustomerService(
  client: Pick<WeChatClient, 'customService'>,
): (openid: string) => Promise<void> {
  return async (openid) => {
    await client.customService.typing(openid, true);
  };
}
