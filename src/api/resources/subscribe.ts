/**
 * Subscription notifications (订阅通知), the successor of template messages: the categories and public templates
 * to pick from, the account's own templates, the send (the fan consents first, through a popup in an article or a
 * web page; WeChat reports it with the `subscribe_msg_*` events), and the one-time subscription message with its
 * consent page.
 * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_sendnewsubscribemsg.html
 * @module
 */
import { WeChatError } from '../../errors.js';
import type {
  AddSubscribeTemplateRequest,
  OneTimeSubscribeRequest,
  PubTemplateTitlesRequest,
} from '../types/subscribe.js';
import type { SubscribeSendRequest } from '../types/template.js';
import { requireAppId, type ResourceContext } from './context.js';
import { buildSubscribeConsentUrl, type SubscribeConsentOptions } from './subscribe-consent.js';

/**
 * The subscription-notification group of the client.
 *
 * @example
 * ```ts
 * const [template] = (await client.subscribe.listTemplates()).data;
 * if (template) await client.subscribe.send({ touser: 'OPENID', template_id: template.priTmplId, data: { thing1: { value: '已发货' } } });
 * ```
 */
export function createSubscribeApi({ call, appId, mpOrigin }: ResourceContext) {
  return {
    /**
     * Sends one notification the fan agreed to (POST /cgi-bin/message/subscribe/bizsend); 43101 without consent.
     * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_sendnewsubscribemsg.html
     */
    send(request: SubscribeSendRequest) {
      return call('subscribe.send', request);
    },
    /**
     * The account's categories, to look up public templates with (GET /wxaapi/newtmpl/getcategory).
     * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_getcategory.html
     */
    getCategory() {
      return call('subscribe.getCategory');
    },
    /**
     * A page of the public templates of some categories (GET /wxaapi/newtmpl/getpubtemplatetitles); `limit` ≤ 30.
     * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_getpubnewtemplatetitles.html
     */
    getPubTemplateTitles(request: PubTemplateTitlesRequest) {
      return call('subscribe.getPubTemplateTitles', request);
    },
    /**
     * The keywords of a public template, to pick with `addTemplate` (GET /wxaapi/newtmpl/getpubtemplatekeywords).
     * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_getpubnewtemplatekeywords.html
     */
    getPubTemplateKeywords(tid: string) {
      return call('subscribe.getPubTemplateKeywords', { tid });
    },
    /**
     * Adds a public template to the account with 2–5 of its keywords (POST /wxaapi/newtmpl/addtemplate).
     * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_addwxanewtemplate.html
     */
    async addTemplate(request: AddSubscribeTemplateRequest) {
      if (request.kidList.length < 2 || request.kidList.length > 5)
        throw new WeChatError(
          'REQUEST_INVALID',
          `A template takes 2 to 5 keywords (got ${request.kidList.length})`,
          {
            hint: 'Pick the keywords from getPubTemplateKeywords (WeChat answers 200020 otherwise)',
          },
        );
      return call('subscribe.addTemplate', request);
    },
    /**
     * The account's templates (GET /wxaapi/newtmpl/gettemplate).
     * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_getwxapubnewtemplate.html
     */
    listTemplates() {
      return call('subscribe.listTemplates');
    },
    /**
     * Deletes one of the account's templates (POST /wxaapi/newtmpl/deltemplate).
     * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_delwxanewtemplate.html
     */
    deleteTemplate(priTmplId: string) {
      return call('subscribe.deleteTemplate', { priTmplId });
    },
    /**
     * Sends the one message a fan allowed on the consent page, with its `template_id` and `scene`
     * (POST /cgi-bin/message/template/subscribe); a second one needs a new consent.
     * @see https://developers.weixin.qq.com/doc/service/api/notify/subscribe/api_templatesubscribe.html
     */
    sendOneTime(request: OneTimeSubscribeRequest) {
      return call('subscribe.sendOneTime', request);
    },
    /**
     * Helper (not an endpoint): the one-time subscription consent URL for this client's AppID (see
     * {@link buildSubscribeConsentUrl}).
     * @see https://developers.weixin.qq.com/doc/service/api/notify/subscribe/api_templatesubscribe.html
     */
    consentUrl(options: Omit<SubscribeConsentOptions, 'appId' | 'origin'>): string {
      return buildSubscribeConsentUrl({
        ...options,
        appId: requireAppId(appId, 'The consent URL'),
        origin: mpOrigin,
      });
    },
  };
}

/**
 * The type of `client.subscribe`.
 */
export type SubscribeApi = ReturnType<typeof createSubscribeApi>;
