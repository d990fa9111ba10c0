/**
 * JS-SDK ticket shapes (reference §9.10).
 * @module
 */
import type { BaseResponse } from './common.js';

/**
 * The query of ticket/getticket: `jsapi` for wx.config, `wx_card` for card APIs.
 */
export interface TicketRequest {
  type: 'jsapi' | 'wx_card';
}

/**
 * The answer of ticket/getticket; cache it, the call quota is small.
 *
 * @example
 * ```ts
 * const { ticket, expires_in } = await client.jssdk.getTicket();
 * ```
 */
export interface TicketResponse extends BaseResponse {
  ticket: string;
  expires_in: number;
}
