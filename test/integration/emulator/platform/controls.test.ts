import { describe, expect, it } from 'vitest';
import { createPlatform, expectError } from './helpers.js';

type P = ReturnType<typeof createPlatform>;
const control = (p: P, method: string, path: string, body?: unknown) =>
  p.send(
    method,
    path,
    body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
  );

describe('POST /__emulator/faults', () => {
  it('answers the next calls of a path with the injected errcode, `times` times', async () => {
    const p = createPlatform();
    await p.accessToken();
    expect(
      (await control(p, 'POST', '/__emulator/faults', { path: '/cgi-bin/menu/get', errcode: -1, times: 2 }))
        .status,
    ).toBe(200);
    expectError(await p.get('/cgi-bin/menu/get'), -1);
    expectError(await p.get('/cgi-bin/menu/get'), -1);
    expectError(await p.get('/cgi-bin/menu/get'), 46003);
  });

  it('applies a fault without `times` until it is deleted, also to the token endpoint', async () => {
    const p = createPlatform();
    await control(p, 'POST', '/__emulator/faults', {
      path: '/cgi-bin/token',
      errcode: 40164,
      errmsg: 'invalid ip 1.2.3.4, not in whitelist',
    });
    const query = { grant_type: 'client_credential', appid: 'x', secret: 'y' };
    const res = await p.send('GET', '/cgi-bin/token', { query });
    expectError(res, 40164);
    expect(String(res.json['errmsg'])).toMatch(/^invalid ip 1\.2\.3\.4, not in whitelist rid: /);
    expectError(await p.send('GET', '/cgi-bin/token', { query }), 40164);
    expect((await control(p, 'GET', '/__emulator/faults')).json['faults']).toHaveLength(1);
    await control(p, 'DELETE', '/__emulator/faults');
    expectError(await p.send('GET', '/cgi-bin/token', { query }), 40013);
  });

  it('delays an answer by delayMs (a later undelayed call answers first)', async () => {
    const p = createPlatform();
    await p.accessToken();
    await control(p, 'POST', '/__emulator/faults', {
      path: '/cgi-bin/getcallbackip',
      delayMs: 200,
      times: 1,
    });
    const order: string[] = [];
    const delayed = p
      .get('/cgi-bin/getcallbackip')
      .then((res) => order.push(`delayed ${String(res.json['ip_list'])}`));
    const prompt = p.get('/cgi-bin/get_api_domain_ip').then(() => order.push('prompt'));
    await Promise.all([delayed, prompt]);
    expect(order).toEqual(['prompt', 'delayed 127.0.0.1']);
  });

  it('holds a timeout until the client aborts, and answers -1 after maxHoldMs otherwise', async () => {
    const p = createPlatform({ maxHoldMs: 1000 });
    const token = await p.accessToken();
    await control(p, 'POST', '/__emulator/faults', {
      path: '/cgi-bin/getcallbackip',
      timeout: true,
      times: 2,
    });
    const controller = new AbortController();
    let answered = false;
    const pending = p
      .send('GET', '/cgi-bin/getcallbackip', { query: { access_token: token }, signal: controller.signal })
      .then(
        () => (answered = true),
        () => (answered = true),
      );
    await new Promise((r) => setTimeout(r, 10));
    expect(answered).toBe(false);
    controller.abort();
    await pending;
    expectError(await p.get('/cgi-bin/getcallbackip'), -1);
  });

  it.each([
    ['no path', { errcode: -1 }],
    ['a control path', { path: '/__emulator/stats', errcode: -1 }],
    ['errcode 0', { path: '/cgi-bin/token', errcode: 0 }],
    ['nothing to do', { path: '/cgi-bin/token' }],
    ['a negative delay', { path: '/cgi-bin/token', delayMs: -5 }],
    ['times 0', { path: '/cgi-bin/token', errcode: -1, times: 0 }],
    ['an unknown field', { path: '/cgi-bin/token', errcode: -1, color: 'red' }],
  ])('rejects %s with 400 and a message', async (_name, body) => {
    const res = await control(createPlatform(), 'POST', '/__emulator/faults', body);
    expect(res.status).toBe(400);
    expect(String(res.json['error'])).not.toBe('');
  });

  it('rejects a body that is not JSON with 400', async () => {
    const p = createPlatform();
    const res = await p.send('POST', '/__emulator/faults', { body: 'path=/cgi-bin/token' });
    expect(res.status).toBe(400);
    expect(res.json['error']).toBe('the body must be JSON');
  });
});

