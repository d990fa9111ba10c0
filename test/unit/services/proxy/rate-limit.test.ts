import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { ProxyEnv } from '../../../../src/services/proxy/env.js';
import { createRateLimiter, limitRatePerKey } from '../../../../src/services/proxy/rate-limit.js';
import { captureLogger } from '../../../support/token-test-kit.js';

describe('createRateLimiter', () => {
  it('the token bucket refills continuously up to its size', () => {
    let now = 0;
    const limiter = createRateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('k')).toBe(0);
    expect(limiter.take('k')).toBe(1000);
    now += 1000;
    expect(limiter.take('k')).toBe(0);
    now += 10 * 60_000;
    for (let i = 0; i < 60; i++) expect(limiter.take('k')).toBe(0);
    expect(limiter.take('k')).toBeGreaterThan(0);
  });

  it('keeps one bucket per id', () => {
    const limiter = createRateLimiter(1, () => 0);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(60_000);
    expect(limiter.take('b')).toBe(0);
  });
});

describe('limitRatePerKey', () => {
  function app(perMinute: number) {
    const logger = captureLogger();
    const app = new Hono<ProxyEnv>();
    app.use(async (c, next) => {
      c.set('clientKeyId', c.req.header('x-key') ?? 'k1');
      await next();
    });
    app.use(
      limitRatePerKey(
        createRateLimiter(perMinute, () => 0),
        logger,
      ),
    );
    app.get('*', (c) => c.text('passed'));
    return { app, logger };
  }

  it('passes requests within the budget', async () => {
    const { app: server } = app(2);
    for (let i = 0; i < 2; i++) expect(await (await server.request('/x')).text()).toBe('passed');
  });

  it('answers 429 RATE_LIMITED with Retry-After in whole seconds, and logs the key id and path', async () => {
    const { app: server, logger } = app(2);
    await server.request('/x');
    await server.request('/x');
    const res = await server.request('/cgi-bin/menu/get');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await res.json()).toEqual({
      error: 'RATE_LIMITED',
      message: 'Too many requests for this client key; retry after the Retry-After seconds',
    });
    expect(JSON.parse(logger.lines.at(-1)!)).toEqual({
      level: 'warn',
      key: 'k1',
      path: '/cgi-bin/menu/get',
      msg: 'proxy: rate limit reached',
    });
    expect((await server.request('/x', { headers: { 'x-key': 'k2' } })).status).toBe(200);
  });
});
