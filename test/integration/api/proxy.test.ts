import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/logger.js';
import { keyIdOf } from '../../../src/services/client-keys.js';
import { createProxy, type ProxyOptions } from '../../../src/services/proxy.js';
import { createApiClient, type WeChatClient } from '../../../src/api/client.js';
import { createFan } from '../../../src/emulator/index.js';
import {
  recordingTokenProvider,
  startEmulatedClient,
  type RecordingTokenProvider,
} from '../../support/emulated-client.js';
import { EMULATOR_BASE, type EmulatedWeChat } from '../../support/emulated-wechat.js';

const KEY = 'service-a-0123456789abcdef';
const OTHER_KEY = 'service-b-0123456789abcdef';
const auth = (key = KEY) => ({ authorization: `Bearer ${key}` });

let wechat: EmulatedWeChat;
let client: WeChatClient;
let tokens: RecordingTokenProvider;
let lines: Record<string, unknown>[];

beforeEach(() => {
  ({ wechat, client } = startEmulatedClient());
  createFan(wechat.state, { openid: 'OPENID_7', nickname: '张三', following: true });
  tokens = recordingTokenProvider(wechat);
  lines = [];
});
afterEach(() => wechat.close());

function proxy(options: Partial<ProxyOptions> = {}) {
  const log = (obj: object, msg?: string) => void lines.push({ ...obj, msg });
  const logger: Logger = { debug: log, info: log, warn: log, error: log };
  return createProxy({
    tokenProvider: tokens,
    clientKeys: [KEY, OTHER_KEY],
    apiBase: EMULATOR_BASE,
    fetch: wechat.fetch,
    appId: wechat.appId,
    appSecret: wechat.appSecret,
    logger,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    ...options,
  }).app;
}

describe('client keys', () => {
  it('401 without Authorization', async () => {
    const res = await proxy().request('/cgi-bin/menu/get');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toMatchObject({ error: 'UNAUTHORIZED' });
    expect(wechat.requests).toHaveLength(0);
  });

  it('401 with a wrong key', async () => {
    const res = await proxy().request('/cgi-bin/menu/get', { headers: auth('service-a-0123456789abcdeX') });
    expect(res.status).toBe(401);
  });

  it('accepts every configured key', async () => {
    await client.menu.create({ button: [{ type: 'click', name: 'a', key: 'k' }] });
    const app = proxy();
    expect((await app.request('/cgi-bin/menu/get', { headers: auth(KEY) })).status).toBe(200);
    expect((await app.request('/cgi-bin/menu/get', { headers: auth(OTHER_KEY) })).status).toBe(200);
  });
});

describe('allowlist', () => {
  it.each([
    ['GET', '/cgi-bin/unknown'],
    ['GET', '/cgi-bin/menu/create'],
    ['GET', '/cgi-bin/token'],
    ['POST', '/cgi-bin/stable_token'],
    ['POST', '/cgi-bin/clear_quota/v2'],
  ])('404 for %s %s, which the proxy does not forward', async (method, path) => {
    const res = await proxy().request(path, { method, headers: auth() });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'NOT_FOUND' });
    expect(wechat.requests).toHaveLength(0);
  });
});

describe('rate limit', () => {
  it('429 with Retry-After once a key used its budget; other keys are unaffected', async () => {
    let now = 1_000_000;
    const app = proxy({ rateLimitPerMinute: 2, now: () => now });
    const call = (key = KEY) => app.request('/cgi-bin/getcallbackip', { headers: auth(key) });
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    const limited = await call();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(await limited.json()).toMatchObject({ error: 'RATE_LIMITED' });
    expect((await call(OTHER_KEY)).status).toBe(200);
    now += 30_000;
    expect((await call()).status).toBe(200);
  });
});

