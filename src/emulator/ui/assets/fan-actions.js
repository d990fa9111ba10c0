// Running what the fan does (send, tap, follow…) through /__emulator/fans/:openid/…, and drawing its outcome.
import { fanAction } from './api.js';
import { addEntry } from './chat.js';
import { toast, ui } from './elements.js';
import { addPush } from './push-list.js';
import { S } from './state.js';

/** @typedef {import('../../fans/action-types.js').ActionResult} ActionResult */

/**
 * Draws what an action did: the fan's bubbles, each push and what it showed the fan.
 * @param {ActionResult} result
 */
function drawResult(result) {
  // Live events may be late or blocked (proxy); the answer carries the same entries, drawn once by id.
  for (const entry of result.sent) addEntry(entry);
  for (const push of result.pushes) {
    addPush(push.record);
    for (const entry of push.entries) addEntry(entry);
  }
}

/**
 * Runs a fan action; the chat updates from the live events, errors become a toast.
 * @param {string} path The action: `text`, `menu`, `follow`…
 * @param {unknown} [body]
 * @returns {Promise<ActionResult | undefined>}
 */
export async function act(path, body) {
  S.pending += 1;
  ui.busy.hidden = false;
  try {
    const result = await fanAction(S.current ?? '', path, body ?? {});
    drawResult(result);
    return result;
  } catch (err) {
    toast(err instanceof Error ? err.message : String(err));
    return undefined;
  } finally {
    S.pending -= 1;
    ui.busy.hidden = S.pending === 0;
  }
}

/**
 * The fan taps an item of a customer-service `msgmenu` message: WeChat sends its text with the item's id.
 * @param {string} id
 * @param {string} content
 */
export function menuReply(id, content) {
  return act('text', { content, bizMsgMenuId: id });
}
