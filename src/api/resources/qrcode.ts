/**
 * Parametric QR codes (带参数二维码): temporary and permanent, with a numeric or a string scene, and the URL of
 * the image. Scanning one produces `subscribe` (EventKey `qrscene_…`) or `SCAN`.
 * @see https://developers.weixin.qq.com/doc/service/api/qrcode/qrcodes/api_createqrcode.html
 * @module
 */
import { WeChatError } from '../../errors.js';
import type { QrcodeCreateRequest } from '../types/qrcode.js';
import type { ResourceContext } from './context.js';

// WeChat's limits, from the QR-code doc.
const MAX_EXPIRE_SECONDS = 2_592_000; // 30 days
const MAX_PERMANENT_SCENE_ID = 100_000;
const MAX_SCENE_ID = 2 ** 32 - 1;

/**
 * The QR-code group of the client.
 *
 * @example
 * ```ts
 * const qr = client.qrcode; // this group
 * const { ticket } = await qr.temporary('promo-42', 3600); // QR_STR_SCENE, 1 hour
 * console.log(qr.imageUrl(ticket));
 * ```
 */
export function createQrcodeApi({ call, qrcodeOrigin }: ResourceContext) {
  return {
    /**
     * Creates any kind of code from the raw body (POST /cgi-bin/qrcode/create).
     * @see https://developers.weixin.qq.com/doc/service/api/qrcode/qrcodes/api_createqrcode.html
     */
    create(request: QrcodeCreateRequest) {
      return call('qrcode.create', request);
    },
    /**
     * Helper (not an endpoint): a temporary code through `qrcode.create`, checked before sending. A number scene
     * gives `QR_SCENE` (32-bit, non-zero), a string `QR_STR_SCENE` (1–64 characters). `expireSeconds` from 1 s to
     * 30 days.
     * @see https://developers.weixin.qq.com/doc/service/api/qrcode/qrcodes/api_createqrcode.html
     */
    async temporary(scene: number | string, expireSeconds: number) {
      // Inside an async method (as in permanent), so a bad value rejects the promise instead of throwing.
      if (!Number.isInteger(expireSeconds) || expireSeconds < 1 || expireSeconds > MAX_EXPIRE_SECONDS) {
        invalid(`expireSeconds must be 1 to ${MAX_EXPIRE_SECONDS} (30 days), got ${expireSeconds}`);
      }
      const request: QrcodeCreateRequest =
        typeof scene === 'number'
          ? {
              expire_seconds: expireSeconds,
              action_name: 'QR_SCENE',
              action_info: { scene: { scene_id: sceneId(scene, MAX_SCENE_ID) } },
            }
          : {
              expire_seconds: expireSeconds,
              action_name: 'QR_STR_SCENE',
              action_info: { scene: { scene_str: sceneStr(scene) } },
            };
      return call('qrcode.create', request);
    },
    /**
     * Helper (not an endpoint): a permanent code (≤ 100 000 per account) through `qrcode.create`. A number scene
     * gives `QR_LIMIT_SCENE` (1–100 000), a string `QR_LIMIT_STR_SCENE` (1–64 characters).
     * @see https://developers.weixin.qq.com/doc/service/api/qrcode/qrcodes/api_createqrcode.html
     */
    async permanent(scene: number | string) {
      const request: QrcodeCreateRequest =
        typeof scene === 'number'
          ? {
              action_name: 'QR_LIMIT_SCENE',
              action_info: { scene: { scene_id: sceneId(scene, MAX_PERMANENT_SCENE_ID) } },
            }
          : { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: sceneStr(scene) } } };
      return call('qrcode.create', request);
    },
    /**
     * Helper (not an endpoint): the image URL of a ticket (`showqrcode`, no token). The ticket holds `+ / =`, so it
     * is URL-encoded.
     * @see https://developers.weixin.qq.com/doc/service/api/qrcode/qrcodes/api_createqrcode.html
     */
    imageUrl(ticket: string): string {
      return qrcodeImageUrl(ticket, qrcodeOrigin);
    },
  };
}

/**
 * The `showqrcode` URL of a ticket, with the ticket URL-encoded.
 *
 * @example
 * ```ts
 * qrcodeImageUrl('gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==');
 * // 'https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=gQH47joAAAAAAAAAASxodHRw…%3D%3D'
 * ```
 */
export function qrcodeImageUrl(ticket: string, origin = 'https://mp.weixin.qq.com'): string {
  return `${origin.replace(/\/+$/, '')}/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`;
}

function sceneId(id: number, max: number): number {
  if (!Number.isInteger(id) || id < 1 || id > max)
    invalid(`a numeric scene must be an integer from 1 to ${max}, got ${id}`);
  return id;
}

function sceneStr(text: string): string {
  if (text.length < 1 || text.length > 64)
    invalid(`a string scene must be 1 to 64 characters, got ${text.length}`);
  return text;
}

function invalid(problem: string): never {
  throw new WeChatError('REQUEST_INVALID', `QR code: ${problem}`);
}

/**
 * The type of `client.qrcode`.
 */
export type QrcodeApi = ReturnType<typeof createQrcodeApi>;
