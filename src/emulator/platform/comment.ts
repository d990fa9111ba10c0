/**
 * Comments on sent articles (留言管理): open, close, list, elect, delete, reply. The articles are those the account
 * published or mass-sent (`sent-articles.ts`); fans comment from the phone page. Codes from the leaving/ pages:
 * 88001 unknown article, 88003 too many elected, 88004 the fan deleted the comment, 88005 already replied, 88007
 * reply length, 88008 unknown comment, 88010 page size.
 * @module
 */
import type { Call, Handlers } from './core/handler.js';
import { fail, OK, textOf } from './core/respond.js';
import {
  COMMENT_MAX_CHARS,
  commentsOf,
  isShown,
  MAX_ELECTED,
  type ArticleComments,
  type StoredComment,
} from './comment-store.js';
import { findSentArticle } from './sent-articles.js';

function articleComments({ state, body }: Call): ArticleComments {
  const article = findSentArticle(state, body['msg_data_id'], body['index']) ?? fail(88001);
  return commentsOf(state, article);
}

/** The comment a call names: 88008 when unknown or deleted by the account, 88004 when the fan took it back. */
function commentOf(call: Call): { store: ArticleComments; comment: StoredComment } {
  const store = articleComments(call);
  const id = Number(call.body['user_comment_id']);
  const comment = store.comments.find((c) => c.id === id && !c.deleted) ?? fail(88008);
  if (comment.deletedByUser) fail(88004);
  return { store, comment };
}

function listed(comment: StoredComment): Record<string, unknown> {
  return {
    user_comment_id: comment.id,
    openid: comment.openid,
    create_time: comment.createTime,
    content: comment.content,
    comment_type: comment.elected ? 1 : 0,
    ...(comment.reply
      ? { reply: { content: comment.reply.content, create_time: comment.reply.createTime } }
      : {}),
  };
}

function list(call: Call): Record<string, unknown> {
  const store = articleComments(call);
  const { body } = call;
  const begin = Number(body['begin'] ?? 0);
  const count = Number(body['count']);
  const type = Number(body['type'] ?? 0);
  if (!Number.isInteger(count) || count <= 0 || count >= 50) fail(88010);
  if (!Number.isInteger(begin) || begin < 0 || ![0, 1, 2].includes(type)) fail(40035);
  const matching = store.comments.filter(isShown).filter((c) => type === 0 || (type === 2) === c.elected);
  return { ...OK, total: matching.length, comment: matching.slice(begin, begin + count).map(listed) };
}

/**
 * The handlers of the comment endpoints.
 *
 * @example
 * ```ts
 * Object.keys(commentHandlers); // ['comment.open', 'comment.close', 'comment.list', 'comment.markElect', …]
 * ```
 */
export const commentHandlers: Handlers = {
  'comment.open': (call) => {
    articleComments(call).open = true;
    return OK;
  },
  'comment.close': (call) => {
    articleComments(call).open = false;
    return OK;
  },
  'comment.list': list,
  'comment.markElect': (call) => {
    const { store, comment } = commentOf(call);
    if (!comment.elected && store.comments.filter((c) => c.elected && isShown(c)).length >= MAX_ELECTED)
      fail(88003);
    comment.elected = true;
    return OK;
  },
  'comment.unmarkElect': (call) => {
    commentOf(call).comment.elected = false;
    return OK;
  },
  'comment.delete': (call) => {
    commentOf(call).comment.deleted = true;
    return OK;
  },
  'comment.addReply': (call) => {
    const { comment } = commentOf(call);
    const content = textOf(call.body['content']);
    const chars = [...content].length;
    if (chars === 0 || chars > COMMENT_MAX_CHARS) fail(88007);
    if (comment.reply) fail(88005);
    comment.reply = { content, createTime: Math.floor(call.state.now() / 1000) };
    return OK;
  },
  // Deleting a reply that is not there changes nothing: it answers 0 (the page names no code for it).
  'comment.deleteReply': (call) => {
    delete commentOf(call).comment.reply;
    return OK;
  },
};