describe('forwarding', () => {
  it('injects the token and strips a caller-supplied access_token', async () => {
    const res = await proxy().request('/cgi-bin/user/info?access_token=CALLERS&openid=OPENID_1&lang=en', {
      headers: auth(),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ openid: 'OPENID_1', subscribe: 1 });
    const seen = wechat.requestsOf('user.info')[0]!;
    expect(seen.query).toEqual({ openid: 'OPENID_1', lang: 'en', access_token: await tokens.getToken() });
    expect(seen.headers['authorization']).toBeUndefined();
  });

  it("forwards JSON bodies and returns WeChat's text untouched (64-bit ids stay exact)", async () => {
    const res = await proxy().request('/cgi-bin/message/template/send', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({
        touser: 'OPENID_1',
        template_id: 'wxmp_tpl_order_shipped', // one of the emulated account's templates
        data: { thing1: { value: '你好' } },
      }),
    });
    const text = await res.text();
    expect(text).toMatch(/^\{"errcode":0,"errmsg":"ok","msgid":\d{19}\}$/);
    expect(text).toBe(wechat.requestsOf('template.send')[0]!.answerText);
    expect(wechat.requestsOf('template.send')[0]!.body).toContain('你好');
  });

  it('retries on 40001 with a fresh token, invalidating the rejected one', async () => {
    const app = proxy();
    await app.request('/cgi-bin/getcallbackip', { headers: auth() });
    const first = await tokens.getToken();
    await wechat.supersedeClassicTokens();
    const res = await app.request('/cgi-bin/getcallbackip', { headers: auth() });
    expect(await res.json()).toHaveProperty('ip_list');
    const second = await tokens.getToken();
    expect(second).not.toBe(first);
    expect(wechat.requestsOf('misc.callbackIp').map((r) => r.query['access_token'])).toEqual([
      first,
      first,
      second,
    ]);
    expect(tokens.invalidated).toEqual([first]);
  });

  it('retries -1 on idempotent endpoints, but passes 45009 through at once', async () => {
    const app = proxy();
    await wechat.fault('menu.get', { errcode: -1, times: 1 });
    await wechat.fault('misc.callbackIp', { errcode: 45009, times: 1 });
    await app.request('/cgi-bin/menu/get', { headers: auth() });
    expect(await wechat.calls('menu.get')).toBe(2);
    const res = await app.request('/cgi-bin/getcallbackip', { headers: auth() });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ errcode: 45009 });
    expect(await wechat.calls('misc.callbackIp')).toBe(1);
  });

  it('streams binary answers through with content type and filename', async () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    const { media_id } = await client.media.upload('image', { data: bytes, filename: 'all-bytes.jpg' });
    const res = await proxy().request(`/cgi-bin/media/get?media_id=${media_id}`, { headers: auth() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="all-bytes.jpg"');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });

  it('forwards multipart uploads unchanged', async () => {
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'up.png');
    const res = await proxy().request('/cgi-bin/media/upload?type=image', {
      method: 'POST',
      headers: auth(),
      body: form,
    });
    expect(await res.json()).toMatchObject({ type: 'image', media_id: expect.any(String) as string });
    expect(wechat.requestsOf('media.upload')[0]!.form['media']).toMatchObject({
      filename: 'up.png',
      type: 'image/png',
      size: 3,
    });
  });

  it('forwards raw bodies (a recording, a text to translate) unchanged with their content type', async () => {
    // ASCII bytes, so the recorder's text of the body is the bytes themselves.
    const mp3 = Buffer.concat([
      Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'),
      Buffer.alloc(64, 0x55),
    ]);
    const voice = await proxy().request(
      '/cgi-bin/media/voice/addvoicetorecofortext?format=mp3&voice_id=v1&access_token=CALLERS',
      { method: 'POST', headers: { ...auth(), 'content-type': 'audio/mpeg' }, body: mp3 },
    );
    expect(await voice.json()).toMatchObject({ errcode: 0 });
    const seen = wechat.requestsOf('ai.submitVoice')[0]!;
    expect(seen.query).toEqual({ format: 'mp3', voice_id: 'v1', access_token: await tokens.getToken() });
    expect(seen.headers['content-type']).toBe('audio/mpeg');
    expect(seen.body).toBe(mp3.toString('latin1'));
    const text = await proxy().request('/cgi-bin/media/voice/translatecontent?lfrom=zh_CN&lto=en_US', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'text/plain; charset=utf-8' },
      body: '你好',
    });
    expect(await text.json()).toMatchObject({ from_content: '你好', to_content: 'Hello' });
  });

  it('413 for a raw recording above the limit, before calling WeChat', async () => {
    const res = await proxy({ maxBodyBytes: 1024 }).request(
      '/cgi-bin/media/voice/addvoicetorecofortext?format=mp3&voice_id=v1',
      { method: 'POST', headers: { ...auth(), 'content-type': 'audio/mpeg' }, body: new Uint8Array(1025) },
    );
    expect(res.status).toBe(413);
    expect(await wechat.calls('ai.submitVoice')).toBe(0);
  });

  it('forwards table endpoints outside /cgi-bin/ (customer-service accounts under /customservice/)', async () => {
    const res = await proxy().request('/customservice/kfaccount/add?access_token=CALLERS', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ kf_account: 'test1@mywechatid', nickname: '客服1' }),
    });
    expect(await res.json()).toMatchObject({ errcode: 0 });
    const seen = wechat.requestsOf('customService.addAccount')[0]!;
    expect(seen.query).toEqual({ access_token: await tokens.getToken() });
    expect(seen.json).toEqual({ kf_account: 'test1@mywechatid', nickname: '客服1' });
    const other = await proxy().request('/customservice/kfaccount/setadmin', {
      method: 'POST',
      headers: auth(),
    });
    expect(other.status).toBe(404);
  });

  it("adds appid and secret to the OAuth code exchange and drops the caller's", async () => {
    const code = await wechat.consent('OPENID_7');
    const res = await proxy().request(`/sns/oauth2/access_token?code=${code}&secret=GUESS&appid=wxother`, {
      headers: auth(),
    });
    expect(await res.json()).toMatchObject({ openid: 'OPENID_7' });
    expect(wechat.requestsOf('oauth.accessToken')[0]!.query).toEqual({
      code,
      grant_type: 'authorization_code',
      appid: wechat.appId,
      secret: wechat.appSecret,
    });
    expect(tokens.fetches).toBe(0);
  });

  it("keeps the user's own token on sns/userinfo", async () => {
    const token = await client.oauth.accessToken(await wechat.consent('OPENID_7'));
    const res = await proxy().request(`/sns/userinfo?access_token=${token.access_token}&openid=OPENID_7`, {
      headers: auth(),
    });
    expect(await res.json()).toMatchObject({ openid: 'OPENID_7', nickname: '张三' });
  });

  it('413 for bodies above the limit', async () => {
    const res = await proxy({ maxBodyBytes: 10 }).request('/cgi-bin/menu/create', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ button: [] }),
    });
    expect(res.status).toBe(413);
    expect(await wechat.calls('menu.create')).toBe(0);
  });
});

