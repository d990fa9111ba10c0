/**
 * What the emulator has seen happen, for the statistics endpoints (`/datacube/*`): follows and unfollows with
 * their source, the fans' messages, each push answered by the developer's server (its time, whether it failed),
 * and the reads and shares of sent articles. The fan side records them as they happen; the platform reads them.
 * Plain JSON in the state's `activity` slot, the newest {@link ACTIVITY_LIMIT} kept.
 * @module
 */
import type { EmulatorState } from './state.js';

/**
 * One thing that happened, at `at` ms on the emulator's clock.
 *
 * @example
 * ```ts
 * const follow: Activity = { kind: 'follow', at: Date.now(), openid: 'oFan', source: 30 };
 * recordActivity(state, follow);
 * ```
 */
export type Activity =
  /** `source`: the `user_source` of getusersummary (1 search, 30 QR code, 0 other…). */
  | { kind: 'follow' | 'unfollow'; at: number; openid: string; source: number }
  /** `msgType`: the message's MsgType. */
  | { kind: 'message'; at: number; openid: string; msgType: string }
  /** A push the developer's server answered (or failed to): the time it took over every attempt. */
  | { kind: 'reply'; at: number; ms: number; ok: boolean }
  /** `article`: `MSGDATAID_INDEX` (1-based index), as the statistics name an article. */
  | { kind: 'read' | 'share'; at: number; openid: string; article: string };

/** How many activities the state keeps (the oldest go first). */
export const ACTIVITY_LIMIT = 20_000;

/**
 * The `user_source` of getusersummary for a fan's `subscribe_scene`.
 *
 * @example
 * ```ts
 * userSource('ADD_SCENE_QR_CODE'); // 30
 * ```
 */
export function userSource(subscribeScene: string): number {
  const sources: Readonly<Record<string, number>> = {
    ADD_SCENE_SEARCH: 1,
    ADD_SCENE_PROFILE_CARD: 17,
    ADD_SCENE_QR_CODE: 30,
    ADD_SCENE_PROFILE_LINK: 57,
    ADD_SCENE_WECHAT_ADVERTISEMENT: 100,
    ADD_SCENE_WXA: 149,
    ADD_SCENE_REPRINT: 161,
    ADD_SCENE_CHANNELS: 200,
    ADD_SCENE_LIVESTREAM: 201,
  };
  return sources[subscribeScene] ?? 0;
}

/**
 * Everything recorded, oldest first.
 *
 * @example
 * ```ts
 * activities(state).filter((a) => a.kind === 'message').length;
 * ```
 */
export function activities(state: EmulatorState): Activity[] {
  return state.slot<Activity[]>('activity', () => []);
}

/**
 * Records one activity (and announces the change, so a state file keeps it).
 *
 * @example
 * ```ts
 * recordActivity(state, { kind: 'message', at: state.now(), openid: 'oFan', msgType: 'text' });
 * ```
 */
export function recordActivity(state: EmulatorState, activity: Activity): void {
  const list = activities(state);
  list.push(activity);
  if (list.length > ACTIVITY_LIMIT) list.splice(0, list.length - ACTIVITY_LIMIT);
  state.markModified();
}
