/**
 * Draft (草稿箱) and free-publishing (发布能力) shapes (reference §9.12).
 * @module
 */
import type { BaseResponse, Id64 } from './common.js';

/**
 * An article of a draft. `title` ≤ 32 chars, `author` ≤ 16, `digest` ≤ 128; `thumb_media_id` (permanent) is
 * required for `news`; images inside `content` must come from media/uploadimg.
 */
export interface DraftArticle {
  article_type?: 'news' | 'newspic';
  title: string;
  author?: string;
  digest?: string;
  content: string;
  content_source_url?: string;
  thumb_media_id?: string;
  need_open_comment?: 0 | 1;
  only_fans_can_comment?: 0 | 1;
  pic_crop_235_1?: string;
  pic_crop_1_1?: string;
  /** `newspic` only: up to 20 images, the first is the cover. */
  image_info?: { image_list: { image_media_id: string }[] };
  cover_info?: Record<string, unknown>;
  product_info?: Record<string, unknown>;
}

/**
 * An article as WeChat returns it.
 *
 * @example
 * ```ts
 * const draft = await client.draft.get('MEDIA_ID');
 * const urls = draft.news_item.map((a: NewsItem) => a.url);
 * ```
 */
export interface NewsItem extends DraftArticle {
  url?: string;
  thumb_url?: string;
  is_deleted?: boolean;
}

/**
 * The body of draft/add.
 */
export interface DraftAddRequest {
  articles: DraftArticle[];
}

/**
 * The answer of draft/add.
 *
 * @example
 * ```ts
 * const { media_id } = await client.draft.add([{ title: 'Hello', content: '<p>Hi</p>', thumb_media_id: 'THUMB' }]);
 * ```
 */
export interface DraftAddResponse extends BaseResponse {
  media_id: string;
}

/**
 * The answer of draft/get and freepublish/getarticle.
 *
 * @example
 * ```ts
 * const { news_item } = await client.draft.get('MEDIA_ID');
 * ```
 */
export interface NewsItemsResponse extends BaseResponse {
  news_item: NewsItem[];
}

/**
 * The body of draft/update: replaces the article at `index` (0-based).
 */
export interface DraftUpdateRequest {
  media_id: string;
  index: number;
  articles: DraftArticle;
}

/**
 * The answer of draft/count.
 *
 * @example
 * ```ts
 * const { total_count } = await client.draft.count();
 * ```
 */
export interface DraftCountResponse extends BaseResponse {
  total_count: number;
}

/**
 * The body of draft/batchget and freepublish/batchget (count 1–20).
 */
export interface PageRequest {
  offset: number;
  count: number;
  /** 1: leave out `content`. */
  no_content?: 0 | 1;
}

/**
 * The answer of draft/batchget.
 *
 * @example
 * ```ts
 * const { item } = await client.draft.batchGet({ offset: 0, count: 20 });
 * ```
 */
export interface DraftBatchGetResponse extends BaseResponse {
  total_count: number;
  item_count: number;
  item: { media_id: string; content: { news_item: NewsItem[] }; update_time: number }[];
}

/**
 * The answer of freepublish/submit: a submission only; the result arrives as PUBLISHJOBFINISH.
 *
 * @example
 * ```ts
 * const { publish_id } = await client.publish.submit('MEDIA_ID');
 * ```
 */
export interface PublishSubmitResponse extends BaseResponse {
  publish_id: Id64;
  msg_data_id?: Id64;
}

/**
 * The body of freepublish/get.
 */
export interface PublishIdRequest {
  publish_id: Id64;
}

/**
 * The answer of freepublish/get. `publish_status`: 0 published, 1 publishing, 2 original-check failed, 3 failed,
 * 4 rejected by review, 5 deleted after publishing, 6 banned after publishing.
 *
 * @example
 * ```ts
 * const { publish_status, article_id } = await client.publish.get('100000001');
 * ```
 */
export interface PublishGetResponse extends BaseResponse {
  publish_id: Id64;
  publish_status: number;
  article_id?: string;
  article_detail?: { count: number; item: { idx: number; article_url: string }[] };
  fail_idx?: number[];
}

/**
 * The body of freepublish/delete; `index` is 1-based, 0 or omitted deletes every article.
 */
export interface PublishDeleteRequest {
  article_id: string;
  index?: number;
}

/**
 * The body of freepublish/getarticle.
 */
export interface ArticleIdRequest {
  article_id: string;
}

/**
 * The answer of freepublish/batchget.
 *
 * @example
 * ```ts
 * const { item } = await client.publish.batchGet({ offset: 0, count: 20 });
 * ```
 */
export interface PublishBatchGetResponse extends BaseResponse {
  total_count: number;
  item_count: number;
  item: {
    article_id: string;
    content: { news_item: NewsItem[]; create_time?: number; update_time?: number };
    update_time: number;
  }[];
}