describe('openapi/rid/get', () => {
  // WeChat's documented answer, echoing the failed calls with the very token and secret the proxy used. The
  // emulator redacts its rid log itself, so it cannot play this answer: a scripted upstream fetch does.
  function ridAnswers(): { fetch: typeof fetch; seenTokens: string[] } {
    const seenTokens: string[] = [];
    const scriptedFetch = (input: string | URL | Request): Promise<Response> => {
      const url = new URL(input instanceof Request ? input.url : input);
      const token = url.searchParams.get('access_token') ?? '';
      seenTokens.push(token);
      const request = {
        invoke_time: 1635156704,
        cost_in_ms: 30,
        request_url: `access_token=${token}&cgi_path=/cgi-bin/stable_token&appsecret=${wechat.appSecret}`,
        request_body: JSON.stringify({
          grant_type: 'client_credential',
          appid: wechat.appId,
          secret: wechat.appSecret,
          force_refresh: false,
        }),
        response_body: `{"access_token":"${token}","expires_in":7200,"appsecret":"another-secret"}`,
        client_ip: '113.90.74.10',
      };
      const body = JSON.stringify({ errcode: 0, errmsg: 'ok', request });
      return Promise.resolve(new Response(body, { headers: { 'content-type': 'application/json' } }));
    };
    return { fetch: scriptedFetch, seenTokens };
  }

  it('is forwarded, with the token and every secret taken out of the answer', async () => {
    const { fetch: scriptedFetch, seenTokens } = ridAnswers();
    const res = await proxy({ fetch: scriptedFetch }).request('/cgi-bin/openapi/rid/get', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: '{"rid":"61725984-6126f6f9-040f19c4"}',
    });
    expect(res.status).toBe(200);
    const token = await tokens.getToken();
    expect(seenTokens).toEqual([token]);
    const text = await res.text();
    for (const secret of [token, wechat.appSecret, 'another-secret']) expect(text).not.toContain(secret);
    const { request } = JSON.parse(text) as { request: Record<string, string | number> };
    expect(request).toMatchObject({
      invoke_time: 1635156704,
      request_url: 'access_token=[redacted]&cgi_path=/cgi-bin/stable_token&appsecret=[redacted]',
      client_ip: '113.90.74.10',
    });
    expect(JSON.parse(String(request['request_body']))).toEqual({
      grant_type: 'client_credential',
      appid: wechat.appId,
      secret: '[redacted]',
      force_refresh: false,
    });
    expect(JSON.parse(String(request['response_body']))).toEqual({
      access_token: '[redacted]',
      expires_in: 7200,
      appsecret: '[redacted]',
    });
  });

  it('passes a typed client call through the proxy without the token', async () => {
    const { fetch: scriptedFetch } = ridAnswers();
    const app = proxy({ fetch: scriptedFetch });
    const viaProxy = createApiClient({
      apiBase: 'http://proxy.invalid',
      tokenProvider: { getToken: () => Promise.resolve('unused'), invalidate: () => Promise.resolve() },
      fetch: (input, init) => {
        const url = new URL(input instanceof Request ? input.url : input);
        const headers = { ...(init?.headers as Record<string, string> | undefined), ...auth() };
        return Promise.resolve(app.request(url.pathname + url.search, { ...init, headers }));
      },
    });
    const answer = await viaProxy.misc.ridGet('61725984-6126f6f9-040f19c4');
    expect(JSON.stringify(answer)).not.toContain(await tokens.getToken());
    expect(JSON.stringify(answer)).not.toContain(wechat.appSecret);
  });
});

