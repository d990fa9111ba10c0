/**
 * Customer-service messages (客服消息): messages sent to a user inside the customer-service window, and the
 * "typing" indicator.
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 * @module
 */
import type { CustomMessage } from '../types/message.js';
import type { ResourceContext } from './context.js';

/**
 * The customer-service group of the client.
 *
 * @example
 * ```ts
 * await createCustomServiceApi(context).send({ touser: 'OPENID', msgtype: 'image', image: { media_id: 'M' } });
 * ```
 */
export function createCustomServiceApi({ call }: ResourceContext) {
  return {
    /**
     * Sends any msgtype (POST /cgi-bin/message/custom/send). Outside the window WeChat answers 45015, past the
     * quota 45047; a send is never repeated after a timeout, since it may have gone out.
     * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
     */
    send(message: CustomMessage) {
      return call('customService.send', message);
    },
    /**
     * Sends a text message; `content` may hold `<a href>` links.
     * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
     */
    sendText(openid: string, content: string) {
      return call('customService.send', { touser: openid, msgtype: 'text', text: { content } });
    },
    /**
     * Shows (or hides) "typing…" to the user for up to ~15 s (POST /cgi-bin/message/custom/typing).
     * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
     */
    typing(openid: string, typing = true) {
      return call('customService.typing', { touser: openid, command: typing ? 'Typing' : 'CancelTyping' });
    },
  };
}

/**
 * The type of `client.customService`.
 *
 * @example
 * ```ts
 * const api: CustomServiceApi = client.customService;
 * ```
 */
export type CustomServiceApi = ReturnType<typeof createCustomServiceApi>;
