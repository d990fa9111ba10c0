/** A token server on the emulator, with two client keys, for the token findings' tests. */
import { readEnv } from '../../../src/config.js';
import { createTokenServerFromEnv, type TokenServer } from '../../../src/services/token-server.js';
import { EMULATOR_BASE, type EmulatedWeChat } from '../../support/emulated-wechat.js';

export const ATTACKER = 'attacker-key-0123456789-abcdef';
export const CLIENT = 'client-key-0123456789-abcdef';

export function tokenServerOn(
  wechat: EmulatedWeChat,
  options: { now?: () => number; redisUrl?: string; redisPrefix?: string } = {},
): TokenServer {
  const env = readEnv({
    WECHAT_APPID: wechat.appId,
    WECHAT_APPSECRET: wechat.appSecret,
    WECHAT_API_BASE: EMULATOR_BASE,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
  });
  return createTokenServerFromEnv(env, {
    clientKeys: `${ATTACKER},${CLIENT}`,
    fetch: wechat.fetch,
    ...(options.now ? { now: options.now } : {}),
    ...(options.redisPrefix ? { redisPrefix: options.redisPrefix } : {}),
  });
}

export async function getToken(
  server: TokenServer,
  key: string,
): Promise<{ status: number; token?: string }> {
  const res = await server.app.request('/token', { headers: { authorization: `Bearer ${key}` } });
  const body = (await res.json()) as { access_token?: string };
  return { status: res.status, ...(body.access_token ? { token: body.access_token } : {}) };
}

export async function reportRejected(server: TokenServer, key: string, token: string): Promise<number> {
  const res = await server.app.request('/token/invalidate', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ access_token: token }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** How many stable_token calls asked for force_refresh. */
export function forcedRefreshes(wechat: EmulatedWeChat): number {
  return wechat.requestsOf('token.stable').filter((r) => r.body.includes('"force_refresh":true')).length;
}
