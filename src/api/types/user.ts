/**
 * User, tag and blacklist shapes (reference §9.7, §9.8).
 * @module
 */
import type { BaseResponse } from './common.js';

/**
 * Languages user/info can answer in.
 */
export type UserLang = 'zh_CN' | 'zh_TW' | 'en';

/**
 * The query of user/info.
 */
export interface UserInfoRequest {
  openid: string;
  lang?: UserLang;
}

/**
 * A follower (no nickname or avatar since 2021-12-27, no sex or region since 2021-10-20).
 *
 * @example
 * ```ts
 * const u: UserInfo = await client.user.info('OPENID');
 * if (u.subscribe === 0) console.log('not following');
 * ```
 */
export interface UserInfo extends BaseResponse {
  /** 0: not following; the other fields are then absent. */
  subscribe: 0 | 1;
  openid: string;
  language?: string;
  subscribe_time?: number;
  unionid?: string;
  remark?: string;
  groupid?: number;
  tagid_list?: number[];
  subscribe_scene?: string;
  qr_scene?: number;
  qr_scene_str?: string;
}

/**
 * The body of user/info/batchget (≤ 100 users).
 */
export interface UserBatchGetRequest {
  user_list: { openid: string; lang?: UserLang }[];
}

/**
 * The answer of user/info/batchget.
 *
 * @example
 * ```ts
 * const { user_info_list } = await client.user.batchGet(['O1', 'O2']);
 * ```
 */
export interface UserBatchGetResponse extends BaseResponse {
  user_info_list: UserInfo[];
}

/**
 * The query of user/get; an empty `next_openid` starts at the beginning.
 */
export interface UserListRequest {
  next_openid?: string;
}

/**
 * The body of user/info/updateremark.
 */
export interface UpdateRemarkRequest {
  openid: string;
  remark: string;
}

/**
 * A tag of the account (ids 0, 1, 2 are reserved).
 */
export interface Tag {
  id: number;
  name: string;
  count?: number;
}

/**
 * The body of tags/create, tags/update and tags/delete: `{ tag: … }`.
 */
export interface TagRequest<T> {
  tag: T;
}

/**
 * The answer of tags/create.
 *
 * @example
 * ```ts
 * const { tag } = await client.tag.create('广东');
 * ```
 */
export interface TagCreateResponse extends BaseResponse {
  tag: { id: number; name: string };
}

/**
 * The answer of tags/get.
 *
 * @example
 * ```ts
 * const { tags } = await client.tag.list();
 * ```
 */
export interface TagListResponse extends BaseResponse {
  tags: Tag[];
}

/**
 * The body of user/tag/get.
 */
export interface TagMembersRequest {
  tagid: number;
  next_openid?: string;
}

/**
 * The body of tags/members/batchtagging and batchuntagging (≤ 50 openids).
 */
export interface BatchTaggingRequest {
  openid_list: string[];
  tagid: number;
}

/**
 * The body of tags/getidlist.
 */
export interface OpenidRequest {
  openid: string;
}

/**
 * The answer of tags/getidlist.
 *
 * @example
 * ```ts
 * const { tagid_list } = await client.tag.idList('OPENID');
 * ```
 */
export interface TagIdListResponse extends BaseResponse {
  tagid_list: number[];
}

/**
 * The body of tags/members/getblacklist; empty `begin_openid` starts at the beginning.
 */
export interface BlacklistGetRequest {
  begin_openid?: string;
}

/**
 * The body of tags/members/batchblacklist and batchunblacklist (≤ 20 openids).
 */
export interface OpenidListRequest {
  openid_list: string[];
}

/**
 * The body of changeopenid: the account the fans came from after an account migration (帐号迁移) and up to 100 of
 * their openids there.
 *
 * @example
 * ```ts
 * const request: ChangeOpenidRequest = { from_appid: 'wxOLDACCOUNT0000001', openid_list: ['oOLD1'] };
 * const { result_list } = await client.call('user.changeOpenid', request);
 * ```
 */
export interface ChangeOpenidRequest {
  from_appid: string;
  openid_list: string[];
}

/**
 * The answer of changeopenid: each old openid with its openid in this account, or the reason it has none
 * (`err_msg` is `ok` otherwise).
 *
 * @example
 * ```ts
 * const { result_list } = await client.user.changeOpenid('wxOLDACCOUNT0000001', ['oOLD1']);
 * const map = new Map(result_list.map((r) => [r.ori_openid, r.new_openid]));
 * ```
 */
export interface ChangeOpenidResponse extends BaseResponse {
  result_list: { ori_openid: string; new_openid: string; err_msg: string }[];
}
