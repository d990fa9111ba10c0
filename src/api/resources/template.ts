/**
 * Template messages (模板消息, verified service accounts): send, list, add and delete templates, and the account's
 * industry, which decides the templates it may use.
 * @see https://developers.weixin.qq.com/doc/service/api/notify/template/api_sendtemplatemessage.html
 * @module
 */
import type { BlockedTemplateRequest, TemplateSendRequest } from '../types/template.js';
import type { ResourceContext } from './context.js';

/**
 * The template-message group of the client.
 *
 * @example
 * ```ts
 * const { msgid } = await client.template.send({ touser: 'O', template_id: 'T', data: {} }); // this group
 * ```
 */
export function createTemplateApi({ call }: ResourceContext) {
  return {
    /**
     * Sends a template message (POST /cgi-bin/message/template/send); `msgid` is a string (64-bit) and matches
     * the `MsgID` of the TEMPLATESENDJOBFINISH event. Set `client_msg_id` to make resends safe.
     * @see https://developers.weixin.qq.com/doc/service/api/notify/template/api_sendtemplatemessage.html
     */
    send(request: TemplateSendRequest) {
      return call('template.send', request);
    },
    /**
     * Lists the account's templates (GET /cgi-bin/template/get_all_private_template).
     * @see https://developers.weixin.qq.com/doc/service/api/notify/template/api_getalltemplates.html
     */
    list() {
      return call('template.list');
    },
    /**
     * Deletes a template (POST /cgi-bin/template/del_private_template).
     * @see https://developers.weixin.qq.com/doc/service/api/notify/template/api_deletetemplate.html
     */
    delete(templateId: string) {
      return call('template.delete', { template_id: templateId });
    },
    /**
     * Sets the account's two industries by code, 1–41 of WeChat's table (POST /cgi-bin/template/api_set_industry).
     * Allowed once a month; the templates of the industries left behind are deleted.
     * @example
     * ```ts
     * await client.template.setIndustry(1, 4); // IT科技 互联网|电子商务, IT科技 电子技术
     * ```
     * @see https://developers.weixin.qq.com/doc/service/api/notify/template/api_setindustry.html
     */
    setIndustry(primary: number | string, secondary: number | string) {
      return call('template.setIndustry', { industry_id1: String(primary), industry_id2: String(secondary) });
    },
    /**
     * The account's industries (GET /cgi-bin/template/get_industry).
     * @example
     * ```ts
     * const { primary_industry } = await client.template.getIndustry(); // { first_class: 'IT科技', second_class: '…' }
     * ```
     * @see https://developers.weixin.qq.com/doc/service/api/notify/template/api_getindustry.html
     */
    getIndustry() {
      return call('template.getIndustry');
    },
    /**
     * Adds a library template to the account and answers its `template_id` (POST
     * /cgi-bin/template/api_add_template): a `TM…`/`OPENTM…` industry template, or a category template (digits)
     * with the keywords to use, in order (40246 when a keyword is not the template's).
     * @example
     * ```ts
     * const { template_id } = await client.template.add('47123', ['时间', '地点', '金额']);
     * ```
     * @see https://developers.weixin.qq.com/doc/service/api/notify/template/api_addtemplate.html
     */
    add(templateIdShort: string, keywords?: string[]) {
      return call(
        'template.add',
        keywords === undefined
          ? { template_id_short: templateIdShort }
          : { template_id_short: templateIdShort, keyword_name_list: keywords },
      );
    },
    /**
     * The messages of a template WeChat blocked (for content or frequency), a page at a time
     * (POST /wxa/sec/queryblocktmplmsg): `largest_id` 0 first, then the last answer's largest `id`; `limit` 1–100.
     * @see https://developers.weixin.qq.com/doc/service/api/notify/template/api_queryblocktmplmsg.html
     */
    queryBlocked(request: BlockedTemplateRequest) {
      return call('template.queryBlocked', request);
    },
  };
}

/**
 * The type of `client.template`.
 */
export type TemplateApi = ReturnType<typeof createTemplateApi>;
