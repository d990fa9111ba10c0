import { describe, expect, it } from 'vitest';
import { endpoints } from '../../../src/api/endpoints.js';
import { WeChatApiError, type WeChatError } from '../../../src/errors.js';
import { callWeChat, readAnswer, sendRequest, type Upstream } from '../../../src/wechat-http/call.js';

const noAuth = { token: undefined, appId: undefined, appSecret: undefined };
const app = { token: undefined, appId: 'wx0123456789abcdef', appSecret: 'S3CRET' };

/** An upstream whose fetch records each request and answers with `answer`. */
function upstream(answer: () => Response | Promise<Response>, timeoutMs = 1000) {
  const seen: { url: string; init: RequestInit | undefined }[] = [];
  const fake: Upstream = {
    apiBase: 'https://api.example.test/',
    timeoutMs,
    fetch: async (input, init) => {
      seen.push({ url: input instanceof Request ? input.url : input.toString(), init });
      return answer();
    },
  };
  return { upstream: fake, seen };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('sendRequest and readAnswer', () => {
  it('send the request the table describes and parse the answer', async () => {
    const { upstream: u, seen } = upstream(() => json({ access_token: 'T', expires_in: 7200 }));
    const fetched = await sendRequest(u, endpoints['token.stable'], { force_refresh: true }, app);
    expect(await readAnswer(fetched, '/cgi-bin/stable_token')).toEqual({
      access_token: 'T',
      expires_in: 7200,
    });
    expect(seen[0]!.url).toBe('https://api.example.test/cgi-bin/stable_token');
    expect(seen[0]!.init?.method).toBe('POST');
    expect(JSON.parse(seen[0]!.init?.body as string)).toEqual({
      grant_type: 'client_credential',
      appid: app.appId,
      secret: app.appSecret,
      force_refresh: true,
    });
  });
});

describe('callWeChat', () => {
  it('returns the JSON object of a successful answer', async () => {
    const { upstream: u, seen } = upstream(() => json({ errcode: 0, ticket: 'TICKET', expires_in: 7200 }));
    const body = await callWeChat(
      u,
      endpoints['jssdk.getTicket'],
      { type: 'jsapi' },
      { ...noAuth, token: 'TOK' },
    );
    expect(body).toMatchObject({ ticket: 'TICKET' });
    const url = new URL(seen[0]!.url);
    expect(url.pathname).toBe('/cgi-bin/ticket/getticket');
    expect(Object.fromEntries(url.searchParams)).toEqual({ access_token: 'TOK', type: 'jsapi' });
  });

  it('turns an error answer into a WeChatApiError with a hint', async () => {
    const { upstream: u } = upstream(() =>
      json({ errcode: 40164, errmsg: 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist' }),
    );
    const err = (await callWeChat(u, endpoints['token.get'], undefined, app).catch(
      (e: unknown) => e,
    )) as WeChatApiError;
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err.endpoint).toBe('/cgi-bin/token');
    expect(err.hint).toContain("Add 203.0.113.7 to the account's IP whitelist");
    expect(err.message).not.toContain(app.appSecret);
  });

  it('reports a JSON answer that is not a success object as HTTP_ERROR', async () => {
    const failing = upstream(() => json({}, 500)).upstream;
    await expect(callWeChat(failing, endpoints['token.get'], undefined, app)).rejects.toMatchObject({
      code: 'HTTP_ERROR',
      message: expect.stringContaining('answered HTTP 500') as unknown,
    });
    const array = upstream(() => json([1])).upstream;
    await expect(callWeChat(array, endpoints['token.get'], undefined, app)).rejects.toMatchObject({
      code: 'HTTP_ERROR',
      message: expect.stringContaining('without a JSON object') as unknown,
    });
  });

  it('fails with TIMEOUT when WeChat does not answer within the deadline', async () => {
    const never: Upstream = {
      apiBase: 'https://api.example.test',
      timeoutMs: 20,
      fetch: (_input, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error)),
        ),
    };
    const err = (await callWeChat(never, endpoints['token.get'], undefined, app).catch(
      (e: unknown) => e,
    )) as WeChatError;
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toContain('/cgi-bin/token did not answer within 20 ms');
  });

  it('fails with HTTP_ERROR naming the network reason and WECHAT_API_BASE, never the secret in the URL', async () => {
    const down: Upstream = {
      apiBase: 'https://api.example.test',
      timeoutMs: 1000,
      fetch: (input) => Promise.reject(new TypeError(`fetch failed for ${input as string}`)),
    };
    const err = (await callWeChat(down, endpoints['token.get'], undefined, app).catch(
      (e: unknown) => e,
    )) as WeChatError;
    expect(err.code).toBe('HTTP_ERROR');
    expect(err.message).toContain('WECHAT_API_BASE (https://api.example.test)');
    expect(`${err.message} ${(err.cause as Error).message}`).not.toContain(app.appSecret);
  });
});
