/**
 * Free publishing (reference §9.12): `submit` answers with a `publish_id` (a string) at once; after the job delay
 * the publication succeeds (status 1 → 0), gets an `article_id` and article URLs the emulator serves, and
 * `PUBLISHJOBFINISH` is pushed from the mass-send assistant.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { EmulatorState } from '../state.js';
import type { Handlers } from './core/handler.js';
import { drafts, findPublishedArticle, publications, type Publication } from './core/article-store.js';
import { newsBatchPage } from './draft.js';
import { finishLater, MPHELPER } from './core/jobs.js';
import { fail, jsonResponse, OK, textOf } from './core/respond.js';

/**
 * `GET /__emulator/articles/:articleId/:idx` — a published article as a minimal page (the `article_url` of
 * PUBLISHJOBFINISH and freepublish/get).
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * new Hono().get('/__emulator/articles/:articleId/:idx', (c) => articlePage(c, state));
 * ```
 */
export function articlePage(c: Context, state: EmulatorState): Response {
  const publication = Object.values(publications(state).jobs).find(
    (p) => p.article_id === c.req.param('articleId'),
  );
  const article = publication?.articles[Number(c.req.param('idx')) - 1];
  if (article === undefined || article['is_deleted'] === true) return c.text('article not found', 404);
  const escape = (value: unknown) => textOf(value).replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  // The content is the developer's own HTML, shown as WeChat would show it.
  return c.html(
    `<!doctype html><meta charset="utf-8"><title>${escape(article['title'])}</title>` +
      `<h1>${escape(article['title'])}</h1><p>${escape(article['author'])}</p>${textOf(article['content'])}`,
  );
}

function publicationOf(state: EmulatorState, publishId: unknown): Publication {
  return publications(state).jobs[textOf(publishId)] ?? fail(40035);
}

function details(p: Publication): Record<string, unknown> {
  if (p.status !== 0 && p.status !== 5)
    return { publish_id: p.publish_id, publish_status: p.status, fail_idx: [] };
  return {
    publish_id: p.publish_id,
    publish_status: p.status,
    article_id: p.article_id,
    article_detail: {
      count: p.articles.length,
      item: p.articles.map((a, i) => ({ idx: i + 1, article_url: a['url'] })),
    },
    fail_idx: [],
  };
}

/**
 * The handlers of the free-publishing endpoints.
 *
 * @example
 * ```ts
 * Object.keys(publishHandlers); // ['publish.submit', 'publish.get', 'publish.delete', …]
 * ```
 */
export const publishHandlers: Handlers = {
  'publish.submit': ({ state, options, body, origin }) => {
    const mediaId = body['media_id'];
    if (typeof mediaId !== 'string' || mediaId === '') fail(41006);
    const draft = drafts(state)[mediaId] ?? fail(40007);
    const s = publications(state);
    s.nextId += 1;
    const now = Math.floor(state.now() / 1000);
    const publication: Publication = {
      publish_id: String(s.nextId),
      msg_data_id: String(s.nextId + 1_000_000_000),
      status: 1,
      articles: draft.articles.map((a) => ({ ...a })),
      create_time: now,
      update_time: now,
    };
    s.jobs[publication.publish_id] = publication;
    finishLater(state, options, () => {
      const articleId = randomBytes(32).toString('base64url');
      publication.status = 0;
      publication.article_id = articleId;
      publication.update_time = Math.floor(state.now() / 1000);
      publication.articles.forEach((a, i) => {
        a['url'] = `${origin}/__emulator/articles/${articleId}/${i + 1}`;
        a['is_deleted'] = false;
      });
      return {
        from: MPHELPER,
        event: 'PUBLISHJOBFINISH',
        fields: {
          PublishEventInfo: {
            publish_id: BigInt(publication.publish_id),
            publish_status: 0,
            article_id: articleId,
            article_detail: {
              count: publication.articles.length,
              item: publication.articles.map((a, i) => ({ idx: i + 1, article_url: String(a['url']) })),
            },
          },
        },
      };
    });
    // publish_id is documented as a string; msg_data_id comes as a bare integer.
    return jsonResponse(
      { errcode: 0, errmsg: 'ok', publish_id: publication.publish_id, msg_data_id: publication.msg_data_id },
      ['msg_data_id'],
    );
  },
  'publish.get': ({ state, body }) => details(publicationOf(state, body['publish_id'])),
  'publish.delete': ({ state, body }) => {
    const publication = findPublishedArticle(state, body['article_id']);
    const index = Number(body['index'] ?? 0);
    if (!Number.isInteger(index) || index < 0 || index > publication.articles.length) fail(40035);
    publication.articles.forEach((a, i) => {
      if (index === 0 || index === i + 1) a['is_deleted'] = true;
    });
    if (publication.articles.every((a) => a['is_deleted'] === true)) publication.status = 5;
    return OK;
  },
  'publish.getArticle': ({ state, body }) => ({
    news_item: findPublishedArticle(state, body['article_id']).articles,
  }),
  'publish.batchGet': ({ state, body }) => {
    const all = Object.values(publications(state).jobs)
      .filter((p) => p.article_id !== undefined)
      .reverse();
    return newsBatchPage(all, body, (p) => ({ article_id: p.article_id }));
  },
};
