// The phone's chrome: the header (account, fan) and the bottom bar, which shows the follow button, the menu or the
// input bar depending on the fan.
import { profileCard } from './chat.js';
import { h, svg } from './dom.js';
import { $, ui } from './elements.js';
import { closeSubmenu, tapTop } from './menu.js';
import { fan, page, S } from './state.js';
import { drawTitle } from './typing.js';

/** @typedef {import('../../world.js').MenuButton} MenuButton */

const SUBMENU_GLYPH =
  '<svg viewBox="0 0 12 12" aria-hidden="true"><path d="M1 2.5h10M1 6h10M1 9.5h10" stroke="#7a7a7a" stroke-width="1.2"/></svg>';

/**
 * The top buttons of the menu; parents of a sub-menu get the three-line glyph WeChat puts before them.
 * @param {MenuButton[]} buttons
 */
function menuButtons(buttons) {
  return buttons.map((b, i) => {
    /** @param {Event} e */
    const tap = (e) => tapTop(b, i, /** @type {HTMLElement} */ (e.currentTarget));
    return h('button', { 'data-menu': i, onclick: tap }, b.sub_button ? svg(SUBMENU_GLYPH) : null, b.name);
  });
}

/** What the hint above the input says while the account has no custom menu. */
function noMenuHint() {
  return [
    '这个公众号还没有自定义菜单, 推送一个 (no menu yet; push one):',
    h('code', {}, `WECHAT_API_BASE=${page().apiBase} npx wxmp menu push menu.json`),
  ];
}

/** Redraws the header and the bottom bar for the current fan and the last snapshot. */
export function drawChrome() {
  const f = fan();
  drawTitle();
  ui.fanName.textContent = f ? f.nickname : '';
  document.title = `${page().account.name} · wxmp 模拟器`;
  const menu = f?.menu;
  const following = f?.following;
  ui.followBar.hidden = following !== false;
  const hasMenu = Boolean(menu && menu.button.length);
  const keyboard = S.keyboard || !hasMenu;
  ui.menuBar.hidden = !following || keyboard;
  ui.inputBar.hidden = !following || !keyboard;
  $('to-menu').hidden = !hasMenu;
  if (!following) ui.plusPanel.hidden = true;
  // Not following: WeChat shows the account's profile and a follow button instead of the input.
  ui.chat.querySelector('.profile')?.remove();
  if (following === false) ui.chat.prepend(profileCard());
  // A follower of an account without a menu sees only the keyboard: say how to give the account one.
  const hint = $('no-menu-hint');
  hint.hidden = !following || hasMenu;
  if (!hint.hidden && !hint.firstChild) hint.replaceChildren(...noMenuHint());
  closeSubmenu();
  ui.menuButtons.replaceChildren(...menuButtons(menu?.button ?? []));
}