describe('upstream failures', () => {
  it('504 when WeChat does not answer in time', async () => {
    await wechat.fault('customService.send', { delayMs: 300, times: 1 });
    const res = await proxy({ timeoutMs: 50 }).request('/cgi-bin/message/custom/send', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: '{"touser":"OPENID_1","msgtype":"text","text":{"content":"hi"}}',
    });
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ error: 'TIMEOUT' });
    expect(await wechat.calls('customService.send')).toBe(1);
  });

  it('502 when WeChat cannot be reached', async () => {
    const unreachable = { apiBase: 'http://127.0.0.1:1', fetch: globalThis.fetch, retry: { maxRetries: 0 } };
    const res = await proxy(unreachable).request('/cgi-bin/menu/get', {
      headers: auth(),
    });
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: 'HTTP_ERROR' });
  });

  it('503 when no token can be had', async () => {
    const app = proxy({
      tokenProvider: {
        getToken: () => Promise.reject(new Error('store down')),
        invalidate: () => Promise.resolve(),
      },
    });
    const res = await app.request('/cgi-bin/menu/get', { headers: auth() });
    expect(res.status).toBe(503);
  });
});

describe('logging', () => {
  it('logs key id, path, status, errcode and ms per call, and no secret', async () => {
    await wechat.fault('misc.callbackIp', { errcode: 45009, times: 1 });
    await proxy().request('/cgi-bin/getcallbackip?access_token=CALLERS', { headers: auth() });
    const line = lines.find((l) => l['msg'] === 'proxied WeChat API call');
    expect(line).toMatchObject({
      key: keyIdOf(KEY),
      path: '/cgi-bin/getcallbackip',
      status: 200,
      errcode: 45009,
    });
    expect(typeof line?.['ms']).toBe('number');
    const text = JSON.stringify(lines);
    const token = await tokens.getToken();
    for (const secret of [KEY, token, 'CALLERS', wechat.appSecret]) expect(text).not.toContain(secret);
  });
});
