/**
 * Subscription notifications (订阅通知), the successor of template messages; users consent through the
 * `subscribe_msg_*` events.
 * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_sendnewsubscribemsg.html
 * @module
 */
import type { SubscribeSendRequest } from '../types/template.js';
import type { ResourceContext } from './context.js';

/**
 * The subscription-notification group of the client.
 *
 * @example
 * ```ts
 * await client.subscribe.send({ touser: 'O', template_id: 'T', data: { thing1: { value: 'x' } } }); // this group
 * ```
 */
export function createSubscribeApi({ call }: ResourceContext) {
  return {
    /**
     * Sends one notification the user agreed to (POST /cgi-bin/message/subscribe/bizsend).
     * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_sendnewsubscribemsg.html
     */
    send(request: SubscribeSendRequest) {
      return call('subscribe.send', request);
    },
  };
}

/**
 * The type of `client.subscribe`.
 */
export type SubscribeApi = ReturnType<typeof createSubscribeApi>;
