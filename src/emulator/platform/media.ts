/**
 * Temporary media (reference §9.2): upload (valid 3 days), download (a video answers `{video_url}`), the JS-SDK HD
 * voice download, and article-body images (media/uploadimg) whose URL the emulator serves.
 * @module
 */
import type { Handlers } from './core/handler.js';
import {
  ARTICLE_IMAGE,
  ARTICLE_IMAGE_PREFIX,
  checkUpload,
  fileResponse,
  findMedia,
  mediaUrl,
  readUpload,
  storeUpload,
  uploadType,
} from './core/media-store.js';
import { fail } from './core/respond.js';

/**
 * The handlers of the temporary-media endpoints.
 *
 * @example
 * ```ts
 * Object.keys(mediaHandlers); // ['media.upload', 'media.get', 'media.getJssdk', 'media.uploadImg']
 * ```
 */
export const mediaHandlers: Handlers = {
  'media.upload': async ({ state, query, form }) => {
    const type = uploadType(query['type']);
    const upload = await readUpload(form);
    checkUpload(upload, type, 'temporary');
    const media = storeUpload(state, upload, { type, permanent: false });
    const createdAt = Math.floor(media.createdAt / 1000);
    // WeChat names the id of a thumb `thumb_media_id`.
    if (type === 'thumb') return { type, thumb_media_id: media.mediaId, created_at: createdAt };
    return { type, media_id: media.mediaId, created_at: createdAt };
  },
  'media.get': ({ state, query, origin }) => {
    const media = findMedia(state, query['media_id'], 'temporary');
    if (media.type === 'video') return { video_url: mediaUrl(origin, media.mediaId) };
    return fileResponse(media);
  },
  'media.getJssdk': ({ state, query }) => fileResponse(findMedia(state, query['media_id'], 'temporary')),
  'media.uploadImg': async ({ state, form, origin }) => {
    const upload = await readUpload(form);
    if (!ARTICLE_IMAGE.formats.includes(upload.ext)) fail(40005);
    if (upload.bytes.length >= ARTICLE_IMAGE.maxBytes) fail(40009);
    const media = storeUpload(state, upload, {
      type: 'image',
      permanent: true,
      idPrefix: ARTICLE_IMAGE_PREFIX,
    });
    media.url = mediaUrl(origin, media.mediaId);
    return { url: media.url };
  },
};
