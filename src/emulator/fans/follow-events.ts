/**
 * The fan actions that push only an event: following, unfollowing, scanning a QR code with parameters (which follows
 * when the fan does not yet), and reporting the location.
 * @module
 */
import { findQrScene } from '../platform-bridge.js';
import { FanActionError } from './action-error.js';
import type { FanActions } from './action-types.js';
import type { FanActionContext } from './context.js';

/** The fan actions that push only an event. */
export type FollowEventActions = Pick<FanActions, 'follow' | 'unfollow' | 'scan' | 'reportLocation'>;

/**
 * The fan actions that push only an event, on a context.
 *
 * @example
 * ```ts
 * const { follow } = followEventActions(fanActionContext(state, push));
 * await follow(createFan(state).openid); // pushes event.subscribe
 * ```
 */
export function followEventActions(context: FanActionContext): FollowEventActions {
  const { state, fanOf, event, note } = context;
  const touched = () => state.emit('change', 'fans');
  return {
    async follow(openid) {
      const fan = fanOf(openid, false);
      if (fan.following) throw new FanActionError(409, `${fan.nickname} already follows the account`);
      Object.assign(fan, {
        following: true,
        subscribeTime: Math.floor(state.now() / 1000),
        subscribeScene: 'ADD_SCENE_SEARCH',
        qrScene: 0,
        qrSceneStr: '',
      });
      touched();
      const sent = note(fan, `你关注了「${state.account.name}」`);
      return { sent: [sent], pushes: [await event(fan, 'subscribe', {}, true)] };
    },
    async unfollow(openid) {
      const fan = fanOf(openid);
      fan.following = false;
      touched();
      const sent = note(fan, `你取消关注了「${state.account.name}」`);
      return { sent: [sent], pushes: [await event(fan, 'unsubscribe')] };
    },
    async scan(openid, ticket) {
      const fan = fanOf(openid, false);
      const qr = findQrScene(state, ticket);
      if (!qr)
        throw new FanActionError(
          404,
          'unknown or expired QR ticket (create one with /cgi-bin/qrcode/create)',
        );
      if (fan.following) {
        return { sent: [], pushes: [await event(fan, 'SCAN', { EventKey: qr.scene, Ticket: ticket }, true)] };
      }
      Object.assign(fan, {
        following: true,
        subscribeTime: Math.floor(state.now() / 1000),
        subscribeScene: 'ADD_SCENE_QR_CODE',
        qrScene: qr.sceneId ?? 0,
        qrSceneStr: qr.sceneStr ?? '',
      });
      touched();
      const sent = note(fan, `你扫码关注了「${state.account.name}」`);
      return {
        sent: [sent],
        pushes: [await event(fan, 'subscribe', { EventKey: `qrscene_${qr.scene}`, Ticket: ticket }, true)],
      };
    },
    async reportLocation(openid, where) {
      const fan = fanOf(openid);
      const fields = {
        Latitude: where.latitude,
        Longitude: where.longitude,
        Precision: where.precision ?? 65,
      };
      return { sent: [], pushes: [await event(fan, 'LOCATION', fields)] };
    },
  };
}
