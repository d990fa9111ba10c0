// Keeping the page in step with the emulator: snapshots (/__emulator/page, a fan's chat, the pushes) and the live
// events over SSE, subscribed to before any snapshot is read so that nothing falls between the two.
import { api } from './api.js';
import { addEntry, loadChat } from './chat.js';
import { drawChrome } from './chrome.js';
import { ui } from './elements.js';
import { settingsView } from './panel.js';
import { addPush } from './push-list.js';
import { fan, S } from './state.js';
import { setTyping, syncTyping } from './typing.js';

function drawSettings() {
  ui.settings.replaceChildren(settingsView(S.page, refresh));
}

/** Reads the page snapshot (account, fans, menu…) and redraws the chrome and, unless being edited, the settings. */
export async function refresh() {
  S.page = await api('/__emulator/page');
  if (!fan()) S.current = S.page.fans[0]?.openid ?? null;
  syncTyping(S.page.fans);
  drawChrome();
  if (ui.settings.hidden || !ui.settings.contains(document.activeElement)) drawSettings();
}

/** Hands the phone to another fan: remembered for the next visit and for the OAuth page, and their chat drawn. */
export async function switchFan(openid) {
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
    events.addEventListener('chat', (e) => {
      const entry = JSON.parse(e.data);
      // The account's message ends its "typing…".
      if (entry.direction === 'out') setTyping(entry.openid, false);
      addEntry(entry);
    });
    events.addEventListener('push', (e) => addPush(JSON.parse(e.data)));
    events.addEventListener('change', () => void refresh());
    events.addEventListener('typing', (e) => {
      const { openid, typing } = JSON.parse(e.data);
      setTyping(openid, typing);
    });
    let seen = false;
    events.addEventListener('hello', () => {
      // After a reconnect (emulator restarted), redraw from scratch.
      if (seen) void refresh().then(loadChat);
      seen = true;
      resolve();
    });
  });
}

/** Connects, draws the saved (or first) fan's chat and every push, then marks the page ready (`body[data-ready]`). */
export async function start() {
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
