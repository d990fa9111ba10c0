/**
 * QR-code jump rules (扫服务号二维码打开小程序): a fan who scans one of the account's parametric QR codes lands in a
 * linked mini program's page. A rule names the QR code's URL (as `qrcode.create` answers it), the mini program and
 * the page; it is added, edited while unpublished, published (at most 100 times a month), and deleted.
 * @see https://developers.weixin.qq.com/doc/service/api/qrcode/qrcodejump/api_qrcodejumpadd.html
 * @module
 */
import type { QrcodeJumpAddRequest, QrcodeJumpGetRequest } from '../types/qrcode-jump.js';
import type { ResourceContext } from './context.js';

/**
 * The QR-code jump group of the client.
 *
 * @example
 * ```ts
 * const { url } = await client.qrcode.permanent('shop-7');
 * const appid = 'wx0123456789abcdef'; // the linked mini program
 * await client.qrcodeJump.add({ prefix: url, appid, path: 'pages/shop/index', is_edit: 0 });
 * await client.qrcodeJump.publish(url);
 * ```
 */
export function createQrcodeJumpApi({ call }: ResourceContext) {
  return {
    /**
     * The rules of a mini program (POST /cgi-bin/wxopen/qrcodejumpget): the newest 10 000, those of some
     * prefixes, or a page; with the publications left this month. 40097 for a query without its fields.
     * @see https://developers.weixin.qq.com/doc/service/api/qrcode/qrcodejump/api_qrcodejumpget.html
     */
    get: (request: QrcodeJumpGetRequest) => call('qrcodeJump.get', request),
    /**
     * Adds a rule (`is_edit: 0`; 85071 if it exists) or changes an unpublished one (`is_edit: 1`; 40097 once
     * published) (POST /cgi-bin/wxopen/qrcodejumpadd); 85066 for a prefix that is not a QR code's URL.
     * @see https://developers.weixin.qq.com/doc/service/api/qrcode/qrcodejump/api_qrcodejumpadd.html
     */
    add: (rule: QrcodeJumpAddRequest) => call('qrcodeJump.add', rule),
    /**
     * Publishes a rule, so every fan's scan opens the mini program (POST /cgi-bin/wxopen/qrcodejumppublish);
     * 85095 for a prefix without a rule, 886000 past 100 publications this month.
     * @see https://developers.weixin.qq.com/doc/service/api/qrcode/qrcodejump/api_qrcodejumppublish.html
     */
    publish: (prefix: string) => call('qrcodeJump.publish', { prefix }),
    /**
     * Deletes a rule, published or not (POST /cgi-bin/wxopen/qrcodejumpdelete).
     * @see https://developers.weixin.qq.com/doc/service/api/qrcode/qrcodejump/api_qrcodejumpdelete.html
     */
    delete: (prefix: string, appid: string) => call('qrcodeJump.delete', { prefix, appid }),
  };
}

/**
 * The type of `client.qrcodeJump`.
 */
export type QrcodeJumpApi = ReturnType<typeof createQrcodeJumpApi>;
