import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, type WeChatClient } from '../../../src/api/client.js';
import { jssdkSignature } from '../../../src/crypto/jssdk.js';
import { createFan } from '../../../src/emulator/index.js';
import { WeChatApiError, WeChatError } from '../../../src/errors.js';
import { createOAuthExampleApp } from '../../../examples/oauth/server.js';
import { recordingTokenProvider, startEmulatedClient } from '../../support/emulated-client.js';
import { EMULATOR_BASE, type EmulatedWeChat } from '../../support/emulated-wechat.js';

let wechat: EmulatedWeChat;
let client: WeChatClient;

beforeEach(() => {
  ({ wechat, client } = startEmulatedClient());
  createFan(wechat.state, { openid: 'OPENID_9', nickname: '张三', following: true });
});
afterEach(() => wechat.close());

describe('web authorization', () => {
  it("authorizeUrl uses the client's AppID", () => {
    expect(
      client.oauth.authorizeUrl({ redirectUri: 'https://example.com/cb', scope: 'snsapi_base', state: 's1' }),
    ).toBe(
      `https://open.weixin.qq.com/connect/oauth2/authorize?appid=${wechat.appId}&redirect_uri=https%3A%2F%2Fexample.com%2Fcb&response_type=code&scope=snsapi_base&state=s1#wechat_redirect`,
    );
  });

  it('accessToken sends appid, secret, code and grant_type, and returns the user token', async () => {
    const code = await wechat.consent('OPENID_9');
    const token = await client.oauth.accessToken(code);
    expect(token).toMatchObject({
      openid: 'OPENID_9',
      access_token: expect.any(String) as string,
      refresh_token: expect.any(String) as string,
      scope: 'snsapi_userinfo',
    });
    expect(wechat.requestsOf('oauth.accessToken')[0]!.query).toEqual({
      grant_type: 'authorization_code',
      appid: wechat.appId,
      secret: wechat.appSecret,
      code,
    });
  });

  it('a second exchange of the same code fails with 40163, says codes are single-use, and is not retried', async () => {
    const code = await wechat.consent('OPENID_9');
    await client.oauth.accessToken(code);
    const err: unknown = await client.oauth.accessToken(code).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeChatApiError);
    expect((err as WeChatApiError).errcode).toBe(40163);
    expect((err as WeChatApiError).message).toContain('single-use');
    expect(await wechat.calls('oauth.accessToken')).toBe(2);
  });

  it('a timed-out exchange is not repeated, since the code may be spent', async () => {
    const slow = createApiClient({
      apiBase: EMULATOR_BASE,
      fetch: wechat.fetch,
      tokenProvider: recordingTokenProvider(wechat),
      appId: wechat.appId,
      appSecret: wechat.appSecret,
      timeoutMs: 50,
    });
    await wechat.fault('oauth.accessToken', { delayMs: 300, times: 1 });
    await expect(slow.oauth.accessToken(await wechat.consent('OPENID_9'))).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    expect(await wechat.calls('oauth.accessToken')).toBe(1);
  });

  it('refreshToken sends the appid but not the secret', async () => {
    const token = await client.oauth.accessToken(await wechat.consent('OPENID_9'));
    await expect(client.oauth.refreshToken(token.refresh_token)).resolves.toMatchObject({
      openid: 'OPENID_9',
    });
    expect(wechat.requestsOf('oauth.refreshToken')[0]!.query).toEqual({
      grant_type: 'refresh_token',
      appid: wechat.appId,
      refresh_token: token.refresh_token,
    });
  });

  it("userInfo and isTokenValid use the user's token, not the global one", async () => {
    const token = await client.oauth.accessToken(await wechat.consent('OPENID_9'));
    await expect(client.oauth.userInfo(token.access_token, token.openid)).resolves.toMatchObject({
      openid: 'OPENID_9',
      nickname: '张三',
    });
    expect(wechat.requestsOf('oauth.userInfo')[0]!.query['access_token']).toBe(token.access_token);
    await expect(client.oauth.isTokenValid(token.access_token, token.openid)).resolves.toBe(true);
    await expect(client.oauth.isTokenValid('WRONG', token.openid)).resolves.toBe(false);
    expect(await wechat.calls('oauth.auth')).toBe(2); // a user token error is not ours to refresh
  });

  it("auth resolves for a valid user token and rejects with WeChat's errcode otherwise", async () => {
    const token = await client.oauth.accessToken(await wechat.consent('OPENID_9'));
    await expect(client.oauth.auth(token.access_token, token.openid)).resolves.toMatchObject({ errcode: 0 });
    const err: unknown = await client.oauth.auth('WRONG', token.openid).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeChatApiError);
    expect((err as WeChatApiError).errcode).toBe(40001);
    expect(wechat.requestsOf('oauth.auth')[0]!.query['access_token']).toBe(token.access_token);
  });
});

