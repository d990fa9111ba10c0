// Running what the fan does (send, tap, follow…) through /__emulator/fans/:openid/…, and drawing its outcome.
// chat.js and this file import each other (a msgmenu bubble acts; an action draws bubbles): only functions cross,
// called after both modules have loaded.
import { api } from './api.js';
import { addEntry } from './chat.js';
import { toast, ui } from './elements.js';
import { addPush } from './push-list.js';
import { S } from './state.js';

/** Runs a fan action; the chat updates from the live events, errors become a toast. */
export async function act(path, body) {
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

/** The fan taps an item of a customer-service `msgmenu` message: WeChat sends its text with the item's id. */
export function menuReply(id, content) {
  return act('text', { content, bizMsgMenuId: id });
}
