/**
 * The account's automatic replies as set in the web console (自动回复): after a follow, to any message, and by
 * keyword.
 * @see https://developers.weixin.qq.com/doc/service/api/notify/autoreplies/api_getcurrentautoreplyinfo.html
 * @module
 */
import type { BaseResponse, Io } from './common.js';

/**
 * One reply: its type (`text`, `img`, `voice`, `video`, `news`) and content (the text, or a media_id).
 *
 * @example
 * ```ts
 * const { message_default_autoreply_info: reply } = await client.autoReply.getCurrent();
 * if (reply?.type === 'text') console.log(reply.content);
 * ```
 */
export interface AutoReply {
  type: string;
  content: string;
  /** For `news` replies: the articles. */
  news_info?: {
    list: { title: string; digest: string; author: string; content_url: string; cover_url: string }[];
  };
}

/**
 * A keyword rule: its keywords (`match_mode` `contain` or `equal`) and its replies (`reply_mode` `reply_all` or
 * `random_one`).
 *
 * @example
 * ```ts
 * const rules = (await client.autoReply.getCurrent()).keyword_autoreply_info?.list ?? [];
 * ```
 */
export interface KeywordRule {
  rule_name: string;
  create_time: number;
  reply_mode: string;
  keyword_list_info: { type: string; match_mode: string; content: string }[];
  reply_list_info: AutoReply[];
}

/**
 * The answer of get_current_autoreply_info; the rules are absent when none is set.
 *
 * @example
 * ```ts
 * const { is_autoreply_open, add_friend_autoreply_info } = await client.autoReply.getCurrent();
 * ```
 */
export interface AutoReplyInfo extends BaseResponse {
  is_add_friend_reply_open: 0 | 1;
  is_autoreply_open: 0 | 1;
  add_friend_autoreply_info?: AutoReply;
  message_default_autoreply_info?: AutoReply;
  keyword_autoreply_info?: { list: KeywordRule[] };
}

/**
 * Request and response of the automatic-reply endpoint, by table name.
 */
export interface AutoReplyEndpoints {
  'autoReply.getCurrent': Io<undefined, AutoReplyInfo>;
}
