// What the page draws from: the snapshot of /__emulator/page, the current fan, its chat and the pushes.

/** @typedef {import('../page-snapshot.js').PageSnapshot} PageSnapshot */
/** @typedef {import('../page-snapshot.js').PageFan} PageFan */
/** @typedef {import('../../chat-entry.js').ChatEntry} ChatEntry */
/** @typedef {import('../../world.js').PushRecord} PushRecord */

/**
 * @typedef {object} PageState
 * @property {PageSnapshot | null} page The last snapshot; null until the first arrives.
 * @property {string | null} current The openid of the fan holding the phone.
 * @property {ChatEntry[]} entries The current fan's chat, as drawn.
 * @property {Set<string>} seen The ids of the entries drawn.
 * @property {ChatEntry[] | null} arrivedWhileLoading Live entries held back while a chat snapshot loads.
 * @property {PushRecord[] | null} pushesWhileLoading Live pushes held back while the push log loads.
 * @property {PushRecord[]} pushes The pushes listed in the developer panel.
 * @property {boolean} keyboard The fan chose the keyboard over the menu.
 * @property {number} pending Fan actions on their way.
 */

/** @type {PageState} */
export const S = {
  page: null,
  current: null,
  entries: [],
  seen: new Set(),
  arrivedWhileLoading: null,
  pushesWhileLoading: [],
  pushes: [],
  keyboard: false,
  pending: 0,
};

/**
 * The last snapshot; the page draws nothing before the first one.
 * @returns {PageSnapshot}
 */
export function page() {
  if (!S.page) throw new Error('the page has not loaded its snapshot yet');
  return S.page;
}

/**
 * The fan holding the phone, from the last snapshot.
 * @returns {PageFan | undefined}
 */
export const fan = () => S.page?.fans.find((f) => f.openid === S.current);

/**
 * A fan's nickname, or the openid when the snapshot does not know it.
 * @param {string} openid
 */
export const fanName = (openid) => S.page?.fans.find((f) => f.openid === openid)?.nickname ?? openid;
