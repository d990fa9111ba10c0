/**
 * Free publishing (发布能力): submit a draft, follow the job, read, list and delete published articles.
 * Submissions are answered at once; the result arrives as PUBLISHJOBFINISH.
 * @see https://developers.weixin.qq.com/doc/service/api/public/api_freepublish_submit.html
 * @module
 */
import type { Id64 } from '../types/common.js';
import type { PageRequest } from '../types/draft.js';
import type { ResourceContext } from './context.js';

/**
 * The publishing group of the client.
 *
 * @example
 * ```ts
 * const { publish_id } = await client.publish.submit('DRAFT_MEDIA_ID'); // this group
 * ```
 */
export function createPublishApi({ call }: ResourceContext) {
  return {
    /**
     * Submits a draft for publishing (POST /cgi-bin/freepublish/submit); `publish_id` is a 64-bit string.
     * @see https://developers.weixin.qq.com/doc/service/api/public/api_freepublish_submit.html
     */
    submit(mediaId: string) {
      return call('publish.submit', { media_id: mediaId });
    },
    /**
     * The state of a publishing job (POST /cgi-bin/freepublish/get).
     * @see https://developers.weixin.qq.com/doc/service/api/public/api_freepublish_get.html
     */
    get(publishId: Id64) {
      return call('publish.get', { publish_id: publishId });
    },
    /**
     * Deletes a published article, or one item of it (`index` 1-based; omitted = all) (POST /cgi-bin/freepublish/delete).
     * @see https://developers.weixin.qq.com/doc/service/api/public/api_freepublishdelete.html
     */
    delete(articleId: string, index?: number) {
      return call(
        'publish.delete',
        index === undefined ? { article_id: articleId } : { article_id: articleId, index },
      );
    },
    /**
     * Reads a published article (POST /cgi-bin/freepublish/getarticle).
     * @see https://developers.weixin.qq.com/doc/service/api/public/api_freepublishgetarticle.html
     */
    getArticle(articleId: string) {
      return call('publish.getArticle', { article_id: articleId });
    },
    /**
     * One page (1–20) of published articles (POST /cgi-bin/freepublish/batchget).
     * @see https://developers.weixin.qq.com/doc/service/api/public/api_freepublish_batchget.html
     */
    batchGet(request: PageRequest) {
      return call('publish.batchGet', request);
    },
  };
}

/**
 * The type of `client.publish`.
 */
export type PublishApi = ReturnType<typeof createPublishApi>;
