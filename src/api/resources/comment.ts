/**
 * Comments (留言) on sent articles: open or close them, list them, elect (精选) and delete them, reply. An article is
 * named by its send's `msg_data_id` (mass send or publication) and its 0-based `index` there.
 * @see https://developers.weixin.qq.com/doc/service/api/leaving/api_listcomment.html
 * @module
 */
import { WeChatError } from '../../errors.js';
import type { CommentArticle, CommentListRequest, CommentTarget } from '../types/comment.js';
import type { Id64 } from '../types/common.js';
import type { ResourceContext } from './context.js';

/** Comments per comment/list page: WeChat refuses 50 and more (88010). */
const MAX_PAGE = 49;
/** Characters of a reply. */
const MAX_REPLY = 600;

const article = (msgDataId: Id64, index: number): CommentArticle => ({ msg_data_id: msgDataId, index });
const target = (msgDataId: Id64, index: number, userCommentId: number): CommentTarget => ({
  msg_data_id: msgDataId,
  index,
  user_comment_id: userCommentId,
});

/**
 * The comment group of the client.
 *
 * @example
 * ```ts
 * const { comment } = await client.comment.list({ msg_data_id: '2247483647', index: 0, begin: 0, count: 20, type: 0 });
 * for (const c of comment) if (!c.reply) await client.comment.addReply('2247483647', 0, c.user_comment_id, '谢谢留言');
 * ```
 */
export function createCommentApi({ call }: ResourceContext) {
  return {
    /**
     * Opens comments on an article (POST /cgi-bin/comment/open); the account needs the comment privilege (88000).
     * @see https://developers.weixin.qq.com/doc/service/api/leaving/api_openarticlecomment.html
     */
    open(msgDataId: Id64, index = 0) {
      return call('comment.open', article(msgDataId, index));
    },
    /**
     * Closes comments on an article (POST /cgi-bin/comment/close).
     * @see https://developers.weixin.qq.com/doc/service/api/leaving/api_closecomment.html
     */
    close(msgDataId: Id64, index = 0) {
      return call('comment.close', article(msgDataId, index));
    },
    /**
     * A page of an article's comments (POST /cgi-bin/comment/list): `count` 1–49, `type` 0 all, 1 not elected,
     * 2 elected; `total` counts them all.
     * @see https://developers.weixin.qq.com/doc/service/api/leaving/api_listcomment.html
     */
    async list(request: CommentListRequest) {
      if (!Number.isInteger(request.count) || request.count < 1 || request.count > MAX_PAGE)
        throw new WeChatError('REQUEST_INVALID', `comment.list takes 1 to ${MAX_PAGE} comments a page`, {
          hint: 'Page with begin and a count below 50 (WeChat answers 88010 otherwise)',
        });
      return call('comment.list', request);
    },
    /**
     * Elects a comment (精选: shown to every reader) (POST /cgi-bin/comment/markelect).
     * @see https://developers.weixin.qq.com/doc/service/api/leaving/api_electcomment.html
     */
    markElect(msgDataId: Id64, index: number, userCommentId: number) {
      return call('comment.markElect', target(msgDataId, index, userCommentId));
    },
    /**
     * Takes a comment out of the elected ones (POST /cgi-bin/comment/unmarkelect).
     * @see https://developers.weixin.qq.com/doc/service/api/leaving/api_unelectcomment.html
     */
    unmarkElect(msgDataId: Id64, index: number, userCommentId: number) {
      return call('comment.unmarkElect', target(msgDataId, index, userCommentId));
    },
    /**
     * Deletes a comment (POST /cgi-bin/comment/delete).
     * @see https://developers.weixin.qq.com/doc/service/api/leaving/api_delcomment.html
     */
    delete(msgDataId: Id64, index: number, userCommentId: number) {
      return call('comment.delete', target(msgDataId, index, userCommentId));
    },
    /**
     * Replies to a comment (POST /cgi-bin/comment/reply/add): one reply each (88005 for a second one), 1–600
     * characters; never repeated after an unknown outcome.
     * @see https://developers.weixin.qq.com/doc/service/api/leaving/api_replycomment.html
     */
    async addReply(msgDataId: Id64, index: number, userCommentId: number, content: string) {
      const length = [...content].length;
      if (length < 1 || length > MAX_REPLY)
        throw new WeChatError('REQUEST_INVALID', `A reply has 1 to ${MAX_REPLY} characters (got ${length})`, {
          hint: 'Shorten the reply (WeChat answers 88007 otherwise)',
        });
      return call('comment.addReply', { ...target(msgDataId, index, userCommentId), content });
    },
    /**
     * Deletes the account's reply to a comment (POST /cgi-bin/comment/reply/delete).
     * @see https://developers.weixin.qq.com/doc/service/api/leaving/api_delreplycomment.html
     */
    deleteReply(msgDataId: Id64, index: number, userCommentId: number) {
      return call('comment.deleteReply', target(msgDataId, index, userCommentId));
    },
  };
}

/**
 * The type of `client.comment`.
 */
export type CommentApi = ReturnType<typeof createCommentApi>;
