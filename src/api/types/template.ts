/**
 * Template message and subscription-notification shapes (reference §9.5).
 * @module
 */
import type { BaseResponse, Id64 } from './common.js';

/**
 * Template fields: `{ keyword1: { value: '…' } }` (colours and `first`/`remark` are ignored by WeChat since 2023).
 *
 * @example
 * ```ts
 * const data: TemplateData = { thing1: { value: 'Order shipped' } };
 * ```
 */
export type TemplateData = Record<string, { value: string }>;

/**
 * The body of message/template/send; `miniprogram` wins over `url` when both are set.
 *
 * @example
 * ```ts
 * const req: TemplateSendRequest = { touser: 'OPENID', template_id: 'TPL', data: { thing1: { value: 'x' } } };
 * ```
 */
export interface TemplateSendRequest {
  touser: string;
  template_id: string;
  url?: string;
  miniprogram?: { appid: string; pagepath?: string };
  /** De-duplicates resends of the same message. */
  client_msg_id?: string;
  data: TemplateData;
}

/**
 * The answer of message/template/send; `msgid` comes back in TEMPLATESENDJOBFINISH.
 *
 * @example
 * ```ts
 * const { msgid } = await client.template.send(req);
 * ```
 */
export interface TemplateSendResponse extends BaseResponse {
  msgid: Id64;
}

/**
 * One template of the account.
 *
 * @example
 * ```ts
 * const ids = list.template_list.map((t: PrivateTemplate) => t.template_id);
 * ```
 */
export interface PrivateTemplate {
  template_id: string;
  title: string;
  primary_industry?: string;
  deputy_industry?: string;
  content: string;
  example?: string;
}

/**
 * The answer of template/get_all_private_template.
 *
 * @example
 * ```ts
 * const { template_list } = await client.template.list();
 * ```
 */
export interface TemplateListResponse extends BaseResponse {
  template_list: PrivateTemplate[];
}

/**
 * The body of template/del_private_template.
 *
 * @example
 * ```ts
 * const req: TemplateDeleteRequest = { template_id: 'TPL' };
 * ```
 */
export interface TemplateDeleteRequest {
  template_id: string;
}

/**
 * The body of message/subscribe/bizsend (subscription notifications, the successor of templates).
 *
 * @example
 * ```ts
 * const req: SubscribeSendRequest = { touser: 'OPENID', template_id: 'TPL', data: { thing1: { value: 'x' } } };
 * ```
 */
export interface SubscribeSendRequest {
  touser: string;
  template_id: string;
  page?: string;
  miniprogram?: { appid: string; pagepath: string };
  data: TemplateData;
}
