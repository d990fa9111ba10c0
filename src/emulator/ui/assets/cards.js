// Cards of the chat: news, music, a place, a link, template and subscription messages, card vouchers and
// mini-program pages.
import { h, svg } from './dom.js';
import { safeHref } from './rich-text.js';

/** @typedef {import('../../chat-entry.js').ChatArticle} ChatArticle */
/** @typedef {import('../../chat-entry.js').NewsPayload} NewsPayload */
/** @typedef {import('../../chat-entry.js').MusicPayload} MusicPayload */
/** @typedef {import('../../chat-entry.js').LocationPayload} LocationPayload */
/** @typedef {import('../../chat-entry.js').LinkPayload} LinkPayload */
/** @typedef {import('../../chat-entry.js').TemplatePayload} TemplatePayload */
/** @typedef {import('../../chat-entry.js').SubscribePayload} SubscribePayload */
/** @typedef {import('../../chat-entry.js').WxCardPayload} WxCardPayload */
/** @typedef {import('../../chat-entry.js').MiniProgramPagePayload} MiniProgramPagePayload */

const PIN =
  '<svg viewBox="0 0 24 24"><path d="M12 22s-7-7-7-12a7 7 0 0 1 14 0c0 5-7 12-7 12Zm0-9.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Z"/></svg>';

/**
 * The attributes of a card that opens an article (in a new tab; not at all when its link is not one to open).
 * @param {string | undefined} url
 */
const opens = (url) => ({ href: url ? safeHref(url) : undefined, target: '_blank', rel: 'noopener' });

/**
 * A card with a title and one row below it.
 * @param {string} title
 * @param {import('./dom.js').Child} row
 * @param {string} [rowClass]
 */
const titled = (title, row, rowClass = 'card-row') =>
  h(
    'div',
    { class: 'card news' },
    h('div', { class: 'card-title' }, title),
    h('div', { class: rowClass }, row),
  );

/**
 * One article: title, then its description beside the picture.
 * @param {ChatArticle} a
 */
function singleArticle(a) {
  return h(
    'a',
    { class: 'card news', ...opens(a.url) },
    h('div', { class: 'card-title' }, a.title),
    h(
      'div',
      { class: 'card-row' },
      h('div', { class: 'card-desc' }, a.description ?? ''),
      a.picUrl ? h('img', { class: 'thumb', src: a.picUrl, alt: '' }) : null,
    ),
  );
}

/**
 * Several articles: the first as a cover, the others as rows with their thumbnails.
 * @param {ChatArticle} first
 * @param {ChatArticle[]} rest
 */
function multipleArticles(first, rest) {
  const cover = h(
    'a',
    { class: 'cover', ...opens(first.url) },
    first.picUrl ? h('img', { src: first.picUrl, alt: '' }) : null,
    h('span', {}, first.title),
  );
  const rows = rest.map((a) =>
    h(
      'a',
      { class: 'item', ...opens(a.url) },
      h('span', {}, a.title),
      a.picUrl ? h('img', { class: 'thumb', src: a.picUrl, alt: '' }) : null,
    ),
  );
  return h('div', { class: 'card news-multi' }, cover, rows);
}

/**
 * A news card of one or more articles (news, mpnews, mpnewsarticle).
 * @param {NewsPayload & { mediaId?: string; articleId?: string }} p
 */
export function news(p) {
  const [first, ...rest] = p.articles;
  if (!first) return titled('图文消息', p.mediaId ?? p.articleId ?? '', 'card-row raw');
  return rest.length === 0 ? singleArticle(first) : multipleArticles(first, rest);
}

/**
 * A music card: tap to play or stop.
 * @param {MusicPayload} p
 */
export function music(p) {
  const url = p.hqMusicUrl ?? p.musicUrl;
  const audio = url ? new Audio(url) : undefined;
  const disc = h('div', { class: 'disc' }, '♪');
  disc.style.backgroundImage = `url("${p.thumbUrl}")`;
  const meta = h(
    'div',
    { class: 'meta' },
    h('b', {}, p.title || '音乐'),
    h('small', {}, p.description ?? ''),
  );
  const card = h('div', { class: 'card music', role: 'button', title: url ?? '' }, disc, meta);
  card.onclick = () => audio && (audio.paused ? audio.play().catch(() => undefined) : audio.pause());
  return card;
}

/**
 * A place, with a pin.
 * @param {LocationPayload} p
 */
export function location(p) {
  return h(
    'div',
    { class: 'card location' },
    h('div', { class: 'card-title' }, p.label || '位置'),
    h('div', { class: 'card-row' }, h('div', { class: 'card-desc' }, `${p.latitude}, ${p.longitude}`)),
    h('div', { class: 'map' }, svg(PIN)),
  );
}

/**
 * A link the fan sent.
 * @param {LinkPayload} p
 */
export function link(p) {
  return h(
    'a',
    { class: 'card news', href: safeHref(p.url), target: '_blank', rel: 'noopener' },
    h('div', { class: 'card-title' }, p.title),
    h('div', { class: 'card-row' }, h('div', { class: 'card-desc' }, p.description || p.url)),
  );
}

/**
 * The `data` fields as a list, for a message whose content is empty.
 * @param {Readonly<Record<string, unknown>>} data
 */
function dataList(data) {
  const value = (/** @type {unknown} */ v) =>
    typeof v === 'object' && v ? String(/** @type {{ value?: unknown }} */ (v).value ?? '') : String(v);
  return h(
    'dl',
    {},
    Object.entries(data).map(([k, v]) => [h('dt', {}, k), h('dd', {}, value(v))]),
  );
}

/**
 * A template or subscription message: its title, its content, and a link to the details when there is one.
 * @param {TemplatePayload | SubscribePayload} p
 */
export function template(p) {
  const target = ('url' in p && p.url) || ('page' in p && p.page) || undefined;
  const href = target ? safeHref(target) : undefined;
  const foot = href
    ? h('a', { href, target: '_blank', rel: 'noopener' }, h('span', {}, '详情'), h('span', {}, '›'))
    : `template_id ${p.templateId}`;
  return h(
    'div',
    { class: 'card template' },
    h('div', { class: 'card-title' }, ('title' in p && p.title) || '模板消息'),
    p.content ? h('div', { class: 'card-body' }, p.content) : dataList(p.data),
    h('div', { class: 'card-foot' }, foot),
  );
}

/**
 * A card voucher.
 * @param {WxCardPayload} p
 */
export const wxcard = (p) => titled('卡券', p.cardId, 'card-row raw');

/**
 * A mini-program card.
 * @param {MiniProgramPagePayload} p
 */
export function miniprogrampage(p) {
  return h(
    'div',
    { class: 'card news' },
    h('div', { class: 'card-title' }, p.title || '小程序'),
    h('img', { class: 'cover-img', src: p.thumbUrl, alt: '' }),
    h('div', { class: 'card-foot' }, `小程序 ${p.appid} · ${p.pagepath}`),
  );
}