describe('POST /__emulator/faults with status (a raw HTTP answer)', () => {
  it("answers the status and body instead of the endpoint, in turn with the path's other faults, counted", async () => {
    const p = createPlatform();
    await p.accessToken();
    const path = '/cgi-bin/menu/get';
    await control(p, 'POST', '/__emulator/faults', { path, errcode: -1, times: 1 });
    await control(p, 'POST', '/__emulator/faults', {
      path,
      status: 502,
      body: '<html>Bad Gateway</html>',
      times: 1,
    });
    await control(p, 'POST', '/__emulator/faults', {
      path,
      status: 200,
      body: '{"errcode":1}',
      contentType: 'text/plain',
    });
    expectError(await p.get(path), -1);
    const gateway = await p.get(path);
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(gateway.text).toBe('<html>Bad Gateway</html>');
    const plain = await p.get(path);
    expect(plain.headers.get('content-type')).toBe('text/plain');
    expect(plain.text).toBe('{"errcode":1}');
    expect((await p.get(path)).text).toBe('{"errcode":1}'); // no `times`: every call
    await control(p, 'DELETE', '/__emulator/faults');
    expectError(await p.get(path), 46003);
    expect((await control(p, 'GET', '/__emulator/stats')).json['calls']).toMatchObject({ [path]: 5 });
  });

  it.each([
    ['status with errcode', { path: '/cgi-bin/token', status: 502, errcode: -1 }],
    ['status with timeout', { path: '/cgi-bin/token', status: 502, timeout: true }],
    ['body without status', { path: '/cgi-bin/token', delayMs: 1, body: 'x' }],
    ['a status below 200', { path: '/cgi-bin/token', status: 101 }],
  ])('rejects %s with 400 and a message', async (_name, body) => {
    const res = await control(createPlatform(), 'POST', '/__emulator/faults', body);
    expect(res.status).toBe(400);
    expect(String(res.json['error'])).not.toBe('');
  });
});

describe('GET /__emulator/stats', () => {
  it('returns exactly {calls: {path: count}} for every path called, errors included', async () => {
    const p = createPlatform();
    const q = { grant_type: 'client_credential', appid: 'wrong', secret: 'x' };
    await p.send('GET', '/cgi-bin/token', { query: q });
    await p.send('GET', '/cgi-bin/token', { query: q });
    await p.send('POST', '/cgi-bin/stable_token', { body: '{}' });
    await p.send('GET', '/cgi-bin/menu/get');
    expect((await control(p, 'GET', '/__emulator/stats')).json).toEqual({
      calls: { '/cgi-bin/token': 2, '/cgi-bin/stable_token': 1, '/cgi-bin/menu/get': 1 },
    });
    await control(p, 'DELETE', '/__emulator/stats');
    expect((await control(p, 'GET', '/__emulator/stats')).json).toEqual({ calls: {} });
  });
});

describe('POST /__emulator/clock', () => {
  it('moves the clock forward (tokens expire)', async () => {
    const p = createPlatform();
    const token = await p.accessToken();
    const before = p.state.now();
    const res = await control(p, 'POST', '/__emulator/clock', { advanceSeconds: 7200 });
    expect(res.json).toEqual({ now: before + 7_200_000, offsetMs: 7_200_000 });
    expectError(await p.send('GET', '/cgi-bin/menu/get', { query: { access_token: token } }), 42001);
    expect((await control(p, 'GET', '/__emulator/clock')).json['offsetMs']).toBe(7_200_000);
  });

  it.each([[{ advanceSeconds: -1 }], [{ advanceSeconds: 'soon' }], [{}]])(
    'rejects %j with 400',
    async (body) => {
      const res = await control(createPlatform(), 'POST', '/__emulator/clock', body);
      expect(res.status).toBe(400);
      expect(String(res.json['error'])).toContain('advanceSeconds');
    },
  );
});
