/**
 * The fan's side of subscriptions: answering a subscription popup (订阅通知, in an article or a web page), turning
 * a subscription off in the notification settings, and answering the one-time subscription page. The first two
 * push `subscribe_msg_popup_event` and `subscribe_msg_change_event`; the third sends the fan back to the
 * developer's page with the answer, as WeChat does.
 * @module
 */
import { grantOneTime, notificationConsent, setNotificationConsent } from '../platform/subscribe-consent.js';
import type { EmulatorState } from '../state.js';
import { accountTemplates } from '../platform/subscribe-library.js';
import { FanActionError } from './action-error.js';
import type {
  ActionResult,
  FanActions,
  FanSubscription,
  OneTimeConsent,
  SubscribeChoice,
} from './action-types.js';
import type { FanActionContext } from './context.js';

/** The fan actions of subscriptions. */
export type SubscriptionActions = Pick<FanActions, 'subscribePopup' | 'rejectSubscription' | 'subscribeOnce'>;

function knownTemplate(c: FanActionContext, templateId: string): void {
  if (!accountTemplates(c.state).some((t) => t.priTmplId === templateId))
    throw new FanActionError(404, `the account has no subscription template "${templateId}"`);
}

async function subscribePopup(
  c: FanActionContext,
  openid: string,
  choices: SubscribeChoice[],
  scene: 1 | 2,
): Promise<ActionResult> {
  const fan = c.fanOf(openid, false);
  for (const choice of choices) knownTemplate(c, choice.templateId);
  for (const { templateId, accept } of choices)
    setNotificationConsent(c.state, fan.openid, templateId, accept ? 'accept' : 'reject');
  const list = choices.map((choice) => ({
    TemplateId: choice.templateId,
    SubscribeStatusString: choice.accept ? 'accept' : 'reject',
    PopupScene: scene,
  }));
  const push = await c.event(fan, 'subscribe_msg_popup_event', { SubscribeMsgPopupEvent: { List: list } });
  return { sent: [], pushes: [push] };
}

async function rejectSubscription(
  c: FanActionContext,
  openid: string,
  templateId: string,
): Promise<ActionResult> {
  const fan = c.fanOf(openid, false);
  knownTemplate(c, templateId);
  if (notificationConsent(c.state, fan.openid, templateId) !== 'accept')
    throw new FanActionError(409, `${fan.nickname} has not subscribed to "${templateId}"`);
  setNotificationConsent(c.state, fan.openid, templateId, 'reject');
  // WeChat pushes only the subscriptions a fan turns off (仅推送用户拒收通知).
  const fields = {
    SubscribeMsgChangeEvent: { List: { TemplateId: templateId, SubscribeStatusString: 'reject' } },
  };
  return { sent: [], pushes: [await c.event(fan, 'subscribe_msg_change_event', fields)] };
}

/**
 * Where the one-time subscription page sends the fan: the developer's `redirect_url` with the fan's openid and
 * answer.
 *
 * @example
 * ```ts
 * oneTimeRedirect('oFan', { templateId: 'T', scene: '1000', redirectUrl: 'https://example.com/sub', action: 'confirm' });
 * // 'https://example.com/sub?openid=oFan&template_id=T&action=confirm&scene=1000&reserved='
 * ```
 */
export function oneTimeRedirect(openid: string, consent: OneTimeConsent): string {
  const url = new URL(consent.redirectUrl);
  const params = {
    openid,
    template_id: consent.templateId,
    action: consent.action,
    scene: consent.scene,
    reserved: consent.reserved ?? '',
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}

function subscribeOnce(c: FanActionContext, openid: string, consent: OneTimeConsent): ActionResult {
  const fan = c.fanOf(openid, false);
  if (consent.action === 'confirm') grantOneTime(c.state, fan.openid, consent.templateId, consent.scene);
  return { sent: [], pushes: [], opened: { url: oneTimeRedirect(fan.openid, consent) } };
}

/**
 * The account's subscription templates as the fan's consent sheet lists them, with the fan's current choice.
 *
 * @example
 * ```ts
 * subscriptionsForFan(state, 'oWxmpDefaultFan000000000001'); // [{ templateId: 'wxmp_sub_order_paid', title: '付款成功通知', type: 2, status: null }, …]
 * ```
 */
export function subscriptionsForFan(state: EmulatorState, openid: string): FanSubscription[] {
  return accountTemplates(state).map((t) => ({
    templateId: t.priTmplId,
    title: t.title,
    type: t.type,
    content: t.content,
    status: notificationConsent(state, openid, t.priTmplId) ?? null,
  }));
}

/**
 * The subscription actions, on a context.
 *
 * @example
 * ```ts
 * import { createPusher } from '../push.js';
 * import { fanActionContext } from './context.js';
 * const { subscribePopup } = subscriptionActions(fanActionContext(state, createPusher(state)));
 * await subscribePopup('oWxmpDefaultFan000000000001', [{ templateId: 'wxmp_sub_arrival', accept: true }], 2);
 * ```
 */
export function subscriptionActions(context: FanActionContext): SubscriptionActions {
  return {
    subscribePopup: (openid, choices, scene) => subscribePopup(context, openid, choices, scene),
    rejectSubscription: (openid, templateId) => rejectSubscription(context, openid, templateId),
    subscribeOnce: (openid, consent) => Promise.resolve().then(() => subscribeOnce(context, openid, consent)),
  };
}
