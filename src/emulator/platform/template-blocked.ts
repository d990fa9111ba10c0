/**
 * Template messages WeChat blocked (slot `blockedTemplates`), as wxa/sec/queryblocktmplmsg pages through them. The
 * emulator reviews no content, so it blocks nothing by itself: `blockTemplateMessage` records one, as a test of
 * the developer's handling needs.
 * @module
 */
import type { BlockedTemplateMessage } from '../../api/types/template.js';
import type { EmulatorState } from '../state.js';
import type { Handlers } from './core/handler.js';
import { fail, OK, textOf } from './core/respond.js';
import { templateStore } from './template.js';

/** Messages per page at most. */
const MAX_LIMIT = 100;

function blocked(state: EmulatorState): BlockedTemplateMessage[] {
  return state.slot<BlockedTemplateMessage[]>('blockedTemplates', () => []);
}

/**
 * Records a blocked message of a template to a fan (now), with the next id.
 *
 * @example
 * ```ts
 * blockTemplateMessage(state, 'wxmp_tpl_order_shipped', 'oWxmpDefaultFan000000000001');
 * ```
 */
export function blockTemplateMessage(
  state: EmulatorState,
  templateId: string,
  openid: string,
): BlockedTemplateMessage {
  const list = blocked(state);
  const message = {
    id: (list.at(-1)?.id ?? 0) + 1,
    send_timestamp: Math.floor(state.now() / 1000),
    openid,
    tmpl_msg_id: templateId,
  };
  list.push(message);
  state.markModified();
  return message;
}

/**
 * The handler of wxa/sec/queryblocktmplmsg: 40037 for a template the account does not have, 40035 for a page
 * outside 1–100 or a negative `largest_id`.
 *
 * @example
 * ```ts
 * Object.keys(blockedTemplateHandlers); // ['template.queryBlocked']
 * ```
 */
export const blockedTemplateHandlers: Handlers = {
  'template.queryBlocked': ({ state, body }) => {
    const templateId = textOf(body['tmpl_msg_id']);
    if (!templateStore(state).list.some((t) => t.template_id === templateId)) fail(40037);
    const largest = Number(body['largest_id'] ?? 0);
    const limit = Number(body['limit'] ?? MAX_LIMIT);
    if (
      !Number.isInteger(largest) ||
      largest < 0 ||
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > MAX_LIMIT
    )
      fail(40035);
    const msginfo = blocked(state)
      .filter((m) => m.tmpl_msg_id === templateId && m.id > largest)
      .slice(0, limit);
    return { ...OK, msginfo };
  },
};
