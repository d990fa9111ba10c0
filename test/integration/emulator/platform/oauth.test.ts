import { describe, expect, it } from 'vitest';
import { issueOAuthCode, type OAuthScope } from '../../../../src/emulator/platform/oauth.js';
import { addFan, APPID, createPlatform, expectError, SECRET } from './helpers.js';

type P = ReturnType<typeof createPlatform>;

function code(p: P, scope: OAuthScope = 'snsapi_userinfo', openid = 'oA'): string {
  return issueOAuthCode(p.state, { openid, scope, appid: APPID, redirectUri: 'https://example.com/cb' });
}
const exchange = (p: P, c: string, extra: Record<string, string> = {}) =>
  p.send('GET', '/sns/oauth2/access_token', {
    query: { appid: APPID, secret: SECRET, code: c, grant_type: 'authorization_code', ...extra },
  });

describe('web authorization', () => {
  it('exchanges a code for a user token, then reads the user info and checks the token', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA', nickname: '小明', unionid: 'uA', avatar: 'http://a/x.png' });
    const token = (await exchange(p, code(p))).json;
    expect(token).toMatchObject({ expires_in: 7200, openid: 'oA', scope: 'snsapi_userinfo', unionid: 'uA' });
    const query = { access_token: String(token['access_token']), openid: 'oA' };
    const info = (await p.send('GET', '/sns/userinfo', { query: { ...query, lang: 'zh_CN' } })).json;
    expect(info).toMatchObject({
      openid: 'oA',
      nickname: '小明',
      sex: 0,
      headimgurl: 'http://a/x.png',
      privilege: [],
      unionid: 'uA',
    });
    expect((await p.send('GET', '/sns/auth', { query })).json).toEqual({ errcode: 0, errmsg: 'ok' });
    expectError(await p.send('GET', '/sns/auth', { query: { ...query, openid: 'oB' } }), 40003);
    p.advance(7200);
    expectError(await p.send('GET', '/sns/auth', { query }), 42001);
  });

  it('uses a code once (40163), for 5 minutes (42003), and only codes it issued (40029)', async () => {
    const p = createPlatform();
    const c = code(p);
    await exchange(p, c);
    expectError(await exchange(p, c), 40163);
    const late = code(p);
    p.advance(300);
    expectError(await exchange(p, late), 42003);
    expectError(await exchange(p, 'made-up'), 40029);
    expectError(await exchange(p, ''), 41008);
  });

  it('checks appid, secret and grant_type of the exchange', async () => {
    const p = createPlatform();
    expectError(await exchange(p, code(p), { secret: 'wrong' }), 40125);
    expectError(await exchange(p, code(p), { appid: 'wx0000000000000000' }), 40013);
    expectError(await exchange(p, code(p), { grant_type: 'client_credential' }), 40002);
  });

  it('refreshes a user token with the refresh_token for 30 days', async () => {
    const p = createPlatform();
    const first = (await exchange(p, code(p, 'snsapi_base'))).json;
    const refresh = (extra: Record<string, string> = {}) =>
      p.send('GET', '/sns/oauth2/refresh_token', {
        query: {
          appid: APPID,
          grant_type: 'refresh_token',
          refresh_token: String(first['refresh_token']),
          ...extra,
        },
      });
    const renewed = (await refresh()).json;
    expect(renewed).toMatchObject({
      openid: 'oA',
      scope: 'snsapi_base',
      refresh_token: first['refresh_token'],
    });
    expect(renewed['access_token']).not.toBe(first['access_token']);
    expectError(await refresh({ refresh_token: 'nope' }), 40030);
    expectError(await refresh({ refresh_token: '' }), 41003);
    p.advance(30 * 86_400);
    expectError(await refresh(), 42002);
  });

  it('refuses userinfo to a snsapi_base token (48001) and keeps user tokens apart from access_tokens', async () => {
    const p = createPlatform();
    const base = (await exchange(p, code(p, 'snsapi_base'))).json;
    const query = { access_token: String(base['access_token']), openid: 'oA' };
    expectError(await p.send('GET', '/sns/userinfo', { query }), 48001);
    expectError(await p.send('GET', '/cgi-bin/menu/get', { query }), 40001);
    expectError(
      await p.send('GET', '/sns/userinfo', { query: { access_token: await p.accessToken(), openid: 'oA' } }),
      40001,
    );
    expectError(await p.send('GET', '/sns/userinfo', { query: { openid: 'oA' } }), 41001);
  });
});
