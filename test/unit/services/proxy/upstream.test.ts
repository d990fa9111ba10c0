import { describe, expect, it } from 'vitest';
import { endpoints } from '../../../../src/api/endpoints.js';
import { upstreamAttempt, type Upstream } from '../../../../src/services/proxy/upstream.js';

interface Seen {
  url: URL;
  init: RequestInit;
}

/** An upstream whose fetch records the request and answers `answer`. */
function upstream(answer: () => Response): Upstream & { seen: Seen[] } {
  const seen: Seen[] = [];
  return {
    seen,
    apiBase: 'https://wechat.test',
    timeoutMs: 1000,
    appId: 'wxAPPID',
    appSecret: 'APPSECRET_1',
    fetch: (input, init) => {
      seen.push({ url: new URL(input instanceof Request ? input.url : input), init: init ?? {} });
      return Promise.resolve(answer());
    },
  };
}

const json = (body: string, headers: Record<string, string> = {}) =>
  new Response(body, { headers: { 'content-type': 'application/json', ...headers } });
const request = (query: string, body = new ArrayBuffer(0), contentType?: string) => ({
  query: new URLSearchParams(query),
  contentType,
  body,
});

describe('upstreamAttempt', () => {
  it("adds the attempt's token and drops every credential the caller sent", async () => {
    const up = upstream(() => json('{"errcode":0}'));
    const attempt = upstreamAttempt(
      endpoints['user.info'],
      request('openid=O1&access_token=CALLERS&appid=wxother&secret=S&appsecret=S'),
      up,
    );
    await attempt('TOKEN_1');
    const { url, init } = up.seen[0]!;
    expect(url.origin + url.pathname).toBe('https://wechat.test/cgi-bin/user/info');
    expect(Object.fromEntries(url.searchParams)).toEqual({ openid: 'O1', access_token: 'TOKEN_1' });
    expect(init.method).toBe('GET');
    expect(init.body).toBeUndefined();
  });

  it("keeps the user's own token on user_token endpoints", async () => {
    const up = upstream(() => json('{"openid":"O1"}'));
    await upstreamAttempt(
      endpoints['oauth.userInfo'],
      request('access_token=USERS&openid=O1'),
      up,
    )(undefined);
    expect(Object.fromEntries(up.seen[0]!.url.searchParams)).toEqual({ access_token: 'USERS', openid: 'O1' });
  });

  it('adds the AppID and AppSecret for the code exchange', async () => {
    const up = upstream(() => json('{"openid":"O1"}'));
    await upstreamAttempt(endpoints['oauth.accessToken'], request('code=C&secret=GUESS'), up)(undefined);
    expect(Object.fromEntries(up.seen[0]!.url.searchParams)).toEqual({
      code: 'C',
      grant_type: 'authorization_code',
      appid: 'wxAPPID',
      secret: 'APPSECRET_1',
    });
  });

  it('sends a POST body with its content type only', async () => {
    const up = upstream(() => json('{"errcode":0}'));
    const body = new TextEncoder().encode('{"button":[]}').buffer;
    await upstreamAttempt(endpoints['menu.create'], request('', body, 'application/json'), up)('T');
    expect(up.seen[0]!.init).toMatchObject({
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
  });

  it("returns WeChat's text unchanged with its errcode, and only the headers that describe it", async () => {
    const text = '{"errcode":45009,"errmsg":"reach max api daily quota limit"}';
    const up = upstream(() => json(text, { 'set-cookie': 'a=b', 'content-length': String(text.length) }));
    const { value, errcode } = await upstreamAttempt(endpoints['menu.get'], request(''), up)('T');
    expect(errcode).toBe(45009);
    expect(value.status).toBe(200);
    expect(await value.text()).toBe(text);
    expect([...value.headers.keys()]).toEqual(['content-type']);
  });

  it('counts a text that is not JSON as errcode 0', async () => {
    const up = upstream(
      () => new Response('<html>busy</html>', { headers: { 'content-type': 'text/html' } }),
    );
    const { value, errcode } = await upstreamAttempt(endpoints['menu.get'], request(''), up)('T');
    expect(errcode).toBe(0);
    expect(await value.text()).toBe('<html>busy</html>');
  });

  it('streams a file with its content type, name and length', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const headers = {
      'content-type': 'image/jpeg',
      'content-disposition': 'attachment; filename="a.jpg"',
      'content-length': '3',
      server: 'nginx',
    };
    const up = upstream(() => new Response(bytes, { headers }));
    const { value, errcode } = await upstreamAttempt(endpoints['media.get'], request('media_id=M'), up)('T');
    expect(errcode).toBe(0);
    expect(Object.fromEntries(value.headers)).toEqual({
      'content-type': 'image/jpeg',
      'content-disposition': 'attachment; filename="a.jpg"',
      'content-length': '3',
    });
    expect(new Uint8Array(await value.arrayBuffer())).toEqual(bytes);
  });

  it("takes the attempt's token and the AppSecret out of openapi/rid/get's answer", async () => {
    const up = upstream(() =>
      json('{"errcode":0,"request":{"request_url":"x=TOKEN_9","response_body":"APPSECRET_1"}}'),
    );
    const { value } = await upstreamAttempt(endpoints['misc.ridGet'], request(''), up)('TOKEN_9');
    const text = await value.text();
    expect(text).not.toContain('TOKEN_9');
    expect(text).not.toContain('APPSECRET_1');
  });
});
