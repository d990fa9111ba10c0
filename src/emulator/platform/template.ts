/**
 * Template messages (reference §9.5). `template/send` answers with a 64-bit `msgid`
 * (a bare JSON integer beyond 2^53, as WeChat's can be), shows the rendered message in the fan's chat, and pushes
 * `TEMPLATESENDJOBFINISH` from the fan after the job delay: `success`, or `failed:user block` for a blacklisted fan.
 * @module
 */
import { newMsgId } from '../../push/inbound.js';
import type { EmulatorState } from '../state.js';
import type { Handlers } from './core/handler.js';
import { finishLater } from './core/jobs.js';
import { fail, jsonResponse, OK } from './core/respond.js';

/** A template of the account (get_all_private_template). */
export interface PrivateTemplate {
  template_id: string;
  title: string;
  primary_industry: string;
  deputy_industry: string;
  content: string;
  example: string;
}

/**
 * The templates a fresh emulated account has, so `template/send` works out of the box.
 *
 * @example
 * ```ts
 * DEFAULT_TEMPLATES[0]?.template_id; // 'wxmp_tpl_order_shipped'
 * ```
 */
export const DEFAULT_TEMPLATES: readonly PrivateTemplate[] = Object.freeze([
  {
    template_id: 'wxmp_tpl_order_shipped',
    title: '订单发货通知',
    primary_industry: 'IT科技',
    deputy_industry: '互联网|电子商务',
    content: '订单编号：{{character_string1.DATA}}\n商品名称：{{thing2.DATA}}\n发货时间：{{time3.DATA}}',
    example: '订单编号：20240101001\n商品名称：机械键盘\n发货时间：2024-01-01 10:00',
  },
  {
    template_id: 'wxmp_tpl_booking_reminder',
    title: '预约提醒',
    primary_industry: '医药护理',
    deputy_industry: '医药医疗',
    content: '预约项目：{{thing1.DATA}}\n预约时间：{{time2.DATA}}',
    example: '预约项目：体检\n预约时间：2024-01-02 09:00',
  },
]);

/** Resends with the same `client_msg_id` within this window return the first `msgid` and send nothing. */
export const CLIENT_MSG_ID_WINDOW_MS = 10 * 60_000;

/**
 * What the `templates` slot holds: the account's templates and recent `client_msg_id`s.
 */
export interface TemplateSlot {
  list: PrivateTemplate[];
  sent: Record<string, { msgid: string; at: number }>;
}

/**
 * The account's templates (get_all_private_template) and the recent sends by `client_msg_id`.
 *
 * @example
 * ```ts
 * templateStore(state).list.map((t) => t.template_id);
 * ```
 */
export function templateStore(state: EmulatorState): TemplateSlot {
  return state.slot<TemplateSlot>('templates', () => ({
    list: DEFAULT_TEMPLATES.map((t) => ({ ...t })),
    sent: {},
  }));
}

/**
 * Adds (or replaces) a template of the account, e.g. from the developer panel.
 *
 * @example
 * ```ts
 * addTemplate(state, { template_id: 'T1', title: '通知', primary_industry: '', deputy_industry: '', content: '{{thing1.DATA}}', example: '' });
 * ```
 */
export function addTemplate(state: EmulatorState, template: PrivateTemplate): void {
  const s = templateStore(state);
  s.list = [...s.list.filter((t) => t.template_id !== template.template_id), template];
}

/**
 * A template's content with its `{{key.DATA}}` placeholders filled from `data`.
 *
 * @example
 * ```ts
 * renderTemplate('名称：{{thing1.DATA}}', { thing1: { value: '键盘' } }); // '名称：键盘'
 * ```
 */
export function renderTemplate(content: string, data: Record<string, unknown>): string {
  return content.replace(/\{\{\s*(\w+)\.DATA\s*\}\}/g, (_all, key: string) => {
    const value = (data[key] as { value?: unknown } | undefined)?.value;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  });
}

/**
 * The `data` object of a template or subscription message, or 47001.
 *
 * @example
 * ```ts
 * const data = messageData({ data: { thing1: { value: '键盘' } } });
 * ```
 */
export function messageData(body: Record<string, unknown>): Record<string, unknown> {
  const data = body['data'];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail(47001);
  return data as Record<string, unknown>;
}

/**
 * The handlers of the template-message endpoints.
 *
 * @example
 * ```ts
 * Object.keys(templateHandlers); // ['template.list', 'template.delete', 'template.send']
 * ```
 */
export const templateHandlers: Handlers = {
  'template.list': ({ state }) => ({ template_list: templateStore(state).list }),
  'template.delete': ({ state, body }) => {
    const s = templateStore(state);
    const index = s.list.findIndex((t) => t.template_id === body['template_id']);
    if (index < 0) fail(40037);
    s.list.splice(index, 1);
    return OK;
  },
  'template.send': ({ state, options, body }) => {
    const fan = typeof body['touser'] === 'string' ? state.fans.get(body['touser']) : undefined;
    if (fan === undefined) fail(40003);
    if (!fan.following) fail(43004);
    const s = templateStore(state);
    const template = s.list.find((t) => t.template_id === body['template_id']) ?? fail(40037);
    const data = messageData(body);
    const answer = (msgid: string) => jsonResponse({ errcode: 0, errmsg: 'ok', msgid }, ['msgid']);

    const clientMsgId = body['client_msg_id'];
    for (const [key, sent] of Object.entries(s.sent)) {
      if (state.now() - sent.at >= CLIENT_MSG_ID_WINDOW_MS) delete s.sent[key];
    }
    if (typeof clientMsgId === 'string' && clientMsgId !== '') {
      const earlier = s.sent[clientMsgId];
      if (earlier) return answer(earlier.msgid);
    }
    const msgid = newMsgId();
    if (typeof clientMsgId === 'string' && clientMsgId !== '')
      s.sent[clientMsgId] = { msgid, at: state.now() };

    const blocked = fan.blacklisted;
    if (!blocked) {
      state.addChat({
        openid: fan.openid,
        direction: 'out',
        via: 'template',
        msgType: 'template',
        payload: {
          templateId: template.template_id,
          title: template.title,
          content: renderTemplate(template.content, data),
          data,
          ...(typeof body['url'] === 'string' ? { url: body['url'] } : {}),
          ...(body['miniprogram'] === undefined ? {} : { miniprogram: body['miniprogram'] }),
        },
      });
    }
    finishLater(state, options, () => ({
      from: fan.openid,
      event: 'TEMPLATESENDJOBFINISH',
      fields: { MsgID: BigInt(msgid), Status: blocked ? 'failed:user block' : 'success' },
    }));
    return answer(msgid);
  },
};
