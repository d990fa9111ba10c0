/**
 * Subscription notifications (reference §9.5, `message/subscribe/bizsend`): shown in the fan's chat as a card of
 * the `data` fields. WeChat pushes nothing back for them.
 * @module
 */
import type { Handlers } from './core/handler.js';
import { fail, OK, textOf } from './core/respond.js';
import { messageData } from './template.js';

/** The `data` fields one line each (`thing1: 键盘`), as the fan's card lists them. */
function dataLines(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(([key, value]) => `${key}: ${textOf((value as { value?: unknown } | null)?.value)}`)
    .join('\n');
}

/**
 * The handler of subscribe.send.
 *
 * @example
 * ```ts
 * Object.keys(subscribeHandlers); // ['subscribe.send']
 * ```
 */
export const subscribeHandlers: Handlers = {
  'subscribe.send': ({ state, body }) => {
    const fan = typeof body['touser'] === 'string' ? state.fans.get(body['touser']) : undefined;
    if (fan === undefined) fail(40003);
    const templateId = body['template_id'];
    if (typeof templateId !== 'string' || templateId === '') fail(40037);
    const data = messageData(body);
    state.addChat({
      openid: fan.openid,
      direction: 'out',
      via: 'template',
      msgType: 'subscribe',
      payload: {
        templateId,
        content: dataLines(data),
        data,
        ...(typeof body['page'] === 'string' ? { page: body['page'] } : {}),
        ...(body['miniprogram'] === undefined ? {} : { miniprogram: body['miniprogram'] }),
      },
    });
    return OK;
  },
};
