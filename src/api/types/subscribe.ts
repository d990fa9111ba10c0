/**
 * Subscription notifications (订阅通知, `/wxaapi/newtmpl/*`): the categories and public templates to pick from, the
 * account's own templates, and the one-time subscription message (一次性订阅消息) with its consent page.
 * @see https://developers.weixin.qq.com/doc/service/api/notify/notify/api_getcategory.html
 * @module
 */
import type { BaseResponse, Io } from './common.js';
import type { SubscribeSendRequest } from './template.js';

/**
 * A category of the account (查询公共模板时用).
 *
 * @example
 * ```ts
 * const ids = (await client.subscribe.getCategory()).data.map((c: SubscribeCategory) => c.id);
 * ```
 */
export interface SubscribeCategory {
  id: number;
  name: string;
}

/**
 * The query of getpubtemplatetitles: category ids joined by commas, and a page (`limit` at most 30).
 *
 * @example
 * ```ts
 * const { data } = await client.subscribe.getPubTemplateTitles({ ids: '616', start: 0, limit: 30 });
 * ```
 */
export interface PubTemplateTitlesRequest {
  ids: string;
  start: number;
  limit: number;
}

/**
 * A public template title; `type` 2 one-time, 3 long-term subscription.
 *
 * @example
 * ```ts
 * const longTerm = (await client.subscribe.getPubTemplateTitles({ ids: '616', start: 0, limit: 30 })).data.filter((t) => t.type === 3);
 * ```
 */
export interface PubTemplateTitle {
  tid: number;
  title: string;
  type: 2 | 3;
  categoryId: string;
}

/**
 * A keyword of a public template: `kid` picks it in `addTemplate`; `rule` is its value type (`thing`, `time`…).
 *
 * @example
 * ```ts
 * const kids = (await client.subscribe.getPubTemplateKeywords('99')).data.map((k: PubTemplateKeyword) => k.kid);
 * ```
 */
export interface PubTemplateKeyword {
  kid: number;
  name: string;
  example: string;
  rule: string;
}

/**
 * The body of addtemplate: a public template and 2–5 of its keywords in the order to show them.
 *
 * @example
 * ```ts
 * const { priTmplId } = await client.subscribe.addTemplate({ tid: '99', kidList: [1, 2], sceneDesc: '订单通知' });
 * ```
 */
export interface AddSubscribeTemplateRequest {
  tid: string;
  kidList: number[];
  /** What the notification is for, at most 15 characters. */
  sceneDesc?: string;
}

/**
 * A template of the account (`priTmplId` is the `template_id` of `subscribe.send`).
 *
 * @example
 * ```ts
 * const ids = (await client.subscribe.listTemplates()).data.map((t: SubscribeTemplate) => t.priTmplId);
 * ```
 */
export interface SubscribeTemplate {
  priTmplId: string;
  title: string;
  /** `thing1:{{thing1.DATA}}\n…` */
  content: string;
  example: string;
  type: 2 | 3;
}

/**
 * The body of message/template/subscribe: one message to a fan who just consented on the subscribemsg page, with
 * the same `template_id` and `scene`; `data.content` is the text (at most 200 characters), `title` at most 15.
 *
 * @example
 * ```ts
 * await client.subscribe.sendOneTime({ touser: 'OPENID', template_id: 'TPL', scene: '1000', title: '到货', data: { content: { value: '您的包裹已到' } } });
 * ```
 */
export interface OneTimeSubscribeRequest {
  touser: string;
  template_id: string;
  /** 0–10000, as in the consent URL. */
  scene: string;
  title: string;
  url?: string;
  miniprogram?: { appid: string; pagepath: string };
  data: { content: { value: string; color?: string } };
}

/**
 * Request and response of every subscription-notification endpoint, by table name.
 */
export interface SubscribeEndpoints {
  'subscribe.send': Io<SubscribeSendRequest, BaseResponse>;
  'subscribe.getCategory': Io<undefined, BaseResponse & { data: SubscribeCategory[] }>;
  'subscribe.getPubTemplateTitles': Io<
    PubTemplateTitlesRequest,
    BaseResponse & { count: number; data: PubTemplateTitle[] }
  >;
  'subscribe.getPubTemplateKeywords': Io<
    { tid: string },
    BaseResponse & { count: number; data: PubTemplateKeyword[] }
  >;
  'subscribe.addTemplate': Io<AddSubscribeTemplateRequest, BaseResponse & { priTmplId: string }>;
  'subscribe.listTemplates': Io<undefined, BaseResponse & { data: SubscribeTemplate[] }>;
  'subscribe.deleteTemplate': Io<{ priTmplId: string }, BaseResponse>;
  'subscribe.sendOneTime': Io<OneTimeSubscribeRequest, BaseResponse>;
}
