// The custom menu at the bottom: top buttons, their sub-menus, and what a tap does for each button type.
import { filePayload } from './api.js';
import { $, toast, ui } from './elements.js';
import { act } from './fan-actions.js';
import { pickFile } from './input-bar.js';
import { h } from './render.js';
import { form, locationForm } from './sheet.js';
import { S } from './state.js';

/** Closes the open sub-menu, if any. */
export function closeSubmenu() {
  ui.submenu.hidden = true;
  for (const b of ui.menuButtons.querySelectorAll('.open')) b.classList.remove('open');
}

/** A tap on a top button `el`: a leaf acts at once, a parent opens (or closes) its sub-menu above it. */
export function tapTop(button, index, el) {
  if (!button.sub_button) {
    closeSubmenu();
    return tapButton(button, [index]);
  }
  // A parent only opens its sub-menu; WeChat pushes nothing for it.
  const wasOpen = el.classList.contains('open');
  closeSubmenu();
  if (wasOpen) return;
  el.classList.add('open');
  ui.submenu.replaceChildren(
    ...button.sub_button.map((sub, j) =>
      h(
        'button',
        {
          'data-sub': `${index}-${j}`,
          onclick: () => {
            closeSubmenu();
            tapButton(sub, [index, j]);
          },
        },
        sub.name,
      ),
    ),
  );
  ui.submenu.hidden = false;
  const phone = $('phone').getBoundingClientRect();
  const r = el.getBoundingClientRect();
  const width = Math.max(r.width - 12, 110);
  ui.submenu.style.width = `${width}px`;
  ui.submenu.style.left = `${Math.min(Math.max(r.left - phone.left + r.width / 2 - width / 2, 6), phone.width - width - 6)}px`;
  ui.submenu.style.bottom = `${phone.bottom - r.top + 8}px`;
  ui.submenu.querySelector('button')?.style.setProperty('border-top', '0');
}

const OAUTH = /^https?:\/\/open\.weixin\.qq\.com(\/connect\/oauth2\/authorize[^#]*)/;

/** A VIEW button opens its page; WeChat's authorize URL is served by the emulator, for the current fan. */
function openPage(url) {
  const m = OAUTH.exec(url);
  const target = m ? `${m[1]}${m[1].includes('?') ? '&' : '?'}fan=${encodeURIComponent(S.current)}` : url;
  window.open(target, '_blank', 'noopener');
}

async function tapButton(button, path) {
  const type = button.type;
  if (type === 'scancode_push' || type === 'scancode_waitmsg') {
    const v = await form('扫一扫 · 模拟扫码结果', [
      { name: 'scanResult', label: '扫码结果 ScanResult', value: 'https://example.com/qr' },
      { name: 'scanType', label: '类型 ScanType', options: ['qrcode', 'barcode'] },
    ]);
    if (v) await act('menu', { path, ...v });
    return;
  }
  if (type && type.startsWith('pic_')) {
    const file = await pickFile('file-image');
    if (file) await act('menu', { path, photo: await filePayload(file) });
    return;
  }
  if (type === 'location_select') {
    const v = await locationForm('选择位置 location_select');
    if (v) await act('menu', { path, location: v });
    return;
  }
  const result = await act('menu', { path });
  if (result?.opened?.url) openPage(result.opened.url);
  if (result?.opened?.miniprogram)
    toast(`打开小程序 ${result.opened.miniprogram.appid}\n${result.opened.miniprogram.pagepath}`);
}
