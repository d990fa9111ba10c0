import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import {
  allowTableEndpoints,
  parseExtraEndpoints,
  type ExtraEndpoint,
} from '../../../../src/services/proxy/allowlist.js';
import type { ProxyEnv } from '../../../../src/services/proxy/env.js';
import { captureLogger } from '../../../support/token-test-kit.js';

function app(extra: ExtraEndpoint[] = []) {
  const logger = captureLogger();
  const app = new Hono<ProxyEnv>();
  app.use(async (c, next) => {
    c.set('clientKeyId', 'k1');
    await next();
  });
  app.use(allowTableEndpoints(logger, extra));
  app.all('*', (c) => c.text(c.get('endpoint').name));
  return { app, logger };
}

describe('allowTableEndpoints', () => {
  it.each([
    ['GET', '/cgi-bin/menu/get', 'menu.get'],
    ['POST', '/cgi-bin/message/custom/send', 'customService.send'],
    ['GET', '/sns/oauth2/access_token', 'oauth.accessToken'],
  ])('sets the table endpoint of %s %s', async (method, path, name) => {
    const res = await app().app.request(path, { method });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(name);
  });

  it.each([
    // not in the table
    [
      'GET',
      '/cgi-bin/nothing-here',
      'it is not in wxmp\'s endpoint table; an operator may list "GET /cgi-bin/nothing-here"',
    ],
    // in the table, at another method
    ['POST', '/cgi-bin/menu/get', 'menu.get is called with GET'],
    // in the table, not proxied: only the token server rotates tokens
    ['POST', '/cgi-bin/stable_token', "token.stable takes the account's credentials and is never forwarded"],
    // outside /cgi-bin/ and not in the table
    ['POST', '/customservice/kfaccount/setadmin', "it is not in wxmp's endpoint table"],
  ])('answers 404 NOT_FOUND for %s %s, saying why, and logs it', async (method, path, reason) => {
    const { app: server, logger } = app();
    const res = await server.request(path, { method });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('NOT_FOUND');
    expect(body.message).toContain(`${method} ${path} is not an endpoint this proxy forwards: ${reason}`);
    expect(JSON.parse(logger.lines[0]!)).toEqual({
      level: 'warn',
      key: 'k1',
      method,
      path,
      msg: 'proxy: endpoint not forwarded',
    });
  });

  it('forwards an endpoint outside the table that the operator listed, with the global token', async () => {
    const { app: server } = app([{ method: 'POST', path: '/wxa/generatescheme' }]);
    const res = await server.request('/wxa/generatescheme', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('extra:POST /wxa/generatescheme');
    expect((await server.request('/wxa/generatescheme', { method: 'GET' })).status).toBe(404);
  });
});

describe('parseExtraEndpoints (WXMP_PROXY_EXTRA_ENDPOINTS)', () => {
  it('reads METHOD /path entries, ! marking the idempotent ones', () => {
    expect(parseExtraEndpoints(undefined)).toEqual([]);
    expect(parseExtraEndpoints(' POST /wxa/generatescheme , GET /cgi-bin/some/read! ')).toEqual([
      { method: 'POST', path: '/wxa/generatescheme' },
      { method: 'GET', path: '/cgi-bin/some/read', idempotent: true },
    ]);
  });

  it.each(['PUT /x', 'POST wxa/x', 'POST /a/../b', 'POST /x?y=1'])(
    'refuses "%s" with CONFIG_INVALID',
    (entry) => {
      expect(() => parseExtraEndpoints(entry)).toThrow(/cannot read/);
    },
  );
});
