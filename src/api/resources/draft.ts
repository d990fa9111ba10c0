/**
 * Drafts (草稿箱): add, read, update, delete, count and list the drafts that free publishing takes.
 * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_add.html
 * @module
 */
import type { DraftArticle, PageRequest } from '../types/draft.js';
import type { ResourceContext } from './context.js';

/**
 * The draft group of the client.
 *
 * @example
 * ```ts
 * const { media_id } = await client.draft.add([{ title: 'Hello', content: '<p>Hi</p>', thumb_media_id: 'T' }]);
 * ```
 */
export function createDraftApi({ call }: ResourceContext) {
  return {
    /**
     * Creates a draft from one or more articles (POST /cgi-bin/draft/add); titles and authors are sent as real
     * UTF-8, never `\uXXXX` escapes (WeChat would store the escapes verbatim).
     * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_add.html
     */
    add(articles: DraftArticle[]) {
      return call('draft.add', { articles });
    },
    /**
     * Reads a draft (POST /cgi-bin/draft/get).
     * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_getdraft.html
     */
    get(mediaId: string) {
      return call('draft.get', { media_id: mediaId });
    },
    /**
     * Deletes a draft (POST /cgi-bin/draft/delete).
     * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_delete.html
     */
    delete(mediaId: string) {
      return call('draft.delete', { media_id: mediaId });
    },
    /**
     * Replaces the article at `index` (0-based) of a draft (POST /cgi-bin/draft/update).
     * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_update.html
     */
    update(mediaId: string, index: number, article: DraftArticle) {
      return call('draft.update', { media_id: mediaId, index, articles: article });
    },
    /**
     * Counts drafts (GET /cgi-bin/draft/count).
     * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_count.html
     */
    count() {
      return call('draft.count');
    },
    /**
     * One page (1–20) of drafts (POST /cgi-bin/draft/batchget).
     * @see https://developers.weixin.qq.com/doc/service/api/draftbox/draftmanage/api_draft_batchget.html
     */
    batchGet(request: PageRequest) {
      return call('draft.batchGet', request);
    },
  };
}

/**
 * The type of `client.draft`.
 */
export type DraftApi = ReturnType<typeof createDraftApi>;
