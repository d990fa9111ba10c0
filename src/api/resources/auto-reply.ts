/**
 * The account's automatic replies as set in the web console (自动回复): read-only through the API.
 * @see https://developers.weixin.qq.com/doc/service/api/notify/autoreplies/api_getcurrentautoreplyinfo.html
 * @module
 */
import type { ResourceContext } from './context.js';

/**
 * The automatic-reply group of the client.
 *
 * @example
 * ```ts
 * const info = await client.autoReply.getCurrent();
 * if (info.is_add_friend_reply_open) console.log(info.add_friend_autoreply_info?.content);
 * ```
 */
export function createAutoReplyApi({ call }: ResourceContext) {
  return {
    /**
     * The replies after a follow, to any message, and by keyword (GET /cgi-bin/get_current_autoreply_info).
     * Replies set by your webhook are not in it: these are the console's.
     * @see https://developers.weixin.qq.com/doc/service/api/notify/autoreplies/api_getcurrentautoreplyinfo.html
     */
    getCurrent() {
      return call('autoReply.getCurrent');
    },
  };
}

/**
 * The type of `client.autoReply`.
 */
export type AutoReplyApi = ReturnType<typeof createAutoReplyApi>;
