/**
 * State files written before chat entries were typed (`chatFormat` absent) kept customer-service and mass messages
 * as WeChat's JSON (`media_id`, `picurl`, …) with the emulator's `mediaUrl`, `kfAccount`, `msgId` beside it. Loading
 * one turns those entries into the typed shapes of `chat-entry.ts` with the same functions the API uses, so the phone
 * page draws old chats as it draws new ones. Entries of the other sources were already in that shape.
 * @module
 */
import { CHAT_FORMAT, type ChatContent } from './chat-entry.js';
import { mediaPath } from './platform/core/media-store.js';
import { messageContent, type MessageLookup } from './platform/core/message-content.js';

type Saved = Record<string, unknown>;

/** The old entry's own links: its `mediaUrl`, else the emulator's path of the media_id; its saved articles. */
function savedLookup(payload: Saved): MessageLookup {
  const mediaUrl = typeof payload['mediaUrl'] === 'string' ? payload['mediaUrl'] : undefined;
  const articles = Array.isArray(payload['articles']) ? (payload['articles'] as unknown[]) : [];
  return {
    media: (id) => ({ mediaId: String(id), url: mediaUrl ?? mediaPath(String(id)) }),
    news: () => articles,
    published: () => articles,
  };
}

function upgradeEntry(entry: Saved): Saved {
  const via = entry['via'];
  if (via !== 'customer-service' && via !== 'mass') return entry;
  const payload = (entry['payload'] ?? {}) as Saved;
  const msgType = String(entry['msgType']);
  let content: ChatContent;
  try {
    content = messageContent(via, msgType, payload, savedLookup(payload));
  } catch {
    // An entry the API would not accept today: keep it readable as a note.
    content = { msgType: 'system', payload: { content: `[${msgType}]` } };
  }
  const { kfAccount, msgId, preview } = payload;
  return {
    ...entry,
    ...content,
    ...(typeof kfAccount === 'string' ? { kfAccount } : {}),
    ...(typeof msgId === 'string' ? { msgId } : {}),
    ...(preview === true ? { preview } : {}),
  };
}

/**
 * A saved snapshot with its chat entries in the current shape (unchanged when it already is).
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * state.load(upgradeSavedChats(JSON.parse(readFileSync('.wxmp/emulator.json', 'utf8')) as Record<string, unknown>));
 * ```
 */
export function upgradeSavedChats(snapshot: Saved): Saved {
  if (snapshot['chatFormat'] === CHAT_FORMAT || !Array.isArray(snapshot['chats'])) return snapshot;
  const chats = (snapshot['chats'] as [string, Saved[]][]).map(
    ([openid, entries]) => [openid, entries.map(upgradeEntry)] as const,
  );
  return { ...snapshot, chats, chatFormat: CHAT_FORMAT };
}
