/**
 * Parametric QR-code shapes (reference §9.9).
 * @module
 */
import type { BaseResponse } from './common.js';

/**
 * The body of qrcode/create.
 */
export type QrcodeCreateRequest =
  | { expire_seconds?: number; action_name: 'QR_SCENE'; action_info: { scene: { scene_id: number } } }
  | { expire_seconds?: number; action_name: 'QR_STR_SCENE'; action_info: { scene: { scene_str: string } } }
  | { action_name: 'QR_LIMIT_SCENE'; action_info: { scene: { scene_id: number } } }
  | { action_name: 'QR_LIMIT_STR_SCENE'; action_info: { scene: { scene_str: string } } };

/**
 * The answer of qrcode/create; show the image with `client.qrcode.imageUrl(ticket)`.
 *
 * @example
 * ```ts
 * const { ticket, url } = await client.qrcode.temporary('promo', 3600);
 * ```
 */
export interface QrcodeCreateResponse extends BaseResponse {
  ticket: string;
  /** Absent for permanent codes. */
  expire_seconds?: number;
  /** The content encoded in the QR image. */
  url: string;
}