describe('JS-SDK', () => {
  it('getTicket asks for the jsapi ticket', async () => {
    await expect(client.jssdk.getTicket()).resolves.toMatchObject({
      ticket: expect.any(String) as string,
      expires_in: 7200,
    });
    expect(wechat.requestsOf('jssdk.getTicket')[0]!.query['type']).toBe('jsapi');
  });

  it("config signs the page URL without its fragment with the provider's ticket", async () => {
    const now = () => 1414587457_000;
    const { ticket } = await client.jssdk.getTicket();
    const signed = createApiClient({
      apiBase: EMULATOR_BASE,
      fetch: wechat.fetch,
      tokenProvider: recordingTokenProvider(wechat),
      appId: wechat.appId,
      ticketProvider: { getTicket: async () => (await client.jssdk.getTicket()).ticket },
      now,
    });
    const config = await signed.jssdk.config({
      url: 'https://example.com/page?a=1#section',
      jsApiList: ['scanQRCode'],
    });
    expect(config).toMatchObject({
      appId: wechat.appId,
      timestamp: 1414587457,
      jsApiList: ['scanQRCode'],
      openTagList: [],
      debug: false,
    });
    expect(config.signature).toBe(
      jssdkSignature({
        jsapi_ticket: ticket,
        noncestr: config.nonceStr,
        timestamp: 1414587457,
        url: 'https://example.com/page?a=1',
      }),
    );
  });

  it('config without a ticket provider says how to give one', async () => {
    await expect(client.jssdk.config({ url: 'https://x', jsApiList: [] })).rejects.toThrow(
      /createTicketManager/,
    );
    await expect(client.jssdk.config({ url: 'https://x', jsApiList: [] })).rejects.toBeInstanceOf(
      WeChatError,
    );
  });
});

describe('examples/oauth against the emulator', () => {
  const publicUrl = 'http://app.test';
  const app = () =>
    createOAuthExampleApp({
      appId: wechat.appId,
      appSecret: wechat.appSecret,
      publicUrl,
      apiBase: EMULATOR_BASE,
      fetch: wechat.fetch,
      authorizeOrigin: 'http://wechat.test',
    });

  async function login(example: ReturnType<typeof app>) {
    const res = await example.request('/login');
    const location = res.headers.get('location') ?? '';
    const state = /&state=([0-9a-f]+)#wechat_redirect$/.exec(location)?.[1] ?? '';
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return { res, location, state, cookie };
  }

  it('sends the visitor to the authorize URL with a state cookie', async () => {
    const { res, location, state, cookie } = await login(app());
    expect(res.status).toBe(302);
    expect(location).toBe(
      `http://wechat.test/connect/oauth2/authorize?appid=${wechat.appId}&redirect_uri=http%3A%2F%2Fapp.test%2Fcallback&response_type=code&scope=snsapi_base&state=${state}#wechat_redirect`,
    );
    expect(cookie).toBe(`oauth_state=${state}`);
  });

  it('exchanges the code of the callback and shows the openid; a reload explains single-use codes', async () => {
    const example = app();
    const { state, cookie } = await login(example);
    const code = await wechat.consent('OPENID_9', 'snsapi_base');
    const page = await example.request(`/callback?code=${code}&state=${state}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<dd id="openid">OPENID_9</dd>');
    const reload = await example.request(`/callback?code=${code}&state=${state}`, { headers: { cookie } });
    expect(reload.status).toBe(502);
    expect(await reload.text()).toContain('single-use');
  });

  it('refuses a callback whose state does not match the cookie', async () => {
    const example = app();
    const { cookie } = await login(example);
    const code = await wechat.consent('OPENID_9', 'snsapi_base');
    const res = await example.request(`/callback?code=${code}&state=forged`, { headers: { cookie } });
    expect(res.status).toBe(400);
    expect(await wechat.calls('oauth.accessToken')).toBe(0);
  });
});
