/**
 * The fan and the account's sent articles: reading and sharing one (counted by the statistics), commenting when
 * comments are open, taking a comment back; and the articles as the fan's phone shows them, with the comments a
 * reader sees (the elected ones, and the fan's own, with the account's replies).
 * @module
 */
import { recordActivity } from '../activity.js';
import { addComment, commentsOf, isShown } from '../platform/comment-store.js';
import { articleKey, findSentArticle, sentArticles, type SentArticle } from '../platform/sent-articles.js';
import type { EmulatorState } from '../state.js';
import { FanActionError } from './action-error.js';
import type { ActionResult, ArticleRef, FanActions, FanArticle } from './action-types.js';
import type { FanActionContext } from './context.js';

/** The fan actions on sent articles. */
export type ArticleActions = Pick<FanActions, 'readArticle' | 'shareArticle' | 'comment' | 'deleteComment'>;

function articleOf(c: FanActionContext, ref: ArticleRef): SentArticle {
  const article = findSentArticle(c.state, ref.msgDataId, ref.index);
  if (!article) throw new FanActionError(404, `no sent article ${ref.msgDataId} #${ref.index}`);
  return article;
}

function record(c: FanActionContext, openid: string, ref: ArticleRef, kind: 'read' | 'share'): ActionResult {
  const fan = c.fanOf(openid, false);
  const article = articleOf(c, ref);
  const key = articleKey(article.msgDataId, article.index);
  recordActivity(c.state, { kind, at: c.state.now(), openid: fan.openid, article: key });
  return { sent: [], pushes: [] };
}

function comment(c: FanActionContext, openid: string, ref: ArticleRef, content: string): ActionResult {
  const fan = c.fanOf(openid, false);
  articleOf(c, ref);
  const added = addComment(c.state, fan.openid, ref.msgDataId, ref.index, content);
  if (added === 'closed') throw new FanActionError(409, 'comments on this article are closed');
  if (added === 'too long' || added === undefined)
    throw new FanActionError(400, 'a comment has 1 to 600 characters');
  return { sent: [], pushes: [] };
}

function deleteComment(c: FanActionContext, openid: string, ref: ArticleRef, id: number): ActionResult {
  const fan = c.fanOf(openid, false);
  const own = commentsOf(c.state, articleOf(c, ref)).comments.find(
    (x) => x.id === id && x.openid === fan.openid,
  );
  if (!own || !isShown(own)) throw new FanActionError(404, `no comment ${id} of ${fan.nickname} here`);
  own.deletedByUser = true;
  c.state.markModified();
  return { sent: [], pushes: [] };
}

/**
 * The sent articles, newest send first, with the comments `openid` sees.
 *
 * @example
 * ```ts
 * articlesForFan(state, 'oWxmpDefaultFan000000000001').map((a) => a.title);
 * ```
 */
export function articlesForFan(state: EmulatorState, openid: string): FanArticle[] {
  // Newest send first, its articles in order.
  return sentArticles(state)
    .sort((a, b) => b.sentAt - a.sentAt || a.index - b.index)
    .map((article) => {
      const store = commentsOf(state, article);
      const seen = store.comments.filter((x) => isShown(x) && (x.elected || x.openid === openid));
      return {
        msgDataId: article.msgDataId,
        index: article.index,
        title: article.title,
        ...(article.url ? { url: article.url } : {}),
        commentsOpen: store.open,
        comments: seen.map((x) => ({
          id: x.id,
          mine: x.openid === openid,
          content: x.content,
          elected: x.elected,
          ...(x.reply ? { reply: x.reply.content } : {}),
        })),
      };
    });
}

/**
 * The article actions, on a context.
 *
 * @example
 * ```ts
 * import { createPusher } from '../push.js';
 * import { fanActionContext } from './context.js';
 * const { comment } = articleActions(fanActionContext(state, createPusher(state)));
 * await comment('oWxmpDefaultFan000000000001', { msgDataId: '2247503051', index: 0 }, '写得好');
 * ```
 */
export function articleActions(c: FanActionContext): ArticleActions {
  return {
    readArticle: (openid, ref) => Promise.resolve().then(() => record(c, openid, ref, 'read')),
    shareArticle: (openid, ref) => Promise.resolve().then(() => record(c, openid, ref, 'share')),
    comment: (openid, ref, content) => Promise.resolve().then(() => comment(c, openid, ref, content)),
    deleteComment: (openid, ref, id) => Promise.resolve().then(() => deleteComment(c, openid, ref, id)),
  };
}
