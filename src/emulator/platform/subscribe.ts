/**
 * Sending subscription notifications (`message/subscribe/bizsend`) and one-time subscription messages
 * (`message/template/subscribe`). Both need the fan's consent (43101 without): the popup or the settings on the
 * phone page for the first, the subscribemsg page for the second (`subscribe-consent.ts`). A notification is shown
 * in the fan's chat as a card of its `data` and, after the job delay, `subscribe_msg_sent_event` is pushed from the
 * fan with its 64-bit MsgID.
 * @module
 */
import { newMsgId } from '../../push/inbound.js';
import type { Fan } from '../world.js';
import type { Call, Handlers } from './core/handler.js';
import { finishLater } from './core/jobs.js';
import { fail, OK, textOf } from './core/respond.js';
import { takeNotificationConsent, takeOneTime } from './subscribe-consent.js';
import { accountTemplates, templateKeys } from './subscribe-library.js';
import { messageData } from './template.js';

/** The one-time message's limits: title and content characters, and the scene. */
const ONE_TIME = Object.freeze({ title: 15, content: 200, maxScene: 10_000 });

/** The `data` fields one line each (`thing1: 键盘`), as the fan's card lists them. */
function dataLines(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(([key, value]) => `${key}: ${textOf((value as { value?: unknown } | null)?.value)}`)
    .join('\n');
}

function fanOf(call: Call): Fan {
  const openid = call.body['touser'];
  return (typeof openid === 'string' ? call.state.fans.get(openid) : undefined) ?? fail(40003);
}

/** Every key of the template filled with a non-empty value (47003 "argument invalid!" otherwise). */
function checkData(data: Record<string, unknown>, keys: readonly string[]): void {
  for (const key of keys) if (textOf((data[key] as { value?: unknown } | null)?.value) === '') fail(47003);
}

function bizsend(call: Call): unknown {
  const { state, options, body } = call;
  const fan = fanOf(call);
  const template = accountTemplates(state).find((t) => t.priTmplId === body['template_id']) ?? fail(40037);
  const data = messageData(body);
  checkData(data, templateKeys(template));
  if (!takeNotificationConsent(state, fan.openid, template)) fail(43101);
  const msgId = newMsgId();
  if (!fan.blacklisted) deliver(call, fan.openid, template.priTmplId, dataLines(data), data, body['page']);
  // The delivery result, as WeChat pushes it: from the fan, MsgID beyond 2^53.
  finishLater(state, options, () => ({
    from: fan.openid,
    event: 'subscribe_msg_sent_event',
    fields: {
      SubscribeMsgSentEvent: {
        List: {
          TemplateId: template.priTmplId,
          MsgID: BigInt(msgId),
          ErrorCode: fan.blacklisted ? 43101 : 0,
          ErrorStatus: fan.blacklisted ? 'failed:user block' : 'success',
        },
      },
    },
  }));
  return OK;
}

/** The notification in the fan's chat: its text, its data, and the page or mini program it opens. */
function deliver(
  { state, body }: Call,
  openid: string,
  templateId: string,
  content: string,
  data: Record<string, unknown>,
  page: unknown,
): void {
  state.addChat({
    openid,
    direction: 'out',
    via: 'template',
    msgType: 'subscribe',
    payload: {
      templateId,
      content,
      data,
      ...(typeof page === 'string' ? { page } : {}),
      ...(body['miniprogram'] === undefined ? {} : { miniprogram: body['miniprogram'] }),
    },
  });
}

function sendOneTime(call: Call): unknown {
  const { state, body } = call;
  const fan = fanOf(call);
  const templateId = textOf(body['template_id']);
  if (templateId === '') fail(40037);
  const scene = textOf(body['scene']);
  if (!/^\d+$/.test(scene) || Number(scene) > ONE_TIME.maxScene) fail(40035);
  const title = textOf(body['title']);
  const data = messageData(body);
  const content = textOf((data['content'] as { value?: unknown } | undefined)?.value);
  if ([...title].length > ONE_TIME.title || content === '' || [...content].length > ONE_TIME.content)
    fail(47003);
  if (!takeOneTime(state, fan.openid, templateId, scene)) fail(43101);
  deliver(call, fan.openid, templateId, title === '' ? content : `${title}\n${content}`, data, body['url']);
  return OK;
}

/**
 * The handlers of the two subscription sends.
 *
 * @example
 * ```ts
 * Object.keys(subscribeHandlers); // ['subscribe.send']
 * ```
 */
export const subscribeHandlers: Handlers = {
  'subscribe.send': bizsend,
  'subscribe.sendOneTime': sendOneTime,
};
