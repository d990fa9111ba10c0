/**
 * Account-level endpoints (reference §9.13): WeChat's IP lists, quota reset and lookup, rid lookup and the callback
 * network check.
 * @module
 */
import { endpoints } from '../../api/endpoints.js';
import type { Handlers } from './core/handler.js';
import { clearPathQuota, clearQuota, quotaOf } from './core/quota.js';
import { fail, OK, ridLog } from './core/respond.js';

/** The IP lists answered for getcallbackip and get_api_domain_ip: the emulator is everything on loopback. */
export const EMULATOR_IPS: readonly string[] = ['127.0.0.1'];

const KNOWN_PATHS = new Set(Object.values(endpoints).map((spec) => spec.path));

/**
 * The handlers of the account-level endpoints.
 *
 * @example
 * ```ts
 * Object.keys(miscHandlers); // ['misc.callbackIp', 'misc.apiDomainIp', 'misc.clearQuota', …]
 * ```
 */
export const miscHandlers: Handlers = {
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
  'misc.quotaClear': ({ state, body }) => {
    const path = body['cgi_path'];
    if (typeof path !== 'string' || !KNOWN_PATHS.has(path)) fail(76021);
    clearPathQuota(state, path);
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
