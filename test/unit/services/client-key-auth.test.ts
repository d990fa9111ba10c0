import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { requireClientKey, type ClientKeyVariables } from '../../../src/services/client-key-auth.js';
import { keyIdOf } from '../../../src/services/client-keys.js';
import { captureLogger } from '../../support/token-test-kit.js';

const KEY = 'service-a-0123456789abcdef';
const OTHER = 'service-b-0123456789abcdef';

function app() {
  const logger = captureLogger();
  const app = new Hono<{ Variables: ClientKeyVariables }>();
  app.use(requireClientKey({ keys: [KEY, OTHER], logger, server: 'test server' }));
  app.get('/who', (c) => c.text(c.get('clientKeyId')));
  return { app, logger };
}

describe('requireClientKey', () => {
  it.each([
    ['no Authorization', {}],
    ['a wrong key', { authorization: 'Bearer service-a-0123456789abcdeX' }],
    ['another scheme', { authorization: `Basic ${KEY}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('answers 401 with the UNAUTHORIZED body and WWW-Authenticate for %s', async (_, headers) => {
    const { app: server, logger } = app();
    const res = await server.request('/who', { headers });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toEqual({
      error: 'UNAUTHORIZED',
      message: 'Send Authorization: Bearer <one of WXMP_CLIENT_KEYS>',
    });
    expect(logger.lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { level: 'warn', path: '/who', msg: 'test server: request without a valid client key' },
    ]);
  });

  it('lets every configured key through and sets its key id', async () => {
    const { app: server, logger } = app();
    for (const key of [KEY, OTHER]) {
      const res = await server.request('/who', { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(keyIdOf(key));
    }
    expect(logger.lines).toEqual([]);
  });

  it('takes the scheme in any case and trims the key', async () => {
    const { app: server } = app();
    const res = await server.request('/who', { headers: { authorization: `bearer   ${KEY}  ` } });
    expect(res.status).toBe(200);
  });

  it('never logs the key it refused', async () => {
    const { app: server, logger } = app();
    await server.request('/who', { headers: { authorization: `Bearer ${KEY}x` } });
    expect(logger.lines.join('\n')).not.toContain(KEY);
  });
});
