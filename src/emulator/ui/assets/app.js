// The phone page: one fan's chat with the account, the custom menu, the input bar with its "+" panel, fan switching,
// follow/unfollow/scan; and the developer panel. State comes from /__emulator/page and live events over SSE.
// This file wires the page's controls to the modules that do the work, then starts.
import { drawChrome } from './chrome.js';
import { $, toast, ui } from './elements.js';
import { act, menuReply } from './fan-actions.js';
import { fanSheet, moreSheet } from './fan-sheets.js';
import { plusActions, resizeInput, sendText } from './input-bar.js';
import { closeSubmenu } from './menu.js';
import { S } from './state.js';
import { start } from './sync.js';
import { devTab, showView } from './views.js';

/**
 * A click in the chat: an item of a msgmenu message sends its text (render.js marks them), anything else closes
 * the open sub-menu.
 * @param {MouseEvent} e
 */
function chatClick(e) {
  const item = e.target instanceof Element ? e.target.closest('[data-menu-reply]') : null;
  if (item instanceof HTMLElement) {
    void menuReply(item.dataset['menuReply'] ?? '', item.dataset['content'] ?? '');
    return;
  }
  closeSubmenu();
}

/** @param {KeyboardEvent} e Enter sends; Shift+Enter and an open input method do not. */
function inputKey(e) {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    void sendText();
  }
}

function wireInputBar() {
  $('to-keyboard').onclick = () => {
    S.keyboard = true;
    drawChrome();
    ui.input.focus();
  };
  $('to-menu').onclick = () => {
    S.keyboard = false;
    ui.plusPanel.hidden = true;
    drawChrome();
  };
  ui.send.onclick = sendText;
  ui.input.addEventListener('input', resizeInput);
  ui.input.addEventListener('keydown', inputKey);
  ui.plus.onclick = () => (ui.plusPanel.hidden = !ui.plusPanel.hidden);
  for (const b of ui.plusPanel.querySelectorAll('button')) {
    b.onclick = () => {
      ui.plusPanel.hidden = true;
      void plusActions[b.dataset['plus'] ?? '']?.();
    };
  }
}

function wireViews() {
  for (const t of document.querySelectorAll('.tab'))
    if (t instanceof HTMLElement) t.onclick = () => showView(t.dataset['view'] ?? 'chat');
  for (const t of document.querySelectorAll('.dev-tab'))
    if (t instanceof HTMLElement) t.onclick = () => devTab(t.dataset['dev'] ?? 'pushes');
  $('dev-hide').onclick = () => {
    ui.layout.classList.add('dev-hidden');
    $('dev-show').hidden = false;
  };
  $('dev-show').onclick = () => showView('dev');
  ui.layout.dataset['view'] = 'chat';
}

wireInputBar();
wireViews();
$('follow-btn').onclick = () => act('follow');
$('fan-switch').onclick = fanSheet;
$('more').onclick = moreSheet;
ui.chat.addEventListener('click', chatClick);

start().catch((err) => toast(`无法连接模拟器 (cannot reach the emulator): ${err.message}`, 60_000));
