// The small labels of the chat: how a message arrived, a fan's avatar colour, WeChat's time lines.

/** @typedef {import('../../chat-entry.js').ChatEntry} ChatEntry */

/** @type {Partial<Record<ChatEntry['via'], string>>} */
const VIA = {
  'customer-service': '客服消息 customer service',
  mass: '群发 mass',
  template: '模板/订阅通知 template',
};

/**
 * A caption under messages that did not come as a passive reply, so the developer sees how they arrived.
 * @param {ChatEntry} entry
 * @returns {string | undefined}
 */
export function viaLabel(entry) {
  return VIA[entry.via];
}

const AVATAR_COLORS = ['#f5a623', '#4a90e2', '#7b61ff', '#e2557a', '#12b7b5', '#8b6f47'];

/**
 * A fan's avatar colour, stable per openid.
 * @param {string} openid
 * @returns {string}
 */
export function avatarColor(openid) {
  let n = 0;
  for (const ch of openid) n = (n * 31 + ch.charCodeAt(0)) >>> 0;
  return AVATAR_COLORS[n % AVATAR_COLORS.length] ?? '#888';
}

/**
 * WeChat's chat time labels: 10:05, 昨天 10:05, or a date.
 * @param {number} ms
 * @returns {string}
 */
export function timeLabel(ms) {
  const d = new Date(ms);
  const now = new Date();
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  if (d.toDateString() === now.toDateString()) return hm;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (d.toDateString() === yesterday.toDateString()) return `昨天 ${hm}`;
  return `${d.getMonth() + 1}月${d.getDate()}日 ${hm}`;
}
