/**
 * JS-SDK: the `jsapi_ticket` and the parameters of `wx.config`, signed with the ticket.
 * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html
 * @module
 */
import { randomBytes } from 'node:crypto';
import { WeChatError } from '../../errors.js';
import { jssdkSignature } from '../../crypto/jssdk.js';
import type { ResourceContext } from './context.js';

/**
 * What a page passes to `wx.config` (camel-case `nonceStr`, unlike the signed string).
 */
export interface WxConfig {
  debug: boolean;
  appId: string;
  timestamp: number;
  nonceStr: string;
  signature: string;
  jsApiList: string[];
  openTagList: string[];
}

/**
 * Inputs of `client.jssdk.config`.
 */
export interface WxConfigOptions {
  /** The page URL exactly as the browser has it; the `#fragment` is removed before signing. */
  url: string;
  jsApiList: string[];
  openTagList?: string[];
  debug?: boolean;
}

/**
 * The JS-SDK group of the client.
 *
 * @example
 * ```ts
 * const config = await client.jssdk.config({ url: 'https://example.com/p?a=1#x', jsApiList: [] }); // this group
 * ```
 */
export function createJssdkApi({ call, appId, ticketProvider, now }: ResourceContext) {
  return {
    /**
     * Fetches a ticket (GET /cgi-bin/ticket/getticket). The quota is small: cache it (`createTicketManager` of
     * the token module does), and pass that cache to the client as `ticketProvider`.
     * @see https://developers.weixin.qq.com/doc/service/api/webdev/jssdk/api_getticket.html
     */
    getTicket(type: 'jsapi' | 'wx_card' = 'jsapi') {
      return call('jssdk.getTicket', { type });
    },
    /**
     * Helper (not an endpoint): the signed `wx.config` parameters for a page, signed here with the ticket of
     * `ticketProvider` (appendix 1 of the JS-SDK doc).
     * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html
     */
    async config(options: WxConfigOptions): Promise<WxConfig> {
      if (!appId)
        throw new WeChatError('CONFIG_INVALID', 'wx.config needs the AppID: pass appId to createApiClient');
      if (!ticketProvider) {
        throw new WeChatError('CONFIG_INVALID', 'wx.config needs a jsapi_ticket source', {
          hint: "Pass ticketProvider to createApiClient, e.g. createTicketManager({ appId, tokens, type: 'jsapi' })",
        });
      }
      const ticket = await ticketProvider.getTicket();
      const timestamp = Math.floor(now() / 1000);
      const nonceStr = randomBytes(8).toString('hex');
      return {
        debug: options.debug ?? false,
        appId,
        timestamp,
        nonceStr,
        signature: jssdkSignature({ jsapi_ticket: ticket, noncestr: nonceStr, timestamp, url: options.url }),
        jsApiList: options.jsApiList,
        openTagList: options.openTagList ?? [],
      };
    },
  };
}

/**
 * The type of `client.jssdk`.
 */
export type JssdkApi = ReturnType<typeof createJssdkApi>;
