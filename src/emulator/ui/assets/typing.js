// "对方正在输入..." in place of the account's name, as WeChat shows it while the account types to the fan
// (message/custom/typing). It ends with CancelTyping, with the account's next message, or after 15 s.
import { ui } from './elements.js';
import { page, S } from './state.js';

/** @typedef {import('../page-snapshot.js').PageFan} PageFan */

/** How long WeChat shows the indicator without a message (the emulator's TYPING_MS). */
const TYPING_MS = 15_000;
/** @type {Map<string, number>} Until when (ms) the indicator shows, by fan. */
const until = new Map();
/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;

/**
 * Starts or stops the indicator for a fan, and redraws the title if that fan holds the phone.
 * @param {string} openid
 * @param {boolean} typing
 */
export function setTyping(openid, typing) {
  if (typing) until.set(openid, Date.now() + TYPING_MS);
  else until.delete(openid);
  drawTitle();
}

/**
 * Follows the snapshot's `typing` flags, keeping the deadline of an indicator already shown.
 * @param {PageFan[]} fans
 */
export function syncTyping(fans) {
  for (const f of fans) {
    if (!f.typing) until.delete(f.openid);
    else if (!until.has(f.openid)) until.set(f.openid, Date.now() + TYPING_MS);
  }
}

/** The header's title: the account's name, or the indicator for the fan holding the phone. */
export function drawTitle() {
  clearTimeout(timer);
  const left = (until.get(S.current ?? '') ?? 0) - Date.now();
  ui.accountName.textContent = left > 0 ? '对方正在输入...' : page().account.name;
  ui.accountName.classList.toggle('typing', left > 0);
  // The indicator ends by itself: redraw once its time is up.
  if (left > 0) timer = setTimeout(drawTitle, left + 50);
}
