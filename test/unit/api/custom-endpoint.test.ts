/**
 * The escape hatch: `defineEndpoint` describes an endpoint outside the table, and `client.request` sends it with
 * the table's wire rules, retries and errors (the typing is checked in test/types/request.test-d.ts).
 */
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../src/api/client.js';
import { defineEndpoint } from '../../../src/api/custom-endpoint.js';
import { WeChatApiError } from '../../../src/errors.js';

function clientAnswering(answer: (request: Request) => unknown) {
  const seen: Request[] = [];
  const client = createApiClient({
    tokenProvider: { getToken: () => Promise.resolve('TOKEN'), invalidate: () => Promise.resolve() },
    apiBase: 'https://api.example',
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    fetch: (input, init) => {
      const request = new Request(input, init);
      seen.push(request);
      return Promise.resolve(Response.json(answer(request)));
    },
  });
  return { client, seen };
}

describe('defineEndpoint', () => {
  it('fills the table’s defaults: the global token, a JSON body for POST, the query for GET, never retried', () => {
    expect(defineEndpoint({ method: 'POST', path: '/wxa/generatescheme' })).toEqual({
      name: 'custom:POST /wxa/generatescheme',
      method: 'POST',
      path: '/wxa/generatescheme',
      auth: 'access_token',
      request: 'json',
      response: 'json',
      idempotent: false,
      proxied: false,
      doc: '',
    });
    expect(defineEndpoint({ method: 'GET', path: '/cgi-bin/x', idempotent: true })).toMatchObject({
      request: 'query',
      idempotent: true,
    });
  });

  it.each(['wxa/x', 'https://api.weixin.qq.com/x', '/x?y=1', '/a/../b', '/a//b', ''])(
    'refuses the path "%s" with CONFIG_INVALID',
    (path) => {
      expect(() => defineEndpoint({ method: 'POST', path })).toThrow(/is not an API path/);
    },
  );

  it('refuses a path of the table, naming the endpoint to call instead', () => {
    expect(() => defineEndpoint({ method: 'GET', path: '/cgi-bin/menu/get' })).toThrow(
      /GET \/cgi-bin\/menu\/get is menu\.get of the endpoint table/,
    );
  });
});

describe('client.request with a custom endpoint', () => {
  it('sends the request as the description says and returns the answer', async () => {
    const { client, seen } = clientAnswering(() => ({ errcode: 0, errmsg: 'ok', openlink: 'weixin://dl/x' }));
    const scheme = defineEndpoint<{ jump_wxa: { path: string } }, { openlink: string }>({
      method: 'POST',
      path: '/wxa/generatescheme',
    });
    const { openlink } = await client.request(scheme, { jump_wxa: { path: 'pages/index' } });
    expect(openlink).toBe('weixin://dl/x');
    expect(seen[0]?.url).toBe('https://api.example/wxa/generatescheme?access_token=TOKEN');
    expect(await seen[0]?.text()).toBe('{"jump_wxa":{"path":"pages/index"}}');
  });

  it('sends a raw body when described so, the other fields in the query', async () => {
    const { client, seen } = clientAnswering(() => ({ errcode: 0, errmsg: 'ok' }));
    const upload = defineEndpoint<{ name: string; csv: string }, { errcode?: number }>({
      method: 'POST',
      path: '/cgi-bin/some/upload',
      request: 'raw',
      rawBody: { field: 'csv', contentType: 'text/csv' },
    });
    await client.request(upload, { name: 'list', csv: 'a,b\n1,2' });
    expect(seen[0]?.url).toBe('https://api.example/cgi-bin/some/upload?access_token=TOKEN&name=list');
    expect(seen[0]?.headers.get('content-type')).toBe('text/csv');
    expect(await seen[0]?.text()).toBe('a,b\n1,2');
  });

  it('turns an errcode into a WeChatApiError, and refreshes a rejected token once like any endpoint', async () => {
    let calls = 0;
    const { client } = clientAnswering(() => {
      calls += 1;
      return calls === 1
        ? { errcode: 40001, errmsg: 'invalid credential' }
        : { errcode: 48001, errmsg: 'api unauthorized' };
    });
    const read = defineEndpoint<undefined, { value: number }>({ method: 'GET', path: '/cgi-bin/new/read' });
    const error = await client.request(read).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).toMatchObject({ errcode: 48001, endpoint: '/cgi-bin/new/read' });
    expect(calls).toBe(2);
  });
});
