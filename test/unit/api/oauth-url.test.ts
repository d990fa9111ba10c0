import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl } from '../../../src/api/resources/oauth.js';
import { qrcodeImageUrl } from '../../../src/api/resources/qrcode.js';

describe('buildAuthorizeUrl', () => {
  it("keeps WeChat's parameter order, encodes redirect_uri and ends with #wechat_redirect", () => {
    expect(
      buildAuthorizeUrl({
        appId: 'wx520c15f417810387',
        redirectUri: 'https://example.com/cb?x=1&y=二',
        scope: 'snsapi_base',
        state: 'abc123',
      }),
    ).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx520c15f417810387' +
        '&redirect_uri=https%3A%2F%2Fexample.com%2Fcb%3Fx%3D1%26y%3D%E4%BA%8C' +
        '&response_type=code&scope=snsapi_base&state=abc123#wechat_redirect',
    );
  });

  it('adds forcePopup before the fragment and honours another origin', () => {
    const url = buildAuthorizeUrl({
      appId: 'wx1',
      redirectUri: 'http://127.0.0.1/cb',
      scope: 'snsapi_userinfo',
      forcePopup: true,
      origin: 'http://127.0.0.1:9000/',
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:9000\/connect\/oauth2\/authorize\?appid=wx1&/);
    expect(url).toMatch(/&scope=snsapi_userinfo&state=&forcePopup=true#wechat_redirect$/);
  });

  it('rejects a state that WeChat would not echo', () => {
    expect(() =>
      buildAuthorizeUrl({ appId: 'wx1', redirectUri: 'x', scope: 'snsapi_base', state: 'a b' }),
    ).toThrow(/state must be at most 128 letters or digits/);
    expect(() =>
      buildAuthorizeUrl({ appId: 'wx1', redirectUri: 'x', scope: 'snsapi_base', state: 'a'.repeat(129) }),
    ).toThrow();
  });
});

describe('qrcodeImageUrl', () => {
  it('URL-encodes the ticket (+ / =)', () => {
    expect(qrcodeImageUrl('gQH4+/a==')).toBe(
      'https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=gQH4%2B%2Fa%3D%3D',
    );
  });
});
