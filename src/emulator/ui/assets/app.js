// The phone page: one fan's chat with the account, the custom menu, the input bar with its "+" panel, fan switching,
// follow/unfollow/scan; and the developer panel. State comes from /__emulator/page and live events over SSE.
import { api, filePayload, videoThumb } from './api.js';
import { pushItem, settingsView } from './panel.js';
import { avatarColor, h, renderContent, svg, timeLabel, viaLabel } from './render.js';

const SUBMENU_GLYPH =
  '<svg viewBox="0 0 12 12" aria-hidden="true"><path d="M1 2.5h10M1 6h10M1 9.5h10" stroke="#7a7a7a" stroke-width="1.2"/></svg>';

const $ = (id) => document.getElementById(id);
const ui = {
  layout: $('layout'),
  chat: $('chat'),
  accountName: $('account-name'),
  fanName: $('fan-name'),
  busy: $('busy'),
  followBar: $('follow-bar'),
  menuBar: $('menu-bar'),
  menuButtons: $('menu-buttons'),
  inputBar: $('input-bar'),
  input: $('input'),
  send: $('send'),
  plus: $('plus'),
  plusPanel: $('plus-panel'),
  submenu: $('submenu'),
  sheet: $('sheet'),
  backdrop: $('sheet-backdrop'),
  toast: $('toast'),
  pushList: $('push-list'),
  pushesEmpty: $('pushes-empty'),
  pushCount: $('push-count'),
  tabDevCount: $('tab-dev-count'),
  settings: $('dev-settings'),
};

/** Everything the page draws from. */
const S = {
  page: null,
  current: null,
  entries: [],
  seen: new Set(),
  arrivedWhileLoading: null,
  pushesWhileLoading: [],
  pushes: [],
  keyboard: false,
  pending: 0,
};

const fan = () => S.page?.fans.find((f) => f.openid === S.current);
const fanName = (openid) => S.page?.fans.find((f) => f.openid === openid)?.nickname ?? openid;

function toast(text, ms = 2600) {
  ui.toast.textContent = text;
  ui.toast.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (ui.toast.hidden = true), ms);
}

/** Runs a fan action; the chat updates from the live events, errors become a toast. */
async function act(path, body) {
  S.pending += 1;
  ui.busy.hidden = false;
  try {
    const result = await api(`/__emulator/fans/${encodeURIComponent(S.current)}/${path}`, body ?? {});
    // Live events may be late or blocked (proxy); the answer carries the same entries, drawn once by id.
    for (const entry of result.sent ?? []) addEntry(entry);
    for (const push of result.pushes ?? []) {
      addPush(push.record);
      for (const entry of push.entries) addEntry(entry);
    }
    return result;
  } catch (err) {
    toast(err.message);
    return undefined;
  } finally {
    S.pending -= 1;
    ui.busy.hidden = S.pending === 0;
  }
}

// ---------- chat ----------

function accountAvatar() {
  return h(
    'div',
    { class: 'avatar account', title: S.page.account.name },
    S.page.account.name.replace(/^wxmp\s*/, '').slice(0, 1) || '公',
  );
}

function fanAvatar(f) {
  return h(
    'div',
    { class: 'avatar', style: `background:${avatarColor(f.openid)}`, title: f.nickname },
    f.nickname.slice(0, 1),
  );
}

function profileCard() {
  const a = S.page.account;
  return h(
    'div',
    { class: 'profile' },
    h('div', { class: 'avatar account big' }, a.name.replace(/^wxmp\s*/, '').slice(0, 1) || '公'),
    h('b', {}, a.name),
    h('small', {}, `微信公众号 · ${a.ghId}`),
    h('p', {}, '模拟账号，仅用于开发。Emulated account for development.'),
  );
}

