/**
 * User tags (标签): create, list, rename and delete tags; tag, untag and list their members.
 * @see https://developers.weixin.qq.com/doc/service/api/usermanage/tag/api_gettags.html
 * @module
 */
import type { ResourceContext } from './context.js';
import { eachOpenid } from './paging.js';

/**
 * The tag group of the client.
 *
 * @example
 * ```ts
 * const { tag } = await client.tag.create('广东'); // this group
 * ```
 */
export function createTagApi({ call }: ResourceContext) {
  const members = (tagid: number, nextOpenid = '') => call('tag.members', { tagid, next_openid: nextOpenid });
  return {
    /**
     * Creates a tag (≤ 100 tags, name ≤ 30 characters) (POST /cgi-bin/tags/create).
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/tag/api_createtag.html
     */
    create(name: string) {
      return call('tag.create', { tag: { name } });
    },
    /**
     * Every tag with its member count (GET /cgi-bin/tags/get).
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/tag/api_gettags.html
     */
    list() {
      return call('tag.list');
    },
    /**
     * Renames a tag (POST /cgi-bin/tags/update); ids 0, 1 and 2 are reserved.
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/tag/api_updatetag.html
     */
    update(id: number, name: string) {
      return call('tag.update', { tag: { id, name } });
    },
    /**
     * Deletes a tag (POST /cgi-bin/tags/delete).
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/tag/api_deletetag.html
     */
    delete(id: number) {
      return call('tag.delete', { tag: { id } });
    },
    /**
     * One page of a tag's members (POST /cgi-bin/user/tag/get).
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/tag/api_gettagfans.html
     */
    members,
    /**
     * Helper (not an endpoint): every member of a tag, calling `tag.members` page by page as the loop asks.
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/tag/api_gettagfans.html
     */
    allMembers(tagid: number): AsyncGenerator<string> {
      return eachOpenid((next) => members(tagid, next));
    },
    /**
     * Adds a tag to up to 50 users (POST /cgi-bin/tags/members/batchtagging).
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/tag/api_batchtagging.html
     */
    batchTagging(openids: readonly string[], tagid: number) {
      return call('tag.batchTagging', { openid_list: [...openids], tagid });
    },
    /**
     * Removes a tag from up to 50 users (POST /cgi-bin/tags/members/batchuntagging).
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/tag/api_batchuntagging.html
     */
    batchUntagging(openids: readonly string[], tagid: number) {
      return call('tag.batchUntagging', { openid_list: [...openids], tagid });
    },
    /**
     * The tag ids of one user (POST /cgi-bin/tags/getidlist).
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/tag/api_gettagidlist.html
     */
    idList(openid: string) {
      return call('tag.idList', { openid });
    },
  };
}

/**
 * The type of `client.tag`.
 */
export type TagApi = ReturnType<typeof createTagApi>;
