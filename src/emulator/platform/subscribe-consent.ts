/**
 * What fans agreed to be sent (slot `subscribeConsent`): for subscription notifications, per fan and template,
 * `accept` or `reject` and, for one-time templates, how many messages the accepts allow; for the one-time
 * subscription message, how many messages each (template, scene) consent allows. The fan side records consent
 * (the popup, the settings, the subscribemsg page); the sends take it (43101 without).
 * @module
 */
import type { EmulatorState } from '../state.js';

interface ConsentSlot {
  /** openid → priTmplId → the fan's choice and the one-time sends left. */
  notifications: Record<string, Record<string, { status: 'accept' | 'reject'; left: number }>>;
  /** `openid template_id scene` → sends left. */
  oneTime: Record<string, number>;
}

function slot(state: EmulatorState): ConsentSlot {
  return state.slot<ConsentSlot>('subscribeConsent', () => ({ notifications: {}, oneTime: {} }));
}

/**
 * Records a fan's answer to a subscription popup (or a change in their settings): `accept` adds one send to a
 * one-time template and allows a long-term one until rejected; `reject` takes everything back.
 *
 * @example
 * ```ts
 * setNotificationConsent(state, 'oFan', 'wxmp_sub_order_paid', 'accept');
 * ```
 */
export function setNotificationConsent(
  state: EmulatorState,
  openid: string,
  templateId: string,
  status: 'accept' | 'reject',
): void {
  const fan = (slot(state).notifications[openid] ??= {});
  const before = fan[templateId]?.left ?? 0;
  fan[templateId] = { status, left: status === 'accept' ? before + 1 : 0 };
  state.markModified();
}

/**
 * The fan's current choice for a template, or undefined when they were never asked.
 *
 * @example
 * ```ts
 * notificationConsent(state, 'oFan', 'wxmp_sub_arrival'); // 'accept'
 * ```
 */
export function notificationConsent(
  state: EmulatorState,
  openid: string,
  templateId: string,
): 'accept' | 'reject' | undefined {
  return slot(state).notifications[openid]?.[templateId]?.status;
}

/**
 * Takes the consent one notification needs: any accept for a long-term template, one accepted send for a
 * one-time template. False when the fan never accepted, rejected, or used up their one-time sends.
 *
 * @example
 * ```ts
 * import { fail } from './core/respond.js';
 * const template = { priTmplId: 'wxmp_sub_arrival', type: 2 as const }; // one-time: type 2
 * if (!takeNotificationConsent(state, 'oFan', template)) fail(43101);
 * ```
 */
export function takeNotificationConsent(
  state: EmulatorState,
  openid: string,
  template: { priTmplId: string; type: 2 | 3 },
): boolean {
  const consent = slot(state).notifications[openid]?.[template.priTmplId];
  if (consent?.status !== 'accept') return false;
  if (template.type === 3) return true;
  if (consent.left <= 0) return false;
  consent.left -= 1;
  return true;
}

const oneTimeKey = (openid: string, templateId: string, scene: string) => `${openid} ${templateId} ${scene}`;

/**
 * Records a `confirm` on the one-time subscription page: one more message of that template and scene.
 *
 * @example
 * ```ts
 * grantOneTime(state, 'oFan', 'TPL', '1000');
 * ```
 */
export function grantOneTime(state: EmulatorState, openid: string, templateId: string, scene: string): void {
  const key = oneTimeKey(openid, templateId, scene);
  const all = slot(state).oneTime;
  all[key] = (all[key] ?? 0) + 1;
  state.markModified();
}

/**
 * Takes one one-time consent for a message of that template and scene; false when there is none left.
 *
 * @example
 * ```ts
 * import { fail } from './core/respond.js';
 * if (!takeOneTime(state, 'oFan', 'TPL', '1000')) fail(43101);
 * ```
 */
export function takeOneTime(
  state: EmulatorState,
  openid: string,
  templateId: string,
  scene: string,
): boolean {
  const key = oneTimeKey(openid, templateId, scene);
  const all = slot(state).oneTime;
  if ((all[key] ?? 0) <= 0) return false;
  all[key] = (all[key] ?? 0) - 1;
  return true;
}
