// The custom menu at the bottom: top buttons, their sub-menus, and what a tap does for each button type.
import { filePayload } from './api.js';
import { h } from './dom.js';
import { $, toast, ui } from './elements.js';
import { act } from './fan-actions.js';
import { pickFile } from './input-bar.js';
import { form, locationForm } from './sheet.js';
import { S } from './state.js';
import { isSubscribeMsgUrl, oneTimeSheet } from './subscribe-sheets.js';

/** @typedef {import('../../world.js').MenuButton} MenuButton */

/** Closes the open sub-menu, if any. */
export function closeSubmenu() {
  ui.submenu.hidden = true;
  for (const b of ui.menuButtons.querySelectorAll('.open')) b.classList.remove('open');
}

/**
 * Places the open sub-menu above its top button `el`, inside the phone.
 * @param {HTMLElement} el
 */
function placeSubmenu(el) {
  const phone = $('phone').getBoundingClientRect();
  const r = el.getBoundingClientRect();
  const width = Math.max(r.width - 12, 110);
  ui.submenu.style.width = `${width}px`;
  ui.submenu.style.left = `${Math.min(Math.max(r.left - phone.left + r.width / 2 - width / 2, 6), phone.width - width - 6)}px`;
  ui.submenu.style.bottom = `${phone.bottom - r.top + 8}px`;
  ui.submenu.querySelector('button')?.style.setProperty('border-top', '0');
}

/**
 * The sub-menu of the top button at `index`.
 * @param {MenuButton[]} subs
 * @param {number} index
 */
function submenuButtons(subs, index) {
  return subs.map((sub, j) => {
    const tap = () => {
      closeSubmenu();
      void tapButton(sub, [index, j]);
    };
    return h('button', { 'data-sub': `${index}-${j}`, onclick: tap }, sub.name);
  });
}

/**
 * A tap on a top button `el`: a leaf acts at once, a parent opens (or closes) its sub-menu above it.
 * @param {MenuButton} button
 * @param {number} index
 * @param {HTMLElement} el
 */
export function tapTop(button, index, el) {
  if (!button.sub_button) {
    closeSubmenu();
    return void tapButton(button, [index]);
  }
  // A parent only opens its sub-menu; WeChat pushes nothing for it.
  const wasOpen = el.classList.contains('open');
  closeSubmenu();
  if (wasOpen) return;
  el.classList.add('open');
  ui.submenu.replaceChildren(...submenuButtons(button.sub_button, index));
  ui.submenu.hidden = false;
  placeSubmenu(el);
}

const OAUTH = /^https?:\/\/open\.weixin\.qq\.com(\/connect\/oauth2\/authorize[^#]*)/;

/**
 * A VIEW button opens its page; WeChat's authorize URL is served by the emulator, for the current fan, and the
 * one-time subscription page is a sheet of the phone.
 * @param {string} url
 */
function openPage(url) {
  if (isSubscribeMsgUrl(url)) return oneTimeSheet(url);
  const path = OAUTH.exec(url)?.[1];
  const target = path
    ? `${path}${path.includes('?') ? '&' : '?'}fan=${encodeURIComponent(S.current ?? '')}`
    : url;
  window.open(target, '_blank', 'noopener');
}

/**
 * What a button asks the fan before the tap is sent (what the camera read, a photo, a place), or `{}` for none;
 * null when the fan cancelled.
 * @param {string} type
 * @returns {Promise<Record<string, unknown> | null>}
 */
async function tapInput(type) {
  if (type === 'scancode_push' || type === 'scancode_waitmsg') {
    return form('扫一扫 · 模拟扫码结果', [
      { name: 'scanResult', label: '扫码结果 ScanResult', value: 'https://example.com/qr' },
      { name: 'scanType', label: '类型 ScanType', options: ['qrcode', 'barcode'] },
    ]);
  }
  if (type.startsWith('pic_')) {
    const file = await pickFile('file-image');
    return file ? { photo: await filePayload(file) } : null;
  }
  if (type === 'location_select') {
    const location = await locationForm('选择位置 location_select');
    return location && { location };
  }
  return {};
}

/**
 * Taps a leaf button at `path`, then opens what it opens (a page, a mini-program).
 * @param {MenuButton} button
 * @param {number[]} path
 */
async function tapButton(button, path) {
  const input = await tapInput(button.type ?? '');
  if (!input) return;
  const result = await act('menu', { path, ...input });
  if (result?.opened?.url) openPage(result.opened.url);
  const mini = result?.opened?.miniprogram;
  if (mini) toast(`打开小程序 ${mini.appid}\n${mini.pagepath}`);
}
