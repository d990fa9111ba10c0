/**
 * The blacklist (reference §9.7): `fan.blacklisted` in `state.fans`, listed in WeChat's openid pages and changed 20
 * openids at a time.
 * @module
 */
import type { EmulatorState } from '../state.js';
import type { Handlers } from './core/handler.js';
import { openidPage } from './core/paging.js';
import { OK } from './core/respond.js';
import { fansByOpenid } from './user.js';

/** Openids per batchblacklist / batchunblacklist call. */
export const BLACKLIST_BATCH_SIZE = 20;

function setBlacklisted(state: EmulatorState, list: unknown, blacklisted: boolean): typeof OK {
  for (const fan of fansByOpenid(state, list, BLACKLIST_BATCH_SIZE)) fan.blacklisted = blacklisted;
  state.emit('change', 'fans');
  return OK;
}

/**
 * The handlers of the blacklist endpoints.
 *
 * @example
 * ```ts
 * Object.keys(blacklistHandlers); // ['blacklist.get', 'blacklist.batchBlacklist', …]
 * ```
 */
export const blacklistHandlers: Handlers = {
  'blacklist.get': ({ state, body }) => {
    const openids = [...state.fans.values()].filter((f) => f.blacklisted).map((f) => f.openid);
    return { total: openids.length, ...openidPage(openids, body['begin_openid']) };
  },
  'blacklist.batchBlacklist': ({ state, body }) => setBlacklisted(state, body['openid_list'], true),
  'blacklist.batchUnblacklist': ({ state, body }) => setBlacklisted(state, body['openid_list'], false),
};
