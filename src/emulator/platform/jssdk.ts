/**
 * The JS-SDK ticket (reference §9.10): `jsapi` and `wx_card` tickets, each valid 2 hours and renewed 5 minutes
 * before it expires, like the stable token.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { EmulatorState } from '../state.js';
import type { Handlers } from './core/handler.js';
import { fail } from './core/respond.js';

/** Lifetime of a JS-SDK ticket. */
export const TICKET_TTL_MS = 7200_000;
/** A new ticket is issued once less than this remains, like the stable token. */
export const TICKET_RENEW_AHEAD_MS = 5 * 60_000;

/**
 * The current ticket of a type (`jsapi` or `wx_card`), issued or renewed as needed.
 *
 * @example
 * ```ts
 * const { ticket } = currentTicket(state, 'jsapi');
 * ```
 */
export function currentTicket(
  state: EmulatorState,
  type: 'jsapi' | 'wx_card',
): { ticket: string; expiresAt: number } {
  const tickets = state.slot<Record<string, { ticket: string; expiresAt: number }>>('tickets', () => ({}));
  const current = tickets[type];
  if (current !== undefined && current.expiresAt - state.now() > TICKET_RENEW_AHEAD_MS) return current;
  const issued = { ticket: randomBytes(64).toString('base64url'), expiresAt: state.now() + TICKET_TTL_MS };
  tickets[type] = issued;
  return issued;
}

/**
 * The handler of ticket/getticket.
 *
 * @example
 * ```ts
 * Object.keys(jssdkHandlers); // ['jssdk.getTicket']
 * ```
 */
export const jssdkHandlers: Handlers = {
  'jssdk.getTicket': ({ state, query }) => {
    const type = query['type'];
    if (type !== 'jsapi' && type !== 'wx_card') fail(40035);
    const { ticket, expiresAt } = currentTicket(state, type);
    return { errcode: 0, errmsg: 'ok', ticket, expires_in: Math.floor((expiresAt - state.now()) / 1000) };
  },
};
