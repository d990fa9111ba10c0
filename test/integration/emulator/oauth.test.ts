import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../../src/emulator/app.js';
import { createFan, DEFAULT_FAN } from '../../../src/emulator/fans/create-fan.js';

const emulator = createEmulator();
const { appId, appSecret } = emulator.state.account;
const REDIRECT = 'https://example.com/cb?from=menu';

function authorizeUrl(scope: string, extra = ''): string {
  return `/connect/oauth2/authorize?appid=${appId}&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code&scope=${scope}&state=xyz${extra}`;
}

async function exchange(code: string): Promise<Record<string, unknown>> {
  const res = await emulator.app.request(
    `/sns/oauth2/access_token?appid=${appId}&secret=${appSecret}&code=${code}&grant_type=authorization_code`,
  );
  return (await res.json()) as Record<string, unknown>;
}

async function confirm(decision: 'allow' | 'deny', fan: string): Promise<Response> {
  const form = new URLSearchParams({
    appid: appId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'snsapi_userinfo',
    state: 'xyz',
    fan,
    decision,
  });
  return emulator.app.request('/connect/oauth2/authorize/confirm', {
    method: 'POST',
    body: form,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

describe('web authorization (网页授权)', () => {
  it('snsapi_base goes straight through: 302 to redirect_uri with a code and the state', async () => {
    const res = await emulator.app.request(authorizeUrl('snsapi_base'));
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('https://example.com/cb');
    expect(location.searchParams.get('from')).toBe('menu');
    expect(location.searchParams.get('state')).toBe('xyz');
    const token = await exchange(location.searchParams.get('code')!);
    expect(token).toMatchObject({ openid: DEFAULT_FAN.openid, scope: 'snsapi_base' });
  });

  it('the code is single-use: a second exchange fails with 40163', async () => {
    const res = await emulator.app.request(authorizeUrl('snsapi_base'));
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    await exchange(code);
    expect(await exchange(code)).toMatchObject({ errcode: 40163 });
  });

  it('snsapi_userinfo shows the consent page with the account name and a fan picker', async () => {
    const res = await emulator.app.request(authorizeUrl('snsapi_userinfo'));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(emulator.state.account.name);
    expect(html).toContain('允许');
    expect(html).toContain('拒绝');
    expect(html).toContain(`value="${DEFAULT_FAN.openid}" selected`);
  });

  it('consent gives a code for the chosen fan', async () => {
    const fan = createFan(emulator.state, { nickname: '小红', following: true });
    const res = await confirm('allow', fan.openid);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(await exchange(location.searchParams.get('code')!)).toMatchObject({
      openid: fan.openid,
      scope: 'snsapi_userinfo',
    });
  });

  it('refusing returns only the state', async () => {
    const res = await confirm('deny', DEFAULT_FAN.openid);
    const location = new URL(res.headers.get('location')!);
    expect([...location.searchParams.keys()].sort()).toEqual(['from', 'state']);
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('the fan comes from the page cookie when no fan is named', async () => {
    const fan = createFan(emulator.state, { nickname: '小刚' });
    const res = await emulator.app.request(authorizeUrl('snsapi_base'), {
      headers: { cookie: `wxmp_fan=${fan.openid}` },
    });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    expect(await exchange(code)).toMatchObject({ openid: fan.openid });
  });

  it.each([
    ['another appid', authorizeUrl('snsapi_base').replace(appId, 'wx0000000000000000'), /appid/],
    ['an unknown scope', authorizeUrl('snsapi_login'), /Scope/],
    [
      'a relative redirect_uri',
      `/connect/oauth2/authorize?appid=${appId}&redirect_uri=%2Fcb&response_type=code&scope=snsapi_base`,
      /redirect_uri/,
    ],
    [
      'response_type token',
      authorizeUrl('snsapi_base').replace('response_type=code', 'response_type=token'),
      /response_type/,
    ],
  ])('refuses %s with an error page', async (_name, url, reason) => {
    const res = await emulator.app.request(url);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(reason);
  });
});
