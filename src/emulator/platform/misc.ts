/**
 * Account-level endpoints (reference §9.10, §9.13): the JS-SDK ticket, WeChat's IP lists, quota reset and lookup,
 * rid lookup and the callback network check.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { endpoints } from '../../api/endpoints.js';
import type { EmulatorState } from '../state.js';
import type { Handlers } from './context.js';
import { clearQuota, quotaOf } from './quota.js';
import { fail, OK, ridLog } from './respond.js';

/** Lifetime of a JS-SDK ticket. */
export const TICKET_TTL_MS = 7200_000;
/** A new ticket is issued once less than this remains, like the stable token. */
export const TICKET_RENEW_AHEAD_MS = 5 * 60_000;

/** The IP lists answered for getcallbackip and get_api_domain_ip: the emulator is everything on loopback. */
export const EMULATOR_IPS: readonly string[] = ['127.0.0.1'];

/**
 * The current ticket of a type (`jsapi` or `wx_card`), issued or renewed as needed; the fan side's JS-SDK page
 * uses it to check `wx.config` signatures.
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

const KNOWN_PATHS = new Set(Object.values(endpoints).map((spec) => spec.path));

/**
 * The handlers of the JS-SDK ticket and the account-level endpoints.
 *
 * @example
 * ```ts
 * const routes = endpointRoutes(state, options, miscHandlers);
 * ```
 */
export const miscHandlers: Handlers = {
  'jssdk.getTicket': ({ state, query }) => {
    const type = query['type'];
    if (type !== 'jsapi' && type !== 'wx_card') fail(40035);
    const { ticket, expiresAt } = currentTicket(state, type);
    return { errcode: 0, errmsg: 'ok', ticket, expires_in: Math.floor((expiresAt - state.now()) / 1000) };
  },
  'misc.callbackIp': () => ({ ip_list: EMULATOR_IPS }),
  'misc.apiDomainIp': () => ({ ip_list: EMULATOR_IPS }),
  'misc.clearQuota': ({ state, body }) => {
    if (typeof body['appid'] !== 'string' || body['appid'] === '') fail(41002);
    if (body['appid'] !== state.account.appId) fail(40013);
    clearQuota(state);
    return OK;
  },
  // appid and appsecret were checked by the runner (the table says `appid+secret`).
  'misc.clearQuotaV2': ({ state }) => {
    clearQuota(state);
    return OK;
  },
  'misc.quotaGet': ({ state, body }) => {
    const path = body['cgi_path'];
    if (typeof path !== 'string' || !KNOWN_PATHS.has(path)) fail(76021);
    return { ...OK, quota: quotaOf(state, path) };
  },
  'misc.ridGet': ({ state, body }) => {
    const record = ridLog(state).find((r) => r.rid === body['rid']) ?? fail(76001);
    const { rid: _rid, ...request } = record;
    return { ...OK, request };
  },
  // No probe leaves the machine: the emulator reports its own loopback address as reachable.
  'misc.callbackCheck': ({ body }) => {
    const action = body['action'];
    if (action !== 'all' && action !== 'dns' && action !== 'ping') fail(40035);
    const dns = [{ ip: '127.0.0.1', real_operator: 'UNICOM' }];
    const ping = [{ ip: '127.0.0.1', from_operator: 'UNICOM', package_loss: '0%', time: '0.100ms' }];
    return { ...(action !== 'ping' ? { dns } : {}), ...(action !== 'dns' ? { ping } : {}) };
  },
};
