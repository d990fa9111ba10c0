/**
 * Temporary media (临时素材): uploads valid 3 days, downloads streamed.
 * @see https://developers.weixin.qq.com/doc/service/api/material/temporary/api_uploadtempmedia.html
 * @module
 */
import type { UploadFile } from '../types/common.js';
import type { MediaType } from '../types/media.js';
import type { ResourceContext } from './context.js';

/**
 * The temporary-media group of the client.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * const { media_id } = await client.media.upload('image', { data: await readFile('a.jpg'), filename: 'a.jpg' });
 * ```
 */
export function createMediaApi({ call }: ResourceContext) {
  return {
    /**
     * Uploads a temporary file as the multipart field `media` (POST /cgi-bin/media/upload?type=…).
     * @see https://developers.weixin.qq.com/doc/service/api/material/temporary/api_uploadtempmedia.html
     */
    upload(type: MediaType, media: UploadFile) {
      return call('media.upload', { type, media });
    },
    /**
     * Downloads a temporary file as a stream; for a video, WeChat answers `{ video_url }` instead
     * (GET /cgi-bin/media/get). Tell the two apart with `isFileResponse`.
     * @see https://developers.weixin.qq.com/doc/service/api/material/temporary/api_getmedia.html
     */
    get(mediaId: string) {
      return call('media.get', { media_id: mediaId });
    },
    /**
     * Downloads the HD (speex 16 kHz) voice a page uploaded with JS-SDK `uploadVoice` (GET /cgi-bin/media/get/jssdk).
     * @see https://developers.weixin.qq.com/doc/service/api/material/temporary/api_gethdvoice.html
     */
    getJssdk(mediaId: string) {
      return call('media.getJssdk', { media_id: mediaId });
    },
    /**
     * Uploads an image for article bodies (jpg/png < 1 MB), returning its URL (POST /cgi-bin/media/uploadimg).
     * @see https://developers.weixin.qq.com/doc/service/api/material/permanent/api_uploadimage.html
     */
    uploadImg(media: UploadFile) {
      return call('media.uploadImg', { media });
    },
  };
}

/**
 * The type of `client.media`.
 */
export type MediaApi = ReturnType<typeof createMediaApi>;
