// "对方正在输入..." in place of the account's name, as WeChat shows it while the account types to the fan
// (message/custom/typing). It ends with CancelTyping, with the account's next message, or after 15 s.
import { ui } from './elements.js';
import { S } from './state.js';

/** How long WeChat shows the indicator without a message (the emulator's TYPING_MS). */
const TYPING_MS = 15_000;
const until = new Map();
let timer;

/** Starts or stops the indicator for a fan, and redraws the title if that fan holds the phone. */
export function setTyping(openid, typing) {
  if (typing) until.set(openid, Date.now() + TYPING_MS);
  else until.delete(openid);
  drawTitle();
}

/** Follows the snapshot's `typing` flags, keeping the deadline of an indicator already shown. */
export function syncTyping(fans) {
  for (const f of fans) {
    if (!f.typing) until.delete(f.openid);
    else if (!until.has(f.openid)) until.set(f.openid, Date.now() + TYPING_MS);
  }
}

/** The header's title: the account's name, or the indicator for the fan holding the phone. */
export function drawTitle() {
  clearTimeout(timer);
  const left = (until.get(S.current) ?? 0) - Date.now();
  ui.accountName.textContent = left > 0 ? '对方正在输入...' : S.page.account.name;
  ui.accountName.classList.toggle('typing', left > 0);
  if (left > 0) timer = setTimeout(drawTitle, left + 50);
}
