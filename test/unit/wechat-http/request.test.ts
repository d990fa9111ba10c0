import { describe, expect, it } from 'vitest';
import { endpoints } from '../../../src/api/endpoints.js';
import { buildRequest, guessContentType } from '../../../src/wechat-http/request.js';
import { WeChatError } from '../../../src/errors.js';

const BASE = 'https://api.weixin.qq.com/';
const auth = { token: 'TOKEN', appId: 'wx0123456789abcdef', appSecret: 'SECRET' };

describe('buildRequest', () => {
  it('puts the token first and query fields after it for GET endpoints', () => {
    const { url, init } = buildRequest(BASE, endpoints['user.info'], { openid: 'O', lang: 'en' }, auth);
    expect(url).toBe('https://api.weixin.qq.com/cgi-bin/user/info?access_token=TOKEN&openid=O&lang=en');
    expect(init).toEqual({ method: 'GET' });
  });

  it('ignores a caller-supplied access_token on global-token endpoints', () => {
    const { url } = buildRequest(BASE, endpoints['user.info'], { openid: 'O', access_token: 'EVIL' }, auth);
    expect(new URL(url).searchParams.getAll('access_token')).toEqual(['TOKEN']);
  });

  it('sends JSON bodies as UTF-8 JSON with the token in the query', () => {
    const { url, init } = buildRequest(BASE, endpoints['tag.create'], { tag: { name: '广东' } }, auth);
    expect(url).toBe('https://api.weixin.qq.com/cgi-bin/tags/create?access_token=TOKEN');
    expect(init.body).toBe('{"tag":{"name":"广东"}}');
    expect(init.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('adds appid, secret and grant_type to the code exchange, and no global token', () => {
    const { url } = buildRequest(
      BASE,
      endpoints['oauth.accessToken'],
      { code: 'C' },
      { ...auth, token: undefined },
    );
    expect(url).toBe(
      'https://api.weixin.qq.com/sns/oauth2/access_token?grant_type=authorization_code&appid=wx0123456789abcdef&secret=SECRET&code=C',
    );
  });

  it('sends only the appid with a refresh, and the user token as given to sns/userinfo', () => {
    const refresh = new URL(
      buildRequest(BASE, endpoints['oauth.refreshToken'], { refresh_token: 'R' }, auth).url,
    );
    expect(refresh.searchParams.get('appid')).toBe(auth.appId);
    expect(refresh.searchParams.has('secret')).toBe(false);
    const info = new URL(
      buildRequest(BASE, endpoints['oauth.userInfo'], { access_token: 'USER', openid: 'O' }, auth).url,
    );
    expect(info.searchParams.get('access_token')).toBe('USER');
  });

  it('uses appsecret for clear_quota/v2 and puts stable_token credentials in the JSON body', () => {
    const v2 = new URL(buildRequest(BASE, endpoints['misc.clearQuotaV2'], undefined, auth).url);
    expect(v2.searchParams.get('appsecret')).toBe('SECRET');
    const stable = buildRequest(BASE, endpoints['token.stable'], { force_refresh: false }, auth);
    expect(stable.url).toBe('https://api.weixin.qq.com/cgi-bin/stable_token');
    expect(JSON.parse(stable.init.body as string)).toEqual({
      force_refresh: false,
      grant_type: 'client_credential',
      appid: auth.appId,
      secret: 'SECRET',
    });
  });

  it("sends stable_token's grant_type in the body, over a caller's", () => {
    const stable = buildRequest(BASE, endpoints['token.stable'], { grant_type: 'password' }, auth);
    expect(JSON.parse(stable.init.body as string)).toMatchObject({ grant_type: 'client_credential' });
    expect(new URL(stable.url).searchParams.has('grant_type')).toBe(false);
  });

  it('builds a multipart form with the file under media and type in the query', async () => {
    const { url, init } = buildRequest(
      BASE,
      endpoints['material.add'],
      {
        type: 'video',
        media: { data: new Uint8Array([1, 2]), filename: 'v.mp4' },
        description: { title: 'T', introduction: 'I' },
      },
      auth,
    );
    expect(url).toBe('https://api.weixin.qq.com/cgi-bin/material/add_material?access_token=TOKEN&type=video');
    const form = init.body as FormData;
    const media = form.get('media') as File;
    expect(media.name).toBe('v.mp4');
    expect(media.type).toBe('video/mp4');
    expect(new Uint8Array(await media.arrayBuffer())).toEqual(new Uint8Array([1, 2]));
    expect(form.get('description')).toBe('{"title":"T","introduction":"I"}');
    expect(form.has('type')).toBe(false);
  });

  it('sends the raw field of a raw request as the body, with every other field in the query', async () => {
    const text = buildRequest(
      BASE,
      endpoints['ai.translate'],
      { lfrom: 'zh_CN', lto: 'en_US', content: '你好' },
      auth,
    );
    expect(text.url).toBe(
      'https://api.weixin.qq.com/cgi-bin/media/voice/translatecontent?access_token=TOKEN&lfrom=zh_CN&lto=en_US',
    );
    expect(text.init.body).toBe('你好');
    expect(text.init.headers).toEqual({ 'content-type': 'text/plain; charset=utf-8' });
    const voice = new Uint8Array([0x49, 0x44, 0x33]);
    const audio = buildRequest(
      BASE,
      endpoints['ai.submitVoice'],
      { voice_id: 'v1', format: 'mp3', voice },
      auth,
    );
    expect(new URL(audio.url).searchParams.get('voice_id')).toBe('v1');
    expect(new URL(audio.url).searchParams.has('voice')).toBe(false);
    expect(audio.init.headers).toEqual({ 'content-type': 'audio/mpeg' });
    expect(new Uint8Array(await new Response(audio.init.body).arrayBuffer())).toEqual(voice);
  });

  it('sends a raw Blob or UploadFile with its own type, and refuses a raw field that is not text or bytes', () => {
    const spec = endpoints['ai.submitVoice'];
    const blob = buildRequest(
      BASE,
      spec,
      { voice_id: 'v', format: 'mp3', voice: new Blob(['x'], { type: 'audio/mp3' }) },
      auth,
    );
    expect(blob.init.headers).toEqual({ 'content-type': 'audio/mp3' });
    const file = { data: new Uint8Array([1]), filename: 'a.wav' };
    expect(
      buildRequest(BASE, spec, { voice_id: 'v', format: 'mp3', voice: file }, auth).init.headers,
    ).toEqual({
      'content-type': 'audio/wav',
    });
    expect(() => buildRequest(BASE, spec, { voice_id: 'v', format: 'mp3' }, auth)).toThrow(
      expect.objectContaining({ code: 'REQUEST_INVALID' }) as Error,
    );
  });

  it('fails with a config error naming the missing AppSecret', () => {
    const call = () =>
      buildRequest(BASE, endpoints['oauth.accessToken'], { code: 'C' }, { ...auth, appSecret: undefined });
    expect(call).toThrow(WeChatError);
    expect(call).toThrow(/oauth\.accessToken \(\/sns\/oauth2\/access_token\) needs the AppSecret/);
  });
});

describe('guessContentType', () => {
  it.each([
    ['a.JPG', 'image/jpeg'],
    ['v.amr', 'audio/amr'],
    ['x.mp4', 'video/mp4'],
    ['noext', 'application/octet-stream'],
  ])('%s → %s', (name, type) => {
    expect(guessContentType(name)).toBe(type);
  });
});
