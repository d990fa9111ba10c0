import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { endpoints } from '../../../../src/api/endpoints.js';
import { DEFAULT_RETRY_POLICY } from '../../../../src/api/retry.js';
import { WeChatError } from '../../../../src/errors.js';
import { startClock, type ProxyEnv } from '../../../../src/services/proxy/env.js';
import { forwardToWeChat } from '../../../../src/services/proxy/forward.js';
import type { TokenProvider } from '../../../../src/token/provider.js';
import { captureLogger } from '../../../support/token-test-kit.js';

const tokens: TokenProvider = {
  getToken: () => Promise.resolve('TOKEN_1'),
  invalidate: () => Promise.resolve(),
};

/** The forward step behind fixed earlier steps: key k1, endpoint menu.get, empty body. */
function app(fetch: typeof globalThis.fetch, tokenProvider = tokens) {
  const logger = captureLogger();
  const app = new Hono<ProxyEnv>();
  app.use(startClock);
  app.use(async (c, next) => {
    c.set('clientKeyId', 'k1');
    c.set('endpoint', endpoints['menu.get']);
    c.set('body', new ArrayBuffer(0));
    await next();
  });
  const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: 0 };
  app.all(
    '*',
    forwardToWeChat({ apiBase: 'https://wechat.test', fetch, timeoutMs: 50, tokenProvider, policy, logger }),
  );
  const lines = () => logger.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { app, lines };
}

describe('forwardToWeChat', () => {
  it("answers with WeChat's answer and logs key, path, status, errcode and ms", async () => {
    const { app: server, lines } = app(() => Promise.resolve(new Response('{"errcode":46003}')));
    const res = await server.request('/cgi-bin/menu/get');
    expect(await res.text()).toBe('{"errcode":46003}');
    expect(lines()).toEqual([
      {
        level: 'info',
        key: 'k1',
        path: '/cgi-bin/menu/get',
        status: 200,
        errcode: 46003,
        ms: expect.any(Number) as number,
        msg: 'proxied WeChat API call',
      },
    ]);
  });

  it('answers 504 TIMEOUT when WeChat is silent past the deadline', async () => {
    const silent: typeof fetch = (_, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    const { app: server, lines } = app(silent);
    const res = await server.request('/cgi-bin/menu/get');
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ error: 'TIMEOUT' });
    expect(lines()[0]).toMatchObject({
      level: 'warn',
      key: 'k1',
      status: 504,
      error: 'TIMEOUT',
      msg: 'proxy: call failed',
    });
  });

  it('answers 502 HTTP_ERROR when WeChat cannot be reached', async () => {
    const { app: server } = app(() => Promise.reject(new TypeError('fetch failed')));
    const res = await server.request('/cgi-bin/menu/get');
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: 'HTTP_ERROR' });
  });

  it("answers 503 with the error's code when no token can be had, and INTERNAL for an unexpected error", async () => {
    const noToken: TokenProvider = {
      getToken: () => Promise.reject(new WeChatError('TOKEN_UNAVAILABLE', 'no token: store down')),
      invalidate: () => Promise.resolve(),
    };
    const res = await app(fetch, noToken).app.request('/cgi-bin/menu/get');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: 'TOKEN_UNAVAILABLE', message: 'no token: store down' });

    const broken: TokenProvider = {
      getToken: () => Promise.reject(new Error('secret=S1 boom')),
      invalidate: () => Promise.resolve(),
    };
    const { app: server, lines } = app(fetch, broken);
    const other = await server.request('/cgi-bin/menu/get');
    expect(other.status).toBe(503);
    expect(await other.json()).toEqual({ error: 'INTERNAL', message: 'Unexpected error; see the proxy log' });
    expect(JSON.stringify(lines())).not.toContain('S1');
  });
});
