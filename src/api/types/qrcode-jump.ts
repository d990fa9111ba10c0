/**
 * Rules that open a mini program when a fan scans one of the account's parametric QR codes (扫服务号二维码打开小程序,
 * `/cgi-bin/wxopen/qrcodejump*`): the service account must be linked to the mini program; a rule is added (or edited
 * while unpublished), then published, at most 100 publications a month.
 * @see https://developers.weixin.qq.com/doc/service/api/qrcode/qrcodejump/api_qrcodejumpadd.html
 * @module
 */
import type { BaseResponse, Io } from './common.js';

/**
 * The body of qrcodejumpadd: the QR code's URL (`http://weixin.qq.com/q/…`, as `qrcode.create` answers it) as the
 * rule, the mini program and its page; `is_edit` 1 changes an unpublished rule.
 *
 * @example
 * ```ts
 * const rule: QrcodeJumpAddRequest = {
 *   prefix: 'http://weixin.qq.com/q/02P5KzM_xxxxx',
 *   appid: 'wx0123456789abcdef',
 *   path: 'pages/index/index',
 *   is_edit: 0,
 * };
 * await client.qrcodeJump.add(rule);
 * ```
 */
export interface QrcodeJumpAddRequest {
  prefix: string;
  appid: string;
  path: string;
  is_edit: 0 | 1;
}

/**
 * The body of qrcodejumpget: the mini program's rules, the newest 10 000 (`get_type` 0), those of some prefixes
 * (1, up to 200), or a page in the order they were added (2, up to 200 a page).
 *
 * @example
 * ```ts
 * const byPage: QrcodeJumpGetRequest = { appid: 'wx0123456789abcdef', get_type: 2, page_num: 1, page_size: 50 };
 * const { rule_list, total_count } = await client.qrcodeJump.get(byPage);
 * ```
 */
export type QrcodeJumpGetRequest = { appid: string } & (
  | { get_type: 0 }
  | { get_type: 1; prefix_list: string[] }
  | { get_type: 2; page_num: number; page_size: number }
);

/**
 * One rule: its page and whether it is published (`state` 1 not yet, 2 published).
 */
export interface QrcodeJumpRule {
  prefix: string;
  path: string;
  state: 1 | 2;
}

/**
 * What qrcodejumpget answers: the rules, whether the feature is on, the publications left this month and the total
 * (for paging).
 *
 * @example
 * ```ts
 * const { rule_list, qrcodejump_pub_quota } = await client.qrcodeJump.get({ appid: 'wx0123456789abcdef', get_type: 0 });
 * ```
 */
export interface QrcodeJumpGetResponse extends BaseResponse {
  rule_list: QrcodeJumpRule[];
  qrcodejump_open: number;
  list_size: number;
  qrcodejump_pub_quota: number;
  total_count: number;
}

/**
 * Request and response of the four QR-code jump endpoints, by table name.
 */
export interface QrcodeJumpEndpoints {
  'qrcodeJump.get': Io<QrcodeJumpGetRequest, QrcodeJumpGetResponse>;
  'qrcodeJump.add': Io<QrcodeJumpAddRequest, BaseResponse>;
  'qrcodeJump.publish': Io<{ prefix: string }, BaseResponse>;
  'qrcodeJump.delete': Io<{ prefix: string; appid: string }, BaseResponse>;
}
