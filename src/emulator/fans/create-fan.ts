/**
 * Fans coming into the world: a new one (not following unless asked), and the default fan every emulator starts with.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { EmulatorState } from '../state.js';
import type { Fan } from '../world.js';
import { FanActionError } from './action-error.js';

/** The fan every emulator starts with (already following), so `npm start` can chat at once. */
export const DEFAULT_FAN = { openid: 'oWxmpDefaultFan000000000001', nickname: '小明' } as const;

/** A WeChat-looking openid: `o` and 27 URL-safe characters. */
function newOpenid(): string {
  return `o${randomBytes(21).toString('base64url').slice(0, 27)}`;
}

/**
 * Adds a fan to the world (not following unless asked).
 *
 * @example
 * ```ts
 * const fan = createFan(state, { nickname: '小红', following: true });
 * ```
 */
export function createFan(
  state: EmulatorState,
  input: {
    openid?: string | undefined;
    nickname?: string | undefined;
    following?: boolean | undefined;
    language?: string | undefined;
  } = {},
): Fan {
  const openid = input.openid ?? newOpenid();
  if (state.fans.has(openid)) throw new FanActionError(409, `fan ${openid} already exists`);
  const following = input.following ?? false;
  const fan: Fan = {
    openid,
    nickname: input.nickname ?? `用户${state.fans.size + 1}`,
    following,
    subscribeTime: following ? Math.floor(state.now() / 1000) : 0,
    subscribeScene: following ? 'ADD_SCENE_SEARCH' : '',
    qrScene: 0,
    qrSceneStr: '',
    remark: '',
    language: input.language ?? 'zh_CN',
    tagIds: [],
    blacklisted: false,
  };
  state.fans.set(openid, fan);
  state.emit('change', 'fans');
  return fan;
}

/**
 * Makes sure the default fan exists (following), so a fresh emulator can chat at once.
 *
 * @example
 * ```ts
 * ensureDefaultFan(state).openid; // 'oWxmpDefaultFan000000000001'
 * ```
 */
export function ensureDefaultFan(state: EmulatorState): Fan {
  return state.fans.get(DEFAULT_FAN.openid) ?? createFan(state, { ...DEFAULT_FAN, following: true });
}
