import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { allowTableEndpoints } from '../../../../src/services/proxy/allowlist.js';
import type { ProxyEnv } from '../../../../src/services/proxy/env.js';
import { captureLogger } from '../../../support/token-test-kit.js';

function app() {
  const logger = captureLogger();
  const app = new Hono<ProxyEnv>();
  app.use(async (c, next) => {
    c.set('clientKeyId', 'k1');
    await next();
  });
  app.use(allowTableEndpoints(logger));
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
    ['GET', '/cgi-bin/nothing-here'], // not in the table
    ['POST', '/cgi-bin/menu/get'], // in the table, at another method
    ['POST', '/cgi-bin/stable_token'], // in the table, not proxied: only the token server rotates tokens
    ['POST', '/customservice/kfaccount/setadmin'], // outside /cgi-bin/ and not in the table
  ])('answers 404 NOT_FOUND for %s %s and logs it', async (method, path) => {
    const { app: server, logger } = app();
    const res = await server.request(path, { method });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: 'NOT_FOUND',
      message: `${method} ${path} is not an endpoint this proxy forwards`,
    });
    expect(JSON.parse(logger.lines[0]!)).toEqual({
      level: 'warn',
      key: 'k1',
      method,
      path,
      msg: 'proxy: endpoint not forwarded',
    });
  });
});
