// The phone's chrome: the header (account, fan) and the bottom bar, which shows the follow button, the menu or the
// input bar depending on the fan.
import { profileCard } from './chat.js';
import { $, ui } from './elements.js';
import { closeSubmenu, tapTop } from './menu.js';
import { h, svg } from './render.js';
import { fan, S } from './state.js';
import { drawTitle } from './typing.js';

const SUBMENU_GLYPH =
  '<svg viewBox="0 0 12 12" aria-hidden="true"><path d="M1 2.5h10M1 6h10M1 9.5h10" stroke="#7a7a7a" stroke-width="1.2"/></svg>';

/** Redraws the header and the bottom bar for the current fan and the last snapshot. */
export function drawChrome() {
  const f = fan();
  drawTitle();
  ui.fanName.textContent = f ? f.nickname : '';
  document.title = `${S.page.account.name} · wxmp 模拟器`;
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
  closeSubmenu();
  ui.menuButtons.replaceChildren(
    ...(menu?.button ?? []).map((b, i) =>
      // The three-line glyph WeChat puts before parents of a sub-menu.
      h(
        'button',
        { 'data-menu': i, onclick: (e) => tapTop(b, i, e.currentTarget) },
        b.sub_button ? svg(SUBMENU_GLYPH) : null,
        b.name,
      ),
    ),
  );
}
