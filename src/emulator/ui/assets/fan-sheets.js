// The sheets of the header: switching or creating the fan who holds the phone (the back button), and the "…" menu
// (follow, unfollow, scan a QR code, report the location).
import { api } from './api.js';
import { fanAvatar } from './chat.js';
import { toast, ui } from './elements.js';
import { act } from './fan-actions.js';
import { plusActions } from './input-bar.js';
import { h } from './render.js';
import { closeSheet, form, openSheet } from './sheet.js';
import { fan, S } from './state.js';
import { refresh, switchFan } from './sync.js';
import { showView } from './views.js';

/** The list of fans to switch to, and a button to create one. */
export function fanSheet() {
  ui.backdrop.onclick = closeSheet;
  const rows = S.page.fans.map((f) =>
    h(
      'button',
      {
        class: 'fan-row',
        'data-openid': f.openid,
        onclick: () => {
          closeSheet();
          switchFan(f.openid);
        },
      },
      fanAvatar(f),
      h('span', {}, f.nickname, f.following ? '' : ' (未关注)', h('small', {}, f.openid)),
      f.openid === S.current ? h('span', { class: 'check' }, '✓') : null,
    ),
  );
  openSheet(
    h('h2', {}, '切换用户 · Switch fan'),
    h(
      'div',
      { class: 'actions' },
      rows,
      h('button', { id: 'new-fan', onclick: newFan }, '＋ 新建用户 New fan'),
    ),
    h('button', { class: 'cancel', onclick: closeSheet }, '取消'),
  );
}

async function newFan() {
  const v = await form(
    '新建用户 New fan',
    [{ name: 'nickname', label: '昵称 Nickname', value: `用户${S.page.fans.length + 1}` }],
    '新用户还没有关注公众号。A new fan does not follow yet.',
  );
  if (!v) return;
  try {
    const created = await api('/__emulator/fans', { nickname: v.nickname || undefined });
    await refresh();
    switchFan(created.openid);
  } catch (err) {
    toast(err.message);
  }
}

/** The "…" menu of the header: what the fan can do besides chatting. */
export function moreSheet() {
  const f = fan();
  ui.backdrop.onclick = closeSheet;
  const item = (label, fn, extra = {}) =>
    h(
      'button',
      {
        ...extra,
        onclick: () => {
          closeSheet();
          fn();
        },
      },
      label,
    );
  openSheet(
    h('h2', {}, `${f.nickname} · ${f.following ? '已关注' : '未关注'}`),
    h(
      'div',
      { class: 'actions' },
      f.following
        ? item('不再关注 Unfollow', () => act('unfollow'), { class: 'danger', id: 'act-unfollow' })
        : item('关注公众号 Follow', () => act('follow'), { id: 'act-follow' }),
      item('扫描带参数二维码 Scan QR', scanSheet, { id: 'act-scan' }),
      item('上报地理位置 LOCATION', plusActions.report),
      item('切换用户 Switch fan', fanSheet),
      item('开发者面板 Developer panel', () => showView('dev')),
    ),
    h('button', { class: 'cancel', onclick: closeSheet }, '取消'),
  );
}

async function scanSheet() {
  await refresh();
  const tickets = S.page.qrTickets ?? [];
  const fields = [{ name: 'ticket', label: 'ticket (粘贴 paste)', value: tickets[0]?.ticket ?? '' }];
  if (tickets.length)
    fields.unshift({
      name: 'picked',
      label: '已创建的二维码 Created tickets',
      options: tickets.map((t) => ({ value: t.ticket, label: `scene ${t.scene}` })),
    });
  const v = await form(
    '扫描带参数二维码 · Scan QR',
    fields,
    '用 /cgi-bin/qrcode/create 创建二维码 (create a ticket through the API first).',
  );
  if (!v) return;
  const ticket = (v.ticket || v.picked || '').trim();
  if (ticket) await act('scan', { ticket });
}
