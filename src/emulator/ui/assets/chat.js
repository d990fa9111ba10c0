// The chat: the fan's and the account's bubbles, system notices, the account's profile card, loading a fan's chat.
import { loadChatEntries } from './api.js';
import { h } from './dom.js';
import { ui } from './elements.js';
import { avatarColor, timeLabel, viaLabel } from './labels.js';
import { showPush } from './push-list.js';
import { renderContent } from './render.js';
import { fan, page, S } from './state.js';

/** @typedef {import('../../chat-entry.js').ChatEntry} ChatEntry */
/** @typedef {import('../../world.js').Fan} Fan */

/** WeChat prints the time again when 5 minutes passed since the previous message. */
const TIME_GAP_MS = 5 * 60_000;

/** The first character of the account's name (without the `wxmp` prefix), as its avatar shows it. */
const accountInitial = () =>
  page()
    .account.name.replace(/^wxmp\s*/, '')
    .slice(0, 1) || '公';

function accountAvatar() {
  return h('div', { class: 'avatar account', title: page().account.name }, accountInitial());
}

/**
 * A fan's round avatar: the first character of the nickname on a colour of the openid.
 * @param {Pick<Fan, 'openid' | 'nickname'>} f
 */
export function fanAvatar(f) {
  return h(
    'div',
    { class: 'avatar', style: `background:${avatarColor(f.openid)}`, title: f.nickname },
    f.nickname.slice(0, 1),
  );
}

/** The account's card that WeChat shows above the chat of a fan who does not follow. */
export function profileCard() {
  const a = page().account;
  return h(
    'div',
    { class: 'profile' },
    h('div', { class: 'avatar account big' }, accountInitial()),
    h('b', {}, a.name),
    h('small', {}, `微信公众号 · ${a.ghId}`),
    h('p', {}, '模拟账号，仅用于开发。Emulated account for development.'),
  );
}

/**
 * A notice line; the service notice links to the push that failed ("why?").
 * @param {ChatEntry} entry
 */
function notice(entry) {
  const pushId = entry.msgType === 'system' ? entry.payload.pushId : undefined;
  /** @param {Event} e */
  const open = (e) => {
    e.preventDefault();
    if (pushId) showPush(pushId);
  };
  const why = pushId ? h('a', { href: `#push-${pushId}`, onclick: open }, '原因 why?') : null;
  const content = 'content' in entry.payload ? entry.payload.content : '';
  return h('div', { class: 'notice', 'data-id': entry.id }, content, why);
}

/**
 * A message row: the avatar on its side, the content, and how it arrived.
 * @param {ChatEntry} entry
 * @param {HTMLElement} content
 */
function messageRow(entry, content) {
  const mine = entry.direction === 'in';
  const sender = fan();
  const via = viaLabel(entry);
  return h(
    'div',
    { class: `msg ${mine ? 'mine' : 'theirs'}`, 'data-id': entry.id, 'data-type': entry.msgType },
    mine && sender ? fanAvatar(sender) : accountAvatar(),
    h('div', { class: 'content' }, content, via ? h('div', { class: 'via' }, via) : null),
  );
}

/**
 * The nodes of one entry: a time line when time has passed, then the message or the notice.
 * @param {ChatEntry} entry
 * @param {ChatEntry | undefined} previous
 * @returns {HTMLElement[]}
 */
function entryNodes(entry, previous) {
  const time =
    !previous || entry.at - previous.at > TIME_GAP_MS
      ? [h('div', { class: 'time' }, timeLabel(entry.at))]
      : [];
  const content = renderContent(entry);
  return [...time, content ? messageRow(entry, content) : notice(entry)];
}

function scrollDown() {
  ui.chat.scrollTop = ui.chat.scrollHeight;
  // Images finish loading later and grow the chat.
  for (const img of ui.chat.querySelectorAll('img:not([data-w])')) {
    if (!(img instanceof HTMLImageElement)) continue;
    img.dataset['w'] = '1';
    img.addEventListener('load', () => (ui.chat.scrollTop = ui.chat.scrollHeight), { once: true });
  }
}

/**
 * Draws one chat entry of the current fan, once by id; held back while {@link loadChat} waits for the snapshot.
 * @param {ChatEntry} entry
 */
export function addEntry(entry) {
  if (entry.openid !== S.current) return;
  // While loadChat waits for the snapshot, live entries wait too: the snapshot would wipe them.
  if (S.arrivedWhileLoading) return void S.arrivedWhileLoading.push(entry);
  if (S.seen.has(entry.id)) return;
  S.seen.add(entry.id);
  const nearBottom = ui.chat.scrollHeight - ui.chat.scrollTop - ui.chat.clientHeight < 120;
  ui.chat.append(...entryNodes(entry, S.entries.at(-1)));
  S.entries.push(entry);
  if (nearBottom || entry.direction === 'in') scrollDown();
}

/** Redraws the current fan's chat from its snapshot, then the live entries that arrived meanwhile. */
export async function loadChat() {
  /** @type {ChatEntry[]} */
  const arrived = [];
  S.arrivedWhileLoading = arrived;
  try {
    const entries = await loadChatEntries(S.current ?? '');
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