function entryNode(entry, previous) {
  const nodes = [];
  if (!previous || entry.at - previous.at > 5 * 60_000)
    nodes.push(h('div', { class: 'time' }, timeLabel(entry.at)));
  const content =
    entry.via === 'system' && (entry.msgType === 'system' || entry.msgType === 'transfer_customer_service')
      ? undefined
      : renderContent(entry, { menuReply });
  if (!content) {
    const pushId = entry.payload?.pushId;
    const why = pushId
      ? h(
          'a',
          { href: `#push-${pushId}`, onclick: (e) => (e.preventDefault(), showPush(pushId)) },
          '原因 why?',
        )
      : null;
    nodes.push(h('div', { class: 'notice', 'data-id': entry.id }, entry.payload?.content ?? '', why));
    return nodes;
  }
  const mine = entry.direction === 'in';
  const f = fan();
  const via = viaLabel(entry);
  nodes.push(
    h(
      'div',
      { class: `msg ${mine ? 'mine' : 'theirs'}`, 'data-id': entry.id, 'data-type': entry.msgType },
      mine ? fanAvatar(f) : accountAvatar(),
      h('div', { class: 'content' }, content, via ? h('div', { class: 'via' }, via) : null),
    ),
  );
  return nodes;
}

function addEntry(entry) {
  if (entry.openid !== S.current) return;
  // While loadChat waits for the snapshot, live entries wait too: the snapshot would wipe them.
  if (S.arrivedWhileLoading) return void S.arrivedWhileLoading.push(entry);
  if (S.seen.has(entry.id)) return;
  S.seen.add(entry.id);
  const nearBottom = ui.chat.scrollHeight - ui.chat.scrollTop - ui.chat.clientHeight < 120;
  ui.chat.append(...entryNode(entry, S.entries.at(-1)));
  S.entries.push(entry);
  if (nearBottom || entry.direction === 'in') scrollDown();
}

function scrollDown() {
  ui.chat.scrollTop = ui.chat.scrollHeight;
  // Images finish loading later and grow the chat.
  for (const img of ui.chat.querySelectorAll('img:not([data-w])')) {
    img.dataset.w = '1';
    img.addEventListener('load', () => (ui.chat.scrollTop = ui.chat.scrollHeight), { once: true });
  }
}

async function loadChat() {
  const arrived = [];
  S.arrivedWhileLoading = arrived;
  try {
    const { entries } = await api(`/__emulator/fans/${encodeURIComponent(S.current)}/chat`);
    S.entries = [];
    S.seen = new Set();
    ui.chat.replaceChildren();
    S.arrivedWhileLoading = null;
    for (const e of [...entries, ...arrived]) addEntry(e);
  } finally {
    if (S.arrivedWhileLoading === arrived) S.arrivedWhileLoading = null;
  }
  scrollDown();
}

// ---------- header, bottom bar, menu ----------

