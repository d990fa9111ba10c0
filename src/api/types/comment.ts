/**
 * Comments (留言) on sent articles: an article is named by the `msg_data_id` its mass send or publication answered
 * and its 0-based `index` among the send's articles.
 * @see https://developers.weixin.qq.com/doc/service/api/leaving/api_listcomment.html
 * @module
 */
import type { BaseResponse, Id64, Io } from './common.js';

/**
 * One article of a send: `msg_data_id` (a 64-bit id, sent as a JSON integer) and the 0-based `index` (the first
 * article when omitted).
 *
 * @example
 * ```ts
 * const article: CommentArticle = { msg_data_id: '2247483647', index: 0 };
 * await client.call('comment.open', article); // client.comment.open(msgDataId, index) builds it
 * ```
 */
export interface CommentArticle {
  msg_data_id: Id64;
  index?: number;
}

/**
 * One comment of an article: `user_comment_id` names it in the other calls.
 *
 * @example
 * ```ts
 * const target: CommentTarget = { msg_data_id: '2247483647', index: 0, user_comment_id: 1 };
 * await client.call('comment.markElect', target); // client.comment.markElect(msgDataId, index, id) builds it
 * ```
 */
export interface CommentTarget extends CommentArticle {
  user_comment_id: number;
}

/**
 * The body of comment/list: `begin` from 0, `count` 1–49, `type` 0 all, 1 not elected, 2 elected.
 *
 * @example
 * ```ts
 * const { total, comment } = await client.comment.list({ msg_data_id: '2247483647', begin: 0, count: 20, type: 0 });
 * ```
 */
export interface CommentListRequest extends CommentArticle {
  begin: number;
  count: number;
  type: 0 | 1 | 2;
}

/**
 * One comment as comment/list answers it; `comment_type` 1 when elected; `openid` is absent for comments made
 * without a WeChat identity.
 *
 * @example
 * ```ts
 * const elected = (c: ArticleComment) => c.comment_type === 1;
 * ```
 */
export interface ArticleComment {
  user_comment_id: number;
  openid?: string;
  /** Unix seconds. */
  create_time: number;
  content: string;
  comment_type: 0 | 1;
  /** The account's reply, when there is one. */
  reply?: { content: string; create_time: number };
}

/**
 * The answer of comment/list.
 *
 * @example
 * ```ts
 * const { total, comment } = await client.comment.list({ msg_data_id: '2247483647', begin: 0, count: 20, type: 0 });
 * ```
 */
export interface CommentListResponse extends BaseResponse {
  total: number;
  comment: ArticleComment[];
}

/**
 * The body of comment/reply/add: the reply's text (1–600 characters as WeChat counts it).
 *
 * @example
 * ```ts
 * await client.call('comment.addReply', { msg_data_id: '2247483647', index: 0, user_comment_id: 1, content: '谢谢' });
 * ```
 */
export interface CommentReplyRequest extends CommentTarget {
  content: string;
}

/**
 * Request and response of every comment endpoint, by table name.
 */
export interface CommentEndpoints {
  'comment.open': Io<CommentArticle, BaseResponse>;
  'comment.close': Io<CommentArticle, BaseResponse>;
  'comment.list': Io<CommentListRequest, CommentListResponse>;
  'comment.markElect': Io<CommentTarget, BaseResponse>;
  'comment.unmarkElect': Io<CommentTarget, BaseResponse>;
  'comment.delete': Io<CommentTarget, BaseResponse>;
  'comment.addReply': Io<CommentReplyRequest, BaseResponse>;
  'comment.deleteReply': Io<CommentTarget, BaseResponse>;
}
