/**
 * Permanent material (永久素材): add, fetch, delete, count and list.
 * @see https://developers.weixin.qq.com/doc/service/api/material/permanent/api_addmaterial.html
 * @module
 */
import type { UploadFile } from '../types/common.js';
import type { MaterialBatchGetRequest, MediaType } from '../types/media.js';
import type { ResourceContext } from './context.js';

/**
 * The permanent-material group of the client.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * const { media_id, url } = await client.material.add('image', { data: await readFile('a.png'), filename: 'a.png' });
 * ```
 */
export function createMaterialApi({ call }: ResourceContext) {
  return {
    /**
     * Adds permanent material (POST /cgi-bin/material/add_material?type=…); videos need a title and introduction,
     * sent as the multipart field `description`.
     * @see https://developers.weixin.qq.com/doc/service/api/material/permanent/api_addmaterial.html
     */
    add(type: MediaType, media: UploadFile, description?: { title: string; introduction: string }) {
      return call('material.add', description ? { type, media, description } : { type, media });
    },
    /**
     * Fetches material: JSON for news and videos, a streamed file otherwise (POST /cgi-bin/material/get_material).
     * @see https://developers.weixin.qq.com/doc/service/api/material/permanent/api_getmaterial.html
     */
    get(mediaId: string) {
      return call('material.get', { media_id: mediaId });
    },
    /**
     * Deletes material (POST /cgi-bin/material/del_material).
     * @see https://developers.weixin.qq.com/doc/service/api/material/permanent/api_delmaterial.html
     */
    delete(mediaId: string) {
      return call('material.delete', { media_id: mediaId });
    },
    /**
     * Counts material per type (GET /cgi-bin/material/get_materialcount).
     * @see https://developers.weixin.qq.com/doc/service/api/material/permanent/api_getmaterialcount.html
     */
    count() {
      return call('material.count');
    },
    /**
     * One page (1–20 items) of material of a type (POST /cgi-bin/material/batchget_material).
     * @see https://developers.weixin.qq.com/doc/service/api/material/permanent/api_batchgetmaterial.html
     */
    batchGet(request: MaterialBatchGetRequest) {
      return call('material.batchGet', request);
    },
  };
}

/**
 * The type of `client.material`.
 */
export type MaterialApi = ReturnType<typeof createMaterialApi>;
