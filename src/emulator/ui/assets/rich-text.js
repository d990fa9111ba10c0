// Text as WeChat shows it in a bubble: newlines kept (CSS pre-wrap), `<a href="…">` links and bare URLs clickable,
// nothing else read as HTML.
import { h } from './dom.js';

const LINKS = /<a\s+([^>]*)>([\s\S]*?)<\/a>|(https?:\/\/[^\s<>"']+)/gi;

/**
 * The link itself when it is one the page may open (web, WeChat, mail, phone, or a path here), else undefined.
 * @param {string} href
 * @returns {string | undefined}
 */
export const safeHref = (href) => (/^(https?:|weixin:|mailto:|tel:|\/)/i.test(href) ? href : undefined);

/**
 * A link that opens in a new tab.
 * @param {string} href
 * @param {string} label
 */
const newTabLink = (href, label) => h('a', { href, target: '_blank', rel: 'noopener' }, label);

/**
 * An `<a …>label</a>` of the text: a real link when its href is safe, else a dead one (a mini-program link says so).
 * @param {string} attributes
 * @param {string} inner
 */
function anchor(attributes, inner) {
  const href = /href\s*=\s*(["'])(.*?)\1/i.exec(attributes)?.[2];
  const mini = /data-miniprogram-appid\s*=\s*(["'])(.*?)\1/i.exec(attributes)?.[2];
  const label = inner.replace(/<[^>]*>/g, '');
  const safe = href && safeHref(href.replace(/&amp;/g, '&'));
  if (safe) return newTabLink(safe, label);
  /** @param {Event} e */
  const stay = (e) => e.preventDefault();
  return h('a', { href: '#', title: mini ? `小程序 ${mini}` : 'link', onclick: stay }, label);
}

/**
 * Text with its links made clickable.
 * @param {unknown} value
 * @returns {DocumentFragment}
 */
export function richText(value) {
  const text = String(value);
  const out = document.createDocumentFragment();
  let last = 0;
  for (const m of text.matchAll(LINKS)) {
    out.append(text.slice(last, m.index));
    last = m.index + m[0].length;
    out.append(m[3] ? newTabLink(m[3], m[3]) : anchor(m[1] ?? '', m[2] ?? ''));
  }
  out.append(text.slice(last));
  return out;
}
