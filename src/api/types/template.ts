/**
 * Template message and subscription-notification shapes (reference §9.5).
 * @module
 */
import type { BaseResponse, Id64 } from './common.js';

/**
 * Template fields: `{ keyword1: { value: '…' } }` (colours and `first`/`remark` are ignored by WeChat since 2023).
 */
export type TemplateData = Record<string, { value: string }>;

/**
 * The body of message/template/send; `miniprogram` wins over `url` when both are set.
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
 * const data = { thing1: { value: 'Order shipped' } };
 * const { msgid } = await client.template.send({ touser: 'OPENID', template_id: 'TPL', data });
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
 * const list = await client.template.list();
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
 */
export interface TemplateDeleteRequest {
  template_id: string;
}

/**
 * The body of message/subscribe/bizsend (subscription notifications, the successor of templates).
 */
export interface SubscribeSendRequest {
  touser: string;
  template_id: string;
  page?: string;
  miniprogram?: { appid: string; pagepath: string };
  data: TemplateData;
}

/**
 * The body of template/api_set_industry: two industry codes (1–41) of WeChat's industry table, as strings.
 */
export interface SetIndustryRequest {
  industry_id1: string;
  industry_id2: string;
}

/**
 * An industry as template/get_industry names it, e.g. `{ first_class: 'IT科技', second_class: '互联网|电子商务' }`.
 *
 * @example
 * ```ts
 * const { primary_industry } = await client.template.getIndustry();
 * console.log(primary_industry.first_class, primary_industry.second_class);
 * ```
 */
export interface Industry {
  first_class: string;
  second_class: string;
}

/**
 * The answer of template/get_industry.
 *
 * @example
 * ```ts
 * const { primary_industry, secondary_industry } = await client.template.getIndustry();
 * ```
 */
export interface IndustryResponse extends BaseResponse {
  primary_industry: Industry;
  secondary_industry: Industry;
}

/**
 * The body of template/api_add_template: a library template (`TM…`/`OPENTM…` for industry templates, digits for
 * category templates) and, for category templates, the keywords to use in order.
 */
export interface AddTemplateRequest {
  template_id_short: string;
  /** Required for category templates: empty, or a keyword outside the library template, answers 40246. */
  keyword_name_list?: string[];
}

/**
 * The answer of template/api_add_template: the account's new template, usable with `template.send`.
 *
 * @example
 * ```ts
 * const { template_id } = await client.template.add('47123', ['时间', '地点', '金额']);
 * ```
 */
export interface AddTemplateResponse extends BaseResponse {
  template_id: string;
}

/**
 * The body of wxa/sec/queryblocktmplmsg: one template and a page of the messages WeChat blocked (`largest_id` 0
 * first, then the last answer's; `limit` 1–100).
 *
 * @example
 * ```ts
 * const { msginfo } = await client.template.queryBlocked({ tmpl_msg_id: 'TPL', largest_id: 0, limit: 100 });
 * ```
 */
export interface BlockedTemplateRequest {
  tmpl_msg_id: string;
  largest_id: number;
  limit: number;
}

/**
 * A blocked template message: when it was to be sent (Unix seconds), to whom, and the id to page on.
 *
 * @example
 * ```ts
 * const fans = (await client.template.queryBlocked({ tmpl_msg_id: 'TPL', largest_id: 0, limit: 100 })).msginfo.map((m: BlockedTemplateMessage) => m.openid);
 * ```
 */
export interface BlockedTemplateMessage {
  id: number;
  send_timestamp: number;
  openid: string;
  tmpl_msg_id: string;
}

/**
 * The answer of wxa/sec/queryblocktmplmsg.
 *
 * @example
 * ```ts
 * const { msginfo } = await client.template.queryBlocked({ tmpl_msg_id: 'TPL', largest_id: 0, limit: 100 });
 * ```
 */
export interface BlockedTemplateResponse extends BaseResponse {
  msginfo: BlockedTemplateMessage[];
}
