/**
 * Users (reference §9.7), read from and written to `state.fans`. Non-followers answer `subscribe: 0` with their
 * openid only, as WeChat does since nicknames and avatars were removed (2021).
 * @module
 */
import { createHash } from 'node:crypto';
import type { EmulatorState } from '../state.js';
import type { Fan } from '../world.js';
import type { Handlers } from './core/handler.js';
import { openidPage } from './core/paging.js';
import { fail, OK, textOf } from './core/respond.js';

/** Users per user/info/batchget call. */
export const USER_BATCH_SIZE = 100;
/** Bytes of a remark. */
export const REMARK_BYTES = 30;
/** Openids per changeopenid call. */
export const CHANGE_OPENID_BATCH = 100;

const APPID = /^wx[0-9a-zA-Z]{16}$/;
const OPENID = /^[\w-]{20,40}$/;

/**
 * An old account's openid as this account knows the fan: the emulator takes every other account as migrated into
 * it and derives a stable openid (a malformed old openid answers `ori_openid error`).
 *
 * @example
 * ```ts
 * changedOpenid('wx0000000000000001', 'oOLDopenid000000000000000001').new_openid; // 'o…' (28 characters)
 * ```
 */
export function changedOpenid(
  fromAppId: string,
  oriOpenid: string,
): { ori_openid: string; new_openid: string; err_msg: string } {
  if (!OPENID.test(oriOpenid)) return { ori_openid: oriOpenid, new_openid: '', err_msg: 'ori_openid error' };
  const digest = createHash('sha256').update(`${fromAppId} ${oriOpenid}`).digest('base64url');
  return { ori_openid: oriOpenid, new_openid: `o${digest.slice(0, 27)}`, err_msg: 'ok' };
}

/**
 * A fan as user/info answers.
 *
 * @example
 * ```ts
 * import { createFan } from 'wxmp/emulator';
 * userInfo(createFan(state, { openid: 'oFan1', following: true }));
 * // { subscribe: 1, openid: 'oFan1', language: 'zh_CN', subscribe_time: …, remark: '', … }
 * ```
 */
export function userInfo(fan: Fan): Record<string, unknown> {
  const unionid = fan.unionid === undefined ? {} : { unionid: fan.unionid };
  if (!fan.following) return { subscribe: 0, openid: fan.openid, ...unionid };
  return {
    subscribe: 1,
    openid: fan.openid,
    language: fan.language,
    subscribe_time: fan.subscribeTime,
    ...unionid,
    remark: fan.remark,
    groupid: 0,
    tagid_list: fan.tagIds,
    subscribe_scene: fan.subscribeScene,
    qr_scene: fan.qrScene,
    qr_scene_str: fan.qrSceneStr,
  };
}

function fanOf(state: EmulatorState, openid: unknown): Fan {
  if (typeof openid !== 'string' || openid === '') fail(41009);
  return state.fans.get(openid) ?? fail(40003);
}

/**
 * The fans of a list of openids (1 to `max` of them, else 40032; 41009 for an empty openid, 40003 for an unknown one).
 *
 * @example
 * ```ts
 * const fans = fansByOpenid(state, ['oFan1', 'oFan2'], 20); // WxError(40003) for an unknown openid
 * ```
 */
export function fansByOpenid(state: EmulatorState, list: unknown, max: number): Fan[] {
  if (!Array.isArray(list) || list.length === 0 || list.length > max) fail(40032);
  return list.map((openid) => fanOf(state, openid));
}

function followers(state: EmulatorState): Fan[] {
  return [...state.fans.values()]
    .filter((f) => f.following)
    .sort((a, b) => a.subscribeTime - b.subscribeTime);
}

/**
 * The handlers of the user endpoints.
 *
 * @example
 * ```ts
 * Object.keys(userHandlers); // ['user.info', 'user.batchGet', 'user.list', 'user.updateRemark']
 * ```
 */
export const userHandlers: Handlers = {
  'user.info': ({ state, query }) => userInfo(fanOf(state, query['openid'])),
  'user.batchGet': ({ state, body }) => {
    const list = body['user_list'];
    const openids = Array.isArray(list) ? list.map((u) => (u as { openid?: unknown } | null)?.openid) : list;
    return { user_info_list: fansByOpenid(state, openids, USER_BATCH_SIZE).map(userInfo) };
  },
  'user.list': ({ state, query }) => {
    const openids = followers(state).map((f) => f.openid);
    return { total: openids.length, ...openidPage(openids, query['next_openid']) };
  },
  'user.updateRemark': ({ state, body }) => {
    const fan = fanOf(state, body['openid']);
    const remark = body['remark'];
    if (typeof remark !== 'string' || Buffer.byteLength(remark, 'utf8') > REMARK_BYTES) fail(40035);
    fan.remark = remark;
    state.emit('change', 'fans');
    return OK;
  },
  'user.changeOpenid': ({ state, body }) => {
    const from = textOf(body['from_appid']);
    if (!APPID.test(from) || from === state.account.appId) fail(63178);
    const list = body['openid_list'];
    if (!Array.isArray(list) || list.length === 0 || list.length > CHANGE_OPENID_BATCH) fail(40032);
    return { ...OK, result_list: list.map((ori) => changedOpenid(from, textOf(ori))) };
  },
};
