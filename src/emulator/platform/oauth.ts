/**
 * Web authorization (reference §9.11). The fan side's consent page issues codes with {@link issueOAuthCode}; the
 * developer's server exchanges them here. Codes are single-use (40163) and live 5 minutes (42003); user tokens live
 * 2 hours, refresh tokens 30 days (42002). User tokens are not global access_tokens and vice versa.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { EmulatorState } from '../state.js';
import type { Handlers } from './core/handler.js';
import { fail, OK } from './core/respond.js';

/** Lifetime of an authorization code. */
export const OAUTH_CODE_TTL_MS = 5 * 60_000;
/** Lifetime of a user's access token. */
export const OAUTH_TOKEN_TTL_MS = 7200_000;
/** Lifetime of a refresh token. */
export const OAUTH_REFRESH_TTL_MS = 30 * 86_400_000;

/** The two web-authorization scopes. */
export type OAuthScope = 'snsapi_base' | 'snsapi_userinfo';

interface Grant {
  openid: string;
  scope: OAuthScope;
  appid: string;
  expiresAt: number;
}

interface OAuthSlot {
  codes: Record<string, Grant & { redirectUri: string; used: boolean }>;
  tokens: Record<string, Grant>;
  refresh: Record<string, Grant>;
}

function slot(state: EmulatorState): OAuthSlot {
  const s = state.slot<OAuthSlot>('oauth', () => ({ codes: {}, tokens: {}, refresh: {} }));
  // Keep the saved state small: forget what expired a day ago.
  const stale = state.now() - 86_400_000;
  for (const table of [s.codes, s.tokens, s.refresh] as Record<string, Grant>[]) {
    for (const [key, grant] of Object.entries(table)) if (grant.expiresAt < stale) delete table[key];
  }
  return s;
}

/**
 * Issues an authorization code for a fan who consented (or, for `snsapi_base`, just opened the page): single use,
 * valid 5 minutes. The fan side calls this and redirects to `redirectUri?code=…&state=…`.
 *
 * @example
 * ```ts
 * const code = issueOAuthCode(state, {
 *   openid: 'oFan1',
 *   scope: 'snsapi_userinfo',
 *   appid: state.account.appId,
 *   redirectUri: 'https://example.com/callback',
 * });
 * ```
 */
export function issueOAuthCode(
  state: EmulatorState,
  grant: { openid: string; scope: OAuthScope; appid: string; redirectUri: string },
): string {
  const code = randomBytes(16).toString('hex');
  slot(state).codes[code] = { ...grant, used: false, expiresAt: state.now() + OAUTH_CODE_TTL_MS };
  return code;
}

function tokenAnswer(state: EmulatorState, grant: Grant, refreshToken: string): Record<string, unknown> {
  const accessToken = randomBytes(64).toString('base64url');
  slot(state).tokens[accessToken] = { ...grant, expiresAt: state.now() + OAUTH_TOKEN_TTL_MS };
  const unionid = state.fans.get(grant.openid)?.unionid;
  return {
    access_token: accessToken,
    expires_in: OAUTH_TOKEN_TTL_MS / 1000,
    refresh_token: refreshToken,
    openid: grant.openid,
    scope: grant.scope,
    ...(unionid === undefined ? {} : { unionid }),
  };
}

// The user's token of sns/userinfo and sns/auth: 41001 missing, 40001 unknown, 42001 expired, 40003 other user.
function userGrant(state: EmulatorState, query: Record<string, string>): Grant {
  const token = query['access_token'];
  if (!token) fail(41001);
  const grant = slot(state).tokens[token] ?? fail(40001);
  if (state.now() >= grant.expiresAt) fail(42001);
  if (query['openid'] !== grant.openid) fail(40003);
  return grant;
}

/**
 * The handlers of the web-authorization endpoints (the runner has checked appid, secret and grant_type).
 *
 * @example
 * ```ts
 * Object.keys(oauthHandlers); // ['oauth.accessToken', 'oauth.refreshToken', 'oauth.userInfo', …]
 * ```
 */
export const oauthHandlers: Handlers = {
  'oauth.accessToken': ({ state, query }) => {
    const code = query['code'];
    if (!code) fail(41008);
    const grant = slot(state).codes[code];
    if (grant === undefined || grant.appid !== query['appid']) fail(40029);
    if (grant.used) fail(40163);
    if (state.now() >= grant.expiresAt) fail(42003);
    grant.used = true;
    const refreshToken = randomBytes(64).toString('base64url');
    const { openid, scope, appid } = grant;
    slot(state).refresh[refreshToken] = {
      openid,
      scope,
      appid,
      expiresAt: state.now() + OAUTH_REFRESH_TTL_MS,
    };
    return tokenAnswer(state, { openid, scope, appid, expiresAt: 0 }, refreshToken);
  },
  'oauth.refreshToken': ({ state, query }) => {
    const refreshToken = query['refresh_token'];
    if (!refreshToken) fail(41003);
    const grant = slot(state).refresh[refreshToken];
    if (grant === undefined || grant.appid !== query['appid']) fail(40030);
    if (state.now() >= grant.expiresAt) fail(42002);
    return tokenAnswer(state, grant, refreshToken);
  },
  'oauth.userInfo': ({ state, query }) => {
    const grant = userGrant(state, query);
    if (grant.scope !== 'snsapi_userinfo') fail(48001);
    const fan = state.fans.get(grant.openid);
    return {
      openid: grant.openid,
      nickname: fan?.nickname ?? '',
      // Since 2021-10 WeChat answers sex 0 and empty region fields.
      sex: 0,
      province: '',
      city: '',
      country: '',
      headimgurl: fan?.avatar ?? '',
      privilege: [],
      ...(fan?.unionid === undefined ? {} : { unionid: fan.unionid }),
    };
  },
  'oauth.auth': ({ state, query }) => {
    userGrant(state, query);
    return OK;
  },
};
