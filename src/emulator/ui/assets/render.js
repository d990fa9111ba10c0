// Drawing chat entries as WeChat draws them: one function per message type, chosen by the entry's type (typed by
// the server's ChatEntry). Everything the server sends is text, put in the page as text; only links in a text
// message become real links. A msgmenu's items carry their id and text; the page's click handler sends them.
import { link, location, miniprogrampage, music, news, template, wxcard } from './cards.js';
import { h } from './dom.js';
import { image, video, voice } from './media-bubbles.js';
import { richText } from './rich-text.js';

/** @typedef {import('../../chat-entry.js').ChatEntry} ChatEntry */
/** @typedef {import('../../chat-entry.js').TextPayload} TextPayload */
/** @typedef {import('../../chat-entry.js').MsgMenuPayload} MsgMenuPayload */

/**
 * A text bubble.
 * @param {TextPayload} p
 */
const text = (p) => h('div', { class: 'bubble' }, richText(p.content));

/**
 * A customer-service menu: tapping an item sends its text with its id (see `data-menu-reply`).
 * @param {MsgMenuPayload} p
 */
function msgmenu(p) {
  const items = p.items.map((item) =>
    h('button', { 'data-menu-reply': item.id, 'data-content': item.content }, item.content),
  );
  return h('div', { class: 'bubble msgmenu' }, p.headContent, items, p.tailContent);
}

/**
 * An entry of a type this page does not know (a chat saved by another version), shown as its JSON.
 * @param {{ msgType: string; payload: unknown }} entry
 */
const raw = (entry) =>
  h('div', { class: 'bubble raw' }, `[${entry.msgType}] ${JSON.stringify(entry.payload)}`);

/**
 * The content of one chat entry (the bubble or card), or undefined for entries drawn as notices.
 * @param {ChatEntry} entry
 * @returns {HTMLElement | undefined}
 */
export function renderContent(entry) {
  switch (entry.msgType) {
    case 'text':
      return text(entry.payload);
    case 'image':
      return image(entry.payload);
    case 'voice':
      return voice(entry.payload);
    case 'video':
    case 'mpvideo':
      return video(entry.payload);
    case 'music':
      return music(entry.payload);
    case 'news':
    case 'mpnews':
    case 'mpnewsarticle':
      return news(entry.payload);
    case 'location':
      return location(entry.payload);
    case 'link':
      return link(entry.payload);
    case 'template':
    case 'subscribe':
      return template(entry.payload);
    case 'wxcard':
      return wxcard(entry.payload);
    case 'msgmenu':
      return msgmenu(entry.payload);
    case 'miniprogrampage':
      return miniprogrampage(entry.payload);
    case 'system':
    case 'transfer_customer_service':
      return undefined;
    default:
      return raw(/** @type {{ msgType: string; payload: unknown }} */ (entry));
  }
}
