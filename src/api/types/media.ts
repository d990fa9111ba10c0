/**
 * Temporary media and permanent material shapes (reference §9.2, §9.3).
 * @module
 */
import type { BaseResponse, FileResponse, UploadFile } from './common.js';

/**
 * Kinds of uploadable media.
 */
export type MediaType = 'image' | 'voice' | 'video' | 'thumb';

/**
 * media/upload: a temporary file, valid 3 days.
 */
export interface MediaUploadRequest {
  type: MediaType;
  media: UploadFile;
}

/**
 * The answer of media/upload (`thumb_media_id` instead of `media_id` for thumbs on some accounts).
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * const { media_id } = await client.media.upload('image', { data: await readFile('a.jpg'), filename: 'a.jpg' });
 * ```
 */
export interface MediaUploadResponse extends BaseResponse {
  type: MediaType;
  media_id: string;
  thumb_media_id?: string;
  created_at: number;
}

/**
 * A request naming one media item.
 */
export interface MediaIdRequest {
  media_id: string;
}

/**
 * media/get: the file, or for a video a JSON object with its URL.
 */
export type MediaGetResponse = FileResponse | (BaseResponse & { video_url: string });

/**
 * media/uploadimg: an image for article bodies.
 */
export interface UploadImageRequest {
  media: UploadFile;
}

/**
 * The answer of media/uploadimg.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * const { url } = await client.media.uploadImg({ data: await readFile('body.png'), filename: 'body.png' });
 * ```
 */
export interface UploadImageResponse extends BaseResponse {
  url: string;
}

/**
 * material/add_material; videos need `description`.
 */
export interface MaterialAddRequest {
  type: MediaType;
  media: UploadFile;
  description?: { title: string; introduction: string };
}

/**
 * The answer of material/add_material (`url` for images only).
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * const video = { data: await readFile('a.mp4'), filename: 'a.mp4' };
 * const { media_id, url } = await client.material.add('video', video, { title: 'T', introduction: 'I' });
 * ```
 */
export interface MaterialAddResponse extends BaseResponse {
  media_id: string;
  url?: string;
}

/**
 * One article of a legacy news material.
 *
 * @example
 * ```ts
 * const material = await client.material.get('MEDIA_ID');
 * if ('news_item' in material) console.log(material.news_item.map((a: MaterialNewsArticle) => a.title));
 * ```
 */
export interface MaterialNewsArticle {
  title: string;
  thumb_media_id: string;
  show_cover_pic?: 0 | 1;
  author?: string;
  digest?: string;
  content: string;
  url: string;
  content_source_url?: string;
}

/**
 * material/get_material: the file for images, voice and thumbs; JSON for news and videos.
 */
export type MaterialGetResponse =
  | FileResponse
  | (BaseResponse & { news_item: MaterialNewsArticle[] })
  | (BaseResponse & { title: string; description: string; down_url: string });

/**
 * The answer of material/get_materialcount.
 *
 * @example
 * ```ts
 * const { image_count } = await client.material.count();
 * ```
 */
export interface MaterialCountResponse extends BaseResponse {
  voice_count: number;
  video_count: number;
  image_count: number;
  news_count: number;
}

/**
 * material/batchget_material: one page (count 1–20).
 */
export interface MaterialBatchGetRequest {
  type: 'image' | 'video' | 'voice' | 'news';
  offset: number;
  count: number;
}

/**
 * The answer of material/batchget_material.
 *
 * @example
 * ```ts
 * const { item } = await client.material.batchGet({ type: 'image', offset: 0, count: 20 });
 * ```
 */
export interface MaterialBatchGetResponse extends BaseResponse {
  total_count: number;
  item_count: number;
  item: {
    media_id: string;
    name?: string;
    update_time: number;
    url?: string;
    content?: { news_item: MaterialNewsArticle[] };
  }[];
}