function drawChrome() {
  const f = fan();
  ui.accountName.textContent = S.page.account.name;
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

function closeSubmenu() {
  ui.submenu.hidden = true;
  for (const b of ui.menuButtons.querySelectorAll('.open')) b.classList.remove('open');
}

function tapTop(button, index, el) {
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

// ---------- input bar and "+" panel ----------

async function sendText() {
  const content = ui.input.value;
  if (!content.trim()) return;
  ui.input.value = '';
  resizeInput();
  await act('text', { content });
}

function menuReply(id, content) {
  return act('text', { content, bizMsgMenuId: id });
}

function resizeInput() {
  ui.input.style.height = 'auto';
  ui.input.style.height = `${Math.min(ui.input.scrollHeight, 110)}px`;
  const typing = ui.input.value.length > 0;
  ui.send.hidden = !typing;
  ui.plus.hidden = typing;
}

function pickFile(id) {
  const input = $(id);
  input.value = '';
  return new Promise((resolve) => {
    input.onchange = () => resolve(input.files?.[0]);
    input.click();
  });
}

const plusActions = {
  async image() {
    const file = await pickFile('file-image');
    if (file) await act('image', { file: await filePayload(file) });
  },
  async voice() {
    const file = await pickFile('file-voice');
    if (file) await act('voice', { file: await filePayload(file) });
  },
  async video() {
    const file = await pickFile('file-video');
    if (!file) return;
    const thumb = await videoThumb(file);
    await act('video', { file: await filePayload(file), ...(thumb ? { thumb } : {}) });
  },
  async location() {
    const v = await locationForm('发送位置 Location');
    if (v) await act('location', v);
  },
  async link() {
    const v = await form('发送链接 Link', [
      { name: 'title', label: '标题 Title', value: '公众平台官网链接' },
      { name: 'description', label: '描述 Description', value: '' },
      { name: 'url', label: '网址 Url', value: 'https://mp.weixin.qq.com/' },
    ]);
    if (v) await act('link', v);
  },
  async report() {
    const v = await form('上报地理位置 LOCATION event', [
      { name: 'latitude', label: '纬度 Latitude', value: '23.137466', type: 'number' },
      { name: 'longitude', label: '经度 Longitude', value: '113.352425', type: 'number' },
      { name: 'precision', label: '精度 Precision', value: '119.385040', type: 'number' },
    ]);
    if (v)
      await act('location-report', {
        latitude: Number(v.latitude),
        longitude: Number(v.longitude),
        precision: Number(v.precision),
      });
  },
};

async function locationForm(title) {
  const v = await form(title, [
    { name: 'label', label: '地点 Label', value: '广州市海珠区客村艺苑路 106号' },
    { name: 'latitude', label: '纬度 Location_X', value: '23.134521', type: 'number' },
    { name: 'longitude', label: '经度 Location_Y', value: '113.358803', type: 'number' },
  ]);
  return v && { label: v.label, latitude: Number(v.latitude), longitude: Number(v.longitude), scale: 15 };
}

// ---------- sheets: forms, fan switcher, actions ----------

function openSheet(...children) {
  ui.sheet.replaceChildren(...children);
  ui.sheet.hidden = false;
  ui.backdrop.hidden = false;
}
function closeSheet() {
  ui.sheet.hidden = true;
  ui.backdrop.hidden = true;
  ui.sheet.replaceChildren();
}

/** A small form in a bottom sheet; resolves the values, or null when cancelled. */
function form(title, fields, hint) {
  return new Promise((resolve) => {
    const inputs = fields.map((f) =>
      f.options
        ? h(
            'select',
            { name: f.name },
            f.options.map((o) =>
              typeof o === 'string' ? h('option', { value: o }, o) : h('option', { value: o.value }, o.label),
            ),
          )
        : h('input', {
            name: f.name,
            value: f.value ?? '',
            type: f.type === 'number' ? 'text' : (f.type ?? 'text'),
            inputmode: f.type === 'number' ? 'decimal' : undefined,
            placeholder: f.placeholder,
          }),
    );
    const cancel = () => {
      closeSheet();
      resolve(null);
    };
    const el = h(
      'form',
      {
        onsubmit: (e) => {
          e.preventDefault();
          const values = Object.fromEntries(inputs.map((i) => [i.name, i.value]));
          closeSheet();
          resolve(values);
        },
      },
      fields.map((f, i) => h('label', {}, f.label, inputs[i])),
      hint ? h('p', { class: 'hint' }, hint) : null,
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', onclick: cancel }, '取消'),
        h('button', { class: 'primary', type: 'submit' }, '确定'),
      ),
    );
    ui.backdrop.onclick = cancel;
    openSheet(h('h2', {}, title), el);
    inputs[0]?.focus();
  });
}

function fanSheet() {
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

function moreSheet() {
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

// ---------- developer panel ----------

function addPush(record) {
  if (S.pushesWhileLoading) return void S.pushesWhileLoading.push(record);
  if (S.pushes.some((p) => p.id === record.id)) return;
  S.pushes.push(record);
  ui.pushesEmpty.hidden = true;
  const item = pushItem(record, fanName);
  item.classList.add('flash');
  ui.pushList.prepend(item);
  ui.pushCount.textContent = `(${S.pushes.length})`;
  ui.tabDevCount.textContent = `${S.pushes.length}`;
}

function showPush(id) {
  showView('dev');
  devTab('pushes');
  const el = $(`push-${id}`);
  if (el) {
    el.open = true;
    el.scrollIntoView({ block: 'start' });
  }
}

function devTab(which) {
  for (const t of document.querySelectorAll('.dev-tab'))
    t.classList.toggle('active', t.dataset.dev === which);
  $('dev-pushes').hidden = which !== 'pushes';
  ui.settings.hidden = which !== 'settings';
}

function drawSettings() {
  ui.settings.replaceChildren(settingsView(S.page, refresh));
}

/** On a phone the page shows one view at a time; on a desktop the panel sits beside the phone. */
function showView(view) {
  ui.layout.dataset.view = view;
  ui.layout.classList.remove('dev-hidden');
  $('dev-show').hidden = true;
  for (const t of document.querySelectorAll('.tab')) t.classList.toggle('active', t.dataset.view === view);
}

// ---------- state ----------

async function refresh() {
  S.page = await api('/__emulator/page');
  if (!fan()) S.current = S.page.fans[0]?.openid ?? null;
  drawChrome();
  if (ui.settings.hidden || !ui.settings.contains(document.activeElement)) drawSettings();
}

async function switchFan(openid) {
  S.current = openid;
  localStorage.setItem('wxmp.fan', openid);
  // The OAuth page reads this cookie to know who is holding the phone.
  document.cookie = `wxmp_fan=${encodeURIComponent(openid)}; path=/; SameSite=Lax`;
  S.keyboard = false;
  await loadChat();
  drawChrome();
}

/** Subscribes to live events; resolves once the emulator says hello, i.e. once nothing can be missed. */
function connect() {
  return new Promise((resolve) => {
    const events = new EventSource('/__emulator/events');
    events.addEventListener('chat', (e) => addEntry(JSON.parse(e.data)));
    events.addEventListener('push', (e) => addPush(JSON.parse(e.data)));
    events.addEventListener('change', () => void refresh());
    let seen = false;
    events.addEventListener('hello', () => {
      // After a reconnect (emulator restarted), redraw from scratch.
      if (seen) void refresh().then(loadChat);
      seen = true;
      resolve();
    });
  });
}

async function start() {
  // Subscribe before reading the snapshots, so an event between the two is never lost.
  await connect();
  await refresh();
  const saved = localStorage.getItem('wxmp.fan');
  await switchFan(S.page.fans.some((f) => f.openid === saved) ? saved : S.current);
  const { pushes } = await api('/__emulator/pushes');
  const arrived = S.pushesWhileLoading;
  S.pushesWhileLoading = null;
  for (const p of [...pushes, ...arrived]) addPush(p);
  for (const el of ui.pushList.querySelectorAll('.flash')) el.classList.remove('flash');
  document.body.dataset.ready = 'true';
}

// ---------- wiring ----------

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
ui.input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    void sendText();
  }
});
ui.plus.onclick = () => (ui.plusPanel.hidden = !ui.plusPanel.hidden);
for (const b of ui.plusPanel.querySelectorAll('button')) {
  b.onclick = () => {
    ui.plusPanel.hidden = true;
    void plusActions[b.dataset.plus]();
  };
}
$('follow-btn').onclick = () => act('follow');
$('fan-switch').onclick = fanSheet;
$('more').onclick = moreSheet;
ui.chat.addEventListener('click', closeSubmenu);
for (const t of document.querySelectorAll('.tab')) t.onclick = () => showView(t.dataset.view);
for (const t of document.querySelectorAll('.dev-tab')) t.onclick = () => devTab(t.dataset.dev);
$('dev-hide').onclick = () => {
  ui.layout.classList.add('dev-hidden');
  $('dev-show').hidden = false;
};
$('dev-show').onclick = () => showView('dev');
ui.layout.dataset.view = 'chat';

start().catch((err) => toast(`无法连接模拟器 (cannot reach the emulator): ${err.message}`, 60_000));
