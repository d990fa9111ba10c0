/**
 * Template messages (模板消息, verified service accounts): send, list and delete templates.
 * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
 * @module
 */
import type { TemplateSendRequest } from '../types/template.js';
import type { ResourceContext } from './context.js';

/**
 * The template-message group of the client.
 *
 * @example
 * ```ts
 * const { msgid } = await createTemplateApi(context).send({ touser: 'O', template_id: 'T', data: {} });
 * ```
 */
export function createTemplateApi({ call }: ResourceContext) {
  return {
    /**
     * Sends a template message (POST /cgi-bin/message/template/send); `msgid` is a string (64-bit) and matches
     * the `MsgID` of the TEMPLATESENDJOBFINISH event. Set `client_msg_id` to make resends safe.
     * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
     */
    send(request: TemplateSendRequest) {
      return call('template.send', request);
    },
    /**
     * Lists the account's templates (GET /cgi-bin/template/get_all_private_template).
     * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
     */
    list() {
      return call('template.list');
    },
    /**
     * Deletes a template (POST /cgi-bin/template/del_private_template).
     * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
     */
    delete(templateId: string) {
      return call('template.delete', { template_id: templateId });
    },
  };
}

/**
 * The type of `client.template`.
 *
 * @example
 * ```ts
 * const api: TemplateApi = client.template;
 * ```
 */
export type TemplateApi = ReturnType<typeof createTemplateApi>;
