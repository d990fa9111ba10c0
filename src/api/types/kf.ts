/**
 * Customer-service accounts (客服帐号), sessions (会话控制) and chat records (聊天记录). A kf account is written
 * `prefix@wechatid`: a prefix of at most 10 letters, digits or underscores, then the Official Account's WeChat id.
 * @module
 */
import type { BaseResponse, Id64, UploadFile } from './common.js';

/**
 * The body of kfaccount/add and kfaccount/update.
 */
export interface KfAccountRequest {
  /** `prefix@wechatid`; the prefix has at most 10 letters, digits or underscores. */
  kf_account: string;
  /** At most 16 characters. */
  nickname: string;
}

/**
 * A body naming one kf account (kfaccount/del).
 */
export interface KfAccountName {
  kf_account: string;
}

/**
 * The body of kfaccount/inviteworker: the WeChat id of the person who will work as this kf account.
 */
export interface KfInviteRequest {
  kf_account: string;
  invite_wx: string;
}

/**
 * kfaccount/uploadheadimg: the avatar (multipart field `media`, within 5 MB); `kf_account` travels in the query.
 */
export interface KfHeadImageRequest {
  kf_account: string;
  media: UploadFile;
}

/**
 * One kf account of getkflist. The invitation fields are present while a worker has not bound the account yet.
 *
 * @example
 * ```ts
 * const list = await client.customService.listAccounts();
 * const bound = list.kf_list.filter((kf: KfAccountInfo) => kf.kf_wx !== undefined);
 * ```
 */
export interface KfAccountInfo {
  kf_account: string;
  kf_nick: string;
  /** The account's number (工号). */
  kf_id: string;
  kf_headimgurl: string;
  /** The worker's WeChat id, once bound. */
  kf_wx?: string;
  /** The invited WeChat id, while the invitation is open. */
  invite_wx?: string;
  /** When the invitation expires (Unix seconds). */
  invite_expire_time?: number;
  invite_status?: 'waiting' | 'rejected' | 'expired';
}

/**
 * The answer of getkflist.
 *
 * @example
 * ```ts
 * const { kf_list } = await client.customService.listAccounts();
 * ```
 */
export interface KfListResponse extends BaseResponse {
  kf_list: KfAccountInfo[];
}

/**
 * One online kf account of getonlinekflist.
 *
 * @example
 * ```ts
 * const online = await client.customService.listOnlineAccounts();
 * const busy = online.kf_online_list.filter((kf: KfOnlineInfo) => kf.accepted_case > 0);
 * ```
 */
export interface KfOnlineInfo {
  kf_account: string;
  /** 0 offline, 1 online on the web workbench. */
  status: number;
  /** Documented as a number here, sent as a string in the documentation's own example. */
  kf_id: string | number;
  /** Sessions the account is serving now. */
  accepted_case: number;
}

/**
 * The answer of getonlinekflist.
 *
 * @example
 * ```ts
 * const { kf_online_list } = await client.customService.listOnlineAccounts();
 * ```
 */
export interface KfOnlineListResponse extends BaseResponse {
  kf_online_list: KfOnlineInfo[];
}

/**
 * The body of kfsession/create and kfsession/close: a fan and a kf account.
 */
export interface KfSessionRequest {
  kf_account: string;
  openid: string;
}

/**
 * The answer of kfsession/getsession: `kf_account` is empty when nobody serves the fan.
 *
 * @example
 * ```ts
 * const { kf_account } = await client.customService.getSession('OPENID');
 * ```
 */
export interface KfSessionState extends BaseResponse {
  kf_account: string;
  /** When the session started (Unix seconds). */
  createtime: number;
}

/**
 * The answer of kfsession/getsessionlist: the fans a kf account serves.
 *
 * @example
 * ```ts
 * const { sessionlist } = await client.customService.listSessions('test1@mywechatid');
 * ```
 */
export interface KfSessionListResponse extends BaseResponse {
  sessionlist: { openid: string; createtime: number }[];
}

/**
 * The answer of kfsession/getwaitcase: fans waiting for a kf account, at most 100, in the order they came.
 *
 * @example
 * ```ts
 * const { count, waitcaselist } = await client.customService.listWaitingSessions();
 * ```
 */
export interface KfWaitCaseResponse extends BaseResponse {
  /** All waiting fans, also beyond the 100 listed. */
  count: number;
  /** `latest_time`: the fan's last message (Unix seconds). */
  waitcaselist: { openid: string; latest_time: number }[];
}

/**
 * The body of msgrecord/getmsglist: a period of at most 24 hours, from record `msgid` on (the first is 1), at most
 * 10 000 records.
 */
export interface KfMsgListRequest {
  starttime: number;
  endtime: number;
  /** 1 for the first call, then the `msgid` of the last answer (sent as a bare integer either way). */
  msgid: number | Id64;
  number: number;
}

/**
 * One chat record: opercode 2002 the kf account sent it, 2003 the kf account received it. Images, voices and videos
 * read `[image]`, `[voice]`, `[video]`.
 *
 * @example
 * ```ts
 * const request = { starttime: 1700000000, endtime: 1700086400, msgid: 1, number: 10000 };
 * const records = await client.customService.getMessageRecords(request);
 * const sent = records.recordlist.filter((r: KfMsgRecord) => r.opercode === 2002);
 * ```
 */
export interface KfMsgRecord {
  openid: string;
  opercode: number;
  text: string;
  /** Unix seconds. */
  time: number;
  /** The kf account. */
  worker: string;
}

/**
 * The answer of msgrecord/getmsglist; pass `msgid` back to read on.
 *
 * @example
 * ```ts
 * const request = { starttime: 1700000000, endtime: 1700086400, msgid: 1, number: 10000 };
 * const { recordlist, number, msgid } = await client.customService.getMessageRecords(request);
 * ```
 */
export interface KfMsgListResponse extends BaseResponse {
  recordlist: KfMsgRecord[];
  /** Records in this answer. */
  number: number;
  /** Where the next call starts; a string, like every `msgid` the client reads. */
  msgid: Id64;
}
