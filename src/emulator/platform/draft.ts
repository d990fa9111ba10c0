/**
 * The draft box (reference §9.12): drafts of 1–8 articles checked against WeChat's article rules — title ≤ 32
 * characters (45003, empty 40227), author ≤ 16 (45110), digest ≤ 128 (45004), content below 20 000 characters
 * (45002, empty 44003), a permanent `thumb_media_id` for `news` (40007).
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { EmulatorState } from '../state.js';
import type { Handlers } from './core/handler.js';
import { drafts, type Article, type Draft } from './core/article-store.js';
import { pageArgs } from './material.js';
import { findMedia, mediaUrl } from './core/media-store.js';
import { fail, OK } from './core/respond.js';

/** Article limits (characters). */
export const ARTICLE_LIMITS = Object.freeze({
  title: 32,
  author: 16,
  digest: 128,
  content: 20_000,
  articles: 8,
  images: 20,
});

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const plain = (html: string) => html.replace(/<[^>]*>/g, '').trim();

/**
 * Checks one article and returns it as WeChat stores it (digest defaulted, `thumb_url` added).
 *
 * @example
 * ```ts
 * import { storeUpload } from './core/media-store.js';
 * const upload = { bytes: Buffer.from('…'), filename: 'thumb.jpg', contentType: 'image/jpeg', ext: 'jpg' };
 * const thumb = storeUpload(state, upload, { type: 'thumb', permanent: true });
 * const raw = { title: 'Hi', content: '<p>Hi</p>', thumb_media_id: thumb.mediaId };
 * const article = checkArticle(state, raw, 'http://127.0.0.1:3000'); // with digest 'Hi' and thumb_url
 * ```
 */
export function checkArticle(state: EmulatorState, raw: unknown, origin: string): Article {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(47001);
  const a = raw as Article;
  const type = a['article_type'] ?? 'news';
  if (type !== 'news' && type !== 'newspic') fail(40035);
  const title = text(a['title']);
  if (title === '') fail(40227);
  if ([...title].length > ARTICLE_LIMITS.title) fail(45003);
  if ([...text(a['author'])].length > ARTICLE_LIMITS.author) fail(45110);
  if ([...text(a['digest'])].length > ARTICLE_LIMITS.digest) fail(45004);
  const content = text(a['content']);
  if (content === '') fail(44003);
  if (content.length >= ARTICLE_LIMITS.content || Buffer.byteLength(content) >= 1024 * 1024) fail(45002);
  const article: Article = { ...a, article_type: type };
  if (type === 'news') {
    const thumb = findMedia(state, a['thumb_media_id'], 'permanent');
    if (thumb.type !== 'image' && thumb.type !== 'thumb') fail(40007);
    article['thumb_url'] = thumb.url ?? mediaUrl(origin, thumb.mediaId);
    // WeChat fills a missing digest of a single news article with the start of its text.
    if (a['digest'] === undefined) article['digest'] = [...plain(content)].slice(0, 54).join('');
  } else {
    const images = (a['image_info'] as { image_list?: unknown } | undefined)?.image_list;
    if (!Array.isArray(images) || images.length === 0 || images.length > ARTICLE_LIMITS.images) fail(40035);
    for (const image of images) findMedia(state, (image as Article | null)?.['image_media_id'], 'permanent');
  }
  return article;
}

function checkArticles(state: EmulatorState, raw: unknown, origin: string): Article[] {
  if (!Array.isArray(raw) || raw.length === 0) fail(44003);
  if (raw.length > ARTICLE_LIMITS.articles) fail(45008);
  return raw.map((a) => checkArticle(state, a, origin));
}

function draftOf(state: EmulatorState, mediaId: unknown): Draft {
  if (typeof mediaId !== 'string' || mediaId === '') fail(41006);
  return drafts(state)[mediaId] ?? fail(40007);
}

/**
 * `news_item` as batchget answers with `no_content: 1`.
 *
 * @example
 * ```ts
 * withoutContent([{ title: 'Hi', content: '<p>Hi</p>' }]); // [{ title: 'Hi' }]
 * ```
 */
export function withoutContent(articles: Article[]): Article[] {
  return articles.map(({ content: _content, ...rest }) => rest);
}

/**
 * One page of a batchget over drafts or published articles, as WeChat answers it: `offset`/`count` from the body,
 * `no_content: 1` strips the article bodies, `id` names each item (`media_id` or `article_id`).
 *
 * @example
 * ```ts
 * import { drafts } from './core/article-store.js';
 * newsBatchPage(Object.values(drafts(state)), { offset: 0, count: 20 }, (d) => ({ media_id: d.media_id }));
 * // { total_count, item_count, item: [{ media_id, content: { news_item, … }, update_time }, …] }
 * ```
 */
export function newsBatchPage<T extends { articles: Article[]; create_time: number; update_time: number }>(
  all: T[],
  body: Record<string, unknown>,
  id: (item: T) => Record<string, unknown>,
) {
  const { offset, count } = pageArgs(body);
  const item = all.slice(offset, offset + count).map((entry) => ({
    ...id(entry),
    content: {
      news_item: body['no_content'] === 1 ? withoutContent(entry.articles) : entry.articles,
      create_time: entry.create_time,
      update_time: entry.update_time,
    },
    update_time: entry.update_time,
  }));
  return { total_count: all.length, item_count: item.length, item };
}

/**
 * The handlers of the draft endpoints.
 *
 * @example
 * ```ts
 * Object.keys(draftHandlers); // ['draft.add', 'draft.get', 'draft.delete', 'draft.update', …]
 * ```
 */
export const draftHandlers: Handlers = {
  'draft.add': ({ state, body, origin }) => {
    const articles = checkArticles(state, body['articles'], origin);
    const now = Math.floor(state.now() / 1000);
    const mediaId = randomBytes(48).toString('base64url');
    drafts(state)[mediaId] = { media_id: mediaId, articles, create_time: now, update_time: now };
    return { media_id: mediaId };
  },
  'draft.get': ({ state, body }) => ({ news_item: draftOf(state, body['media_id']).articles }),
  'draft.delete': ({ state, body }) => {
    delete drafts(state)[draftOf(state, body['media_id']).media_id];
    return OK;
  },
  'draft.update': ({ state, body, origin }) => {
    const draft = draftOf(state, body['media_id']);
    const index = Number(body['index']);
    if (!Number.isInteger(index) || index < 0 || index >= draft.articles.length) fail(40035);
    draft.articles[index] = checkArticle(state, body['articles'], origin);
    draft.update_time = Math.floor(state.now() / 1000);
    return OK;
  },
  'draft.count': ({ state }) => ({ total_count: Object.keys(drafts(state)).length }),
  'draft.batchGet': ({ state, body }) => {
    const all = Object.values(drafts(state))
      .reverse()
      .sort((a, b) => b.update_time - a.update_time);
    return newsBatchPage(all, body, (d) => ({ media_id: d.media_id }));
  },
};
