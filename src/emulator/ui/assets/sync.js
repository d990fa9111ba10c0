// Keeping the page in step with the emulator: snapshots (/__emulator/page, a fan's chat, the pushes) and the live
// events over SSE, subscribed to before any snapshot is read so that nothing falls between the two. Nothing polls:
// every change the page shows arrives as an event.
import { loadPage, loadPushes } from './api.js';
import { addEntry, loadChat } from './chat.js';
import { drawChrome } from './chrome.js';
import { ui } from './elements.js';
import { addPush } from './push-list.js';
import { settingsView } from './settings.js';
import { fan, page, S } from './state.js';
import { setTyping, syncTyping } from './typing.js';

/** @typedef {import('../../chat-entry.js').ChatEntry} ChatEntry */
/** @typedef {import('../../world.js').PushRecord} PushRecord */

function drawSettings() {
  ui.settings.replaceChildren(settingsView(page(), () => void refresh()));
}

/** Reads the page snapshot (account, fans, menu…) and redraws the chrome and, unless being edited, the settings. */
export async function refresh() {
  S.page = await loadPage();
  if (!fan()) S.current = S.page.fans[0]?.openid ?? null;
  syncTyping(S.page.fans);
  drawChrome();
  if (ui.settings.hidden || !ui.settings.contains(document.activeElement)) drawSettings();
}

/**
 * Hands the phone to another fan: remembered for the next visit and for the OAuth page, and their chat drawn.
 * @param {string} openid
 */
export async function switchFan(openid) {
  S.current = openid;
  localStorage.setItem('wxmp.fan', openid);
  // The OAuth page reads this cookie to know who is holding the phone.
  document.cookie = `wxmp_fan=${encodeURIComponent(openid)}; path=/; SameSite=Lax`;
  S.keyboard = false;
  await loadChat();
  drawChrome();
}

/**
 * A chat entry as it arrives; the account's message ends its "typing…".
 * @param {ChatEntry} entry
 */
function onChat(entry) {
  if (entry.direction === 'out') setTyping(entry.openid, false);
  addEntry(entry);
}

/**
 * Reads an event's JSON.
 * @template T
 * @param {Event} e
 * @returns {T}
 */
const data = (e) => JSON.parse(/** @type {MessageEvent<string>} */ (e).data);

/** Subscribes to live events; resolves once the emulator says hello, i.e. once nothing can be missed. */
function connect() {
  return new Promise((resolve) => {
    const events = new EventSource('/__emulator/events');
    events.addEventListener('chat', (e) => onChat(data(e)));
    events.addEventListener('push', (e) => addPush(data(e)));
    events.addEventListener('change', () => void refresh());
    events.addEventListener('typing', (e) => {
      const { openid, typing } = /** @type {{ openid: string; typing: boolean }} */ (data(e));
      setTyping(openid, typing);
    });
    let seen = false;
    events.addEventListener('hello', () => {
      // After a reconnect (emulator restarted), redraw from scratch.
      if (seen) void refresh().then(loadChat);
      seen = true;
      resolve(undefined);
    });
  });
}

/** Lists every push of the log, then those that arrived while it loaded. */
async function loadPushList() {
  const pushes = await loadPushes();
  const arrived = S.pushesWhileLoading ?? [];
  S.pushesWhileLoading = null;
  for (const p of [...pushes, ...arrived]) addPush(p);
  for (const el of ui.pushList.querySelectorAll('.flash')) el.classList.remove('flash');
}

/** Connects, draws the saved (or first) fan's chat and every push, then marks the page ready (`body[data-ready]`). */
export async function start() {
  // Subscribe before reading the snapshots, so an event between the two is never lost.
  await connect();
  await refresh();
  const saved = localStorage.getItem('wxmp.fan');
  const first = page().fans.some((f) => f.openid === saved) ? saved : S.current;
  if (first) await switchFan(first);
  await loadPushList();
  document.body.dataset['ready'] = 'true';
}
