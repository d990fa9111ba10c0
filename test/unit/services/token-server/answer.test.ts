import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WeChatApiError, WeChatError } from '../../../../src/errors.js';
import {
  answer,
  expiryFields,
  jsonBody,
  RequestError,
} from '../../../../src/services/token-server/answer.js';
import { captureLogger } from '../../../support/token-test-kit.js';

function serve(produce: () => Promise<object>) {
  const logger = captureLogger();
  const app = new Hono();
  app.all('*', (c) => answer(c, logger, produce));
  return { request: () => app.request('/'), logger };
}

describe('answer', () => {
  it('answers the value as uncached JSON', async () => {
    const res = await serve(() => Promise.resolve({ ok: true })).request();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers a RequestError with its status and code', async () => {
    const res = await serve(() => Promise.reject(new RequestError(404, 'NOT_FOUND', 'not served'))).request();
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ error: 'NOT_FOUND', message: 'not served' });
  });

  it.each([
    [new WeChatError('RATE_LIMITED', 'cap reached'), 429, { error: 'RATE_LIMITED', message: 'cap reached' }],
    [
      new WeChatApiError({ errcode: 40164, errmsg: 'invalid ip', endpoint: '/cgi-bin/token' }),
      502,
      {
        error: 'API_ERROR',
        message: 'WeChat API /cgi-bin/token failed with 40164: invalid ip',
        errcode: 40164,
      },
    ],
    [new WeChatError('STORE_ERROR', 'store down'), 503, { error: 'STORE_ERROR', message: 'store down' }],
  ])('maps %s to %i and logs a warning', async (err, status, body) => {
    const { request, logger } = serve(() => Promise.reject(err));
    const res = await request();
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual(body);
    expect(JSON.parse(logger.lines[0]!)).toMatchObject({
      level: 'warn',
      code: err.code,
      msg: 'token server: could not serve a credential',
    });
  });

  it('answers 500 INTERNAL to anything else and logs it as an error', async () => {
    const { request, logger } = serve(() => Promise.reject(new Error('boom')));
    const res = await request();
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      error: 'INTERNAL',
      message: 'Unexpected error; see the token server log',
    });
    expect(JSON.parse(logger.lines[0]!)).toEqual({
      level: 'error',
      err: 'boom',
      msg: 'token server: unexpected error',
    });
  });
});

describe('jsonBody', () => {
  const schema = z.object({ n: z.number() });
  const app = new Hono();
  app.post('*', (c) => answer(c, captureLogger(), () => jsonBody(c, schema, '{"n": <a number>}')));

  it('returns the validated body', async () => {
    expect(await (await app.request('/', { method: 'POST', body: '{"n":1}' })).json()).toEqual({ n: 1 });
  });

  it.each(['', 'not json', '{"n":"1"}'])(
    'answers 400 naming the expected body for %j, not echoing it',
    async (body) => {
      const res = await app.request('/', { method: 'POST', body });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: 'BAD_REQUEST',
        message: 'Send a JSON body {"n": <a number>}',
      });
    },
  );
});

describe('expiryFields', () => {
  it('gives the expiry in Unix seconds and the whole seconds left', () => {
    expect(expiryFields(10_000_999, 2_000_000)).toEqual({ expires_at: 10_000, expires_in: 8000 });
  });

  it('never gives a negative expires_in', () => {
    expect(expiryFields(1_000, 5_000)).toEqual({ expires_at: 1, expires_in: 0 });
  });

  it('gives nulls when the expiry is unknown', () => {
    expect(expiryFields(undefined, 5_000)).toEqual({ expires_at: null, expires_in: null });
  });
});
