/**
 * The proxy's rule for paths outside the endpoint table, end to end through `createProxy` (in process): refused
 * with the rule in the message, unless the operator listed them, in which case they are forwarded with the
 * account's token, the caller's body and query passing through.
 */
import { describe, expect, it } from 'vitest';
import { createProxy } from '../../../../src/services/proxy.js';

const KEY = 'a-long-random-client-key-0123';

function proxy(extraEndpoints = [{ method: 'POST' as const, path: '/wxa/generatescheme' }]) {
  const seen: Request[] = [];
  const { app } = createProxy({
    tokenProvider: { getToken: () => Promise.resolve('TOKEN_1'), invalidate: () => Promise.resolve() },
    clientKeys: [KEY],
    apiBase: 'https://wechat.test',
    fetch: (input, init) => {
      seen.push(new Request(input, init));
      return Promise.resolve(Response.json({ errcode: 0, errmsg: 'ok', openlink: 'weixin://dl/x' }));
    },
    extraEndpoints,
  });
  const call = (path: string, init: RequestInit = {}) =>
    app.request(path, {
      ...init,
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    });
  return { call, seen };
}

describe('the proxy and paths outside the endpoint table', () => {
  it('forwards a listed one with the token added and the caller’s token removed', async () => {
    const { call, seen } = proxy();
    const res = await call('/wxa/generatescheme?access_token=CALLERS&x=1', {
      method: 'POST',
      body: '{"a":1}',
    });
    expect(await res.json()).toMatchObject({ openlink: 'weixin://dl/x' });
    expect(seen[0]?.url).toBe('https://wechat.test/wxa/generatescheme?x=1&access_token=TOKEN_1');
    expect(await seen[0]?.text()).toBe('{"a":1}');
  });

  it('refuses an unlisted one, saying how to allow it', async () => {
    const { call, seen } = proxy([]);
    const res = await call('/wxa/generatescheme', { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    const { message } = (await res.json()) as { message: string };
    expect(message).toContain("not in wxmp's endpoint table");
    expect(message).toContain('WXMP_PROXY_EXTRA_ENDPOINTS');
    expect(seen).toHaveLength(0);
  });
});
