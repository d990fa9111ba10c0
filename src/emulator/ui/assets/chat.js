// The chat: the fan's and the account's bubbles, system notices, the account's profile card, loading a fan's chat.
import { api } from './api.js';
import { ui } from './elements.js';
import { menuReply } from './fan-actions.js';
import { showPush } from './push-list.js';
import { avatarColor, h, renderContent, timeLabel, viaLabel } from './render.js';
import { fan, S } from './state.js';

function accountAvatar() {
  return h(
    'div',
    { class: 'avatar account', title: S.page.account.name },
    S.page.account.name.replace(/^wxmp\s*/, '').slice(0, 1) || '公',
  );
}

/** A fan's round avatar: the first character of the nickname on a colour of the openid. */
export function fanAvatar(f) {
  return h(
    'div',
    { class: 'avatar', style: `background:${avatarColor(f.openid)}`, title: f.nickname },
    f.nickname.slice(0, 1),
  );
}

/** The account's card that WeChat shows above the chat of a fan who does not follow. */
export function profileCard() {
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

/** Draws one chat entry of the current fan, once by id; held back while {@link loadChat} waits for the snapshot. */
export function addEntry(entry) {
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

/** Redraws the current fan's chat from its snapshot, then the live entries that arrived meanwhile. */
export async function loadChat() {
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
