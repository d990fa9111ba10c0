// The sheets of the header: switching or creating the fan who holds the phone (the back button), and the "…" menu
// (follow, unfollow, scan a QR code, report the location, articles and comments, subscriptions).
import { api } from './api.js';
import { articlesSheet } from './article-sheets.js';
import { fanAvatar } from './chat.js';
import { h } from './dom.js';
import { toast, ui } from './elements.js';
import { act } from './fan-actions.js';
import { plusActions } from './input-bar.js';
import { closeSheet, form, openSheet } from './sheet.js';
import { fan, page, S } from './state.js';
import { subscribePopupSheet, subscriptionSettingsSheet } from './subscribe-sheets.js';
import { refresh, switchFan } from './sync.js';
import { showView } from './views.js';

/** @typedef {import('../page-snapshot.js').PageFan} PageFan */
/** @typedef {import('./dom.js').Child} Child */

/**
 * A button of a sheet: closes the sheet, then does `fn`.
 * @param {Record<string, unknown>} attrs
 * @param {() => unknown} fn
 * @param {...Child} children
 */
function sheetButton(attrs, fn, ...children) {
  const run = () => {
    closeSheet();
    fn();
  };
  return h('button', { ...attrs, onclick: run }, children);
}

/**
 * A fan to switch to.
 * @param {PageFan} f
 */
function fanRow(f) {
  return sheetButton(
    { class: 'fan-row', 'data-openid': f.openid },
    () => switchFan(f.openid),
    fanAvatar(f),
    h('span', {}, f.nickname, f.following ? '' : ' (未关注)', h('small', {}, f.openid)),
    f.openid === S.current ? h('span', { class: 'check' }, '✓') : null,
  );
}

/** The list of fans to switch to, and a button to create one. */
export function fanSheet() {
  ui.backdrop.onclick = closeSheet;
  const create = h('button', { id: 'new-fan', onclick: newFan }, '＋ 新建用户 New fan');
  openSheet(
    h('h2', {}, '切换用户 · Switch fan'),
    h('div', { class: 'actions' }, page().fans.map(fanRow), create),
    h('button', { class: 'cancel', onclick: closeSheet }, '取消'),
  );
}

async function newFan() {
  const v = await form(
    '新建用户 New fan',
    [{ name: 'nickname', label: '昵称 Nickname', value: `用户${page().fans.length + 1}` }],
    '新用户还没有关注公众号。A new fan does not follow yet.',
  );
  if (!v) return;
  try {
    const created = /** @type {{ openid: string }} */ (
      await api('/__emulator/fans', { nickname: v['nickname'] || undefined })
    );
    await refresh();
    await switchFan(created.openid);
  } catch (err) {
    toast(err instanceof Error ? err.message : String(err));
  }
}

/** The "…" menu of the header: what the fan can do besides chatting. */
export function moreSheet() {
  const f = fan();
  if (!f) return;
  ui.backdrop.onclick = closeSheet;
  const follow = f.following
    ? sheetButton({ class: 'danger', id: 'act-unfollow' }, () => act('unfollow'), '不再关注 Unfollow')
    : sheetButton({ id: 'act-follow' }, () => act('follow'), '关注公众号 Follow');
  openSheet(
    h('h2', {}, `${f.nickname} · ${f.following ? '已关注' : '未关注'}`),
    h(
      'div',
      { class: 'actions' },
      follow,
      sheetButton({ id: 'act-scan' }, scanSheet, '扫描带参数二维码 Scan QR'),
      sheetButton({}, plusActions['report'] ?? (() => undefined), '上报地理位置 LOCATION'),
      sheetButton({ id: 'act-articles' }, articlesSheet, '文章与留言 Articles'),
      sheetButton({ id: 'act-subscribe' }, subscribePopupSheet, '订阅通知 Subscribe'),
      sheetButton({ id: 'act-notifications' }, subscriptionSettingsSheet, '通知管理 Notification settings'),
      sheetButton({}, fanSheet, '切换用户 Switch fan'),
      sheetButton({}, () => showView('dev'), '开发者面板 Developer panel'),
    ),
    h('button', { class: 'cancel', onclick: closeSheet }, '取消'),
  );
}

/** Scans a QR code with parameters: one the account created (picked), or a pasted ticket. */
async function scanSheet() {
  await refresh();
  const tickets = page().qrTickets;
  /** @type {import('./sheet.js').FormField[]} */
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
  const ticket = (v['ticket'] || v['picked'] || '').trim();
  if (ticket) await act('scan', { ticket });
}
