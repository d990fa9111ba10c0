/**
 * The fan actions that push only an event: following, unfollowing, scanning a QR code with parameters (which follows
 * when the fan does not yet), and reporting the location.
 * @module
 */
import { recordActivity, userSource } from '../activity.js';
import { findQrScene } from '../platform/qrcode.js';
import type { Fan, QrScene } from '../world.js';
import { FanActionError } from './action-error.js';
import type { ActionResult, FanActions, FanPosition } from './action-types.js';
import type { FanActionContext } from './context.js';

/** The fan actions that push only an event. */
export type FollowEventActions = Pick<FanActions, 'follow' | 'unfollow' | 'scan' | 'reportLocation'>;

/** The fan follows now, by search or by a QR code's scene. */
function startFollowing(c: FanActionContext, fan: Fan, qr?: QrScene): void {
  Object.assign(fan, {
    following: true,
    subscribeTime: Math.floor(c.state.now() / 1000),
    subscribeScene: qr ? 'ADD_SCENE_QR_CODE' : 'ADD_SCENE_SEARCH',
    qrScene: qr?.sceneId ?? 0,
    qrSceneStr: qr?.sceneStr ?? '',
  });
  c.state.emit('change', 'fans');
  const at = c.state.now();
  recordActivity(c.state, { kind: 'follow', at, openid: fan.openid, source: userSource(fan.subscribeScene) });
}

async function follow(c: FanActionContext, openid: string): Promise<ActionResult> {
  const fan = c.fanOf(openid, false);
  if (fan.following) throw new FanActionError(409, `${fan.nickname} already follows the account`);
  startFollowing(c, fan);
  const sent = c.note(fan, `你关注了「${c.state.account.name}」`);
  return { sent: [sent], pushes: [await c.event(fan, 'subscribe', {}, true)] };
}

async function unfollow(c: FanActionContext, openid: string): Promise<ActionResult> {
  const fan = c.fanOf(openid);
  fan.following = false;
  c.state.emit('change', 'fans');
  const at = c.state.now();
  recordActivity(c.state, {
    kind: 'unfollow',
    at,
    openid: fan.openid,
    source: userSource(fan.subscribeScene),
  });
  const sent = c.note(fan, `你取消关注了「${c.state.account.name}」`);
  return { sent: [sent], pushes: [await c.event(fan, 'unsubscribe')] };
}

/** A follower's scan pushes SCAN; anyone else follows, and the subscribe event carries the scene. */
async function scan(c: FanActionContext, openid: string, ticket: string): Promise<ActionResult> {
  const fan = c.fanOf(openid, false);
  const qr = findQrScene(c.state, ticket);
  if (!qr)
    throw new FanActionError(404, 'unknown or expired QR ticket (create one with /cgi-bin/qrcode/create)');
  if (fan.following) {
    return { sent: [], pushes: [await c.event(fan, 'SCAN', { EventKey: qr.scene, Ticket: ticket }, true)] };
  }
  startFollowing(c, fan, qr);
  const sent = c.note(fan, `你扫码关注了「${c.state.account.name}」`);
  const fields = { EventKey: `qrscene_${qr.scene}`, Ticket: ticket };
  return { sent: [sent], pushes: [await c.event(fan, 'subscribe', fields, true)] };
}

async function reportLocation(
  c: FanActionContext,
  openid: string,
  where: FanPosition,
): Promise<ActionResult> {
  const fan = c.fanOf(openid);
  const fields = { Latitude: where.latitude, Longitude: where.longitude, Precision: where.precision ?? 65 };
  return { sent: [], pushes: [await c.event(fan, 'LOCATION', fields)] };
}

/**
 * The fan actions that push only an event, on a context.
 *
 * @example
 * ```ts
 * import { createPusher } from '../push.js';
 * import { fanActionContext } from './context.js';
 * import { createFan } from './create-fan.js';
 * const { follow } = followEventActions(fanActionContext(state, createPusher(state)));
 * await follow(createFan(state).openid); // pushes event.subscribe
 * ```
 */
export function followEventActions(context: FanActionContext): FollowEventActions {
  return {
    follow: (openid) => follow(context, openid),
    unfollow: (openid) => unfollow(context, openid),
    scan: (openid, ticket) => scan(context, openid, ticket),
    reportLocation: (openid, where) => reportLocation(context, openid, where),
  };
}
