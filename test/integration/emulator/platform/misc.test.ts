import { describe, expect, it } from 'vitest';
import { APPID, createPlatform, expectError, SECRET } from './helpers.js';

describe('JS-SDK ticket', () => {
  it('returns the same ticket with its remaining lifetime, and a new one near expiry', async () => {
    const p = createPlatform();
    const first = (await p.get('/cgi-bin/ticket/getticket', { type: 'jsapi' })).json;
    expect(first).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
    p.advance(100);
    const again = (await p.get('/cgi-bin/ticket/getticket', { type: 'jsapi' })).json;
    expect(again).toMatchObject({ ticket: first['ticket'], expires_in: 7100 });
    const card = (await p.get('/cgi-bin/ticket/getticket', { type: 'wx_card' })).json;
    expect(card['ticket']).not.toBe(first['ticket']);
    p.advance(6900);
    expect((await p.get('/cgi-bin/ticket/getticket', { type: 'jsapi' })).json['ticket']).not.toBe(
      first['ticket'],
    );
    expectError(await p.get('/cgi-bin/ticket/getticket', { type: 'nfc' }), 40035);
  });
});

describe('account endpoints', () => {
  it('lists loopback as WeChat IPs', async () => {
    const p = createPlatform();
    expect((await p.get('/cgi-bin/getcallbackip')).json).toEqual({ ip_list: ['127.0.0.1'] });
    expect((await p.get('/cgi-bin/get_api_domain_ip')).json).toEqual({ ip_list: ['127.0.0.1'] });
  });

  it('reports quota use and clears it, 10 times a month (48006 after)', async () => {
    const p = createPlatform();
    await p.get('/cgi-bin/getcallbackip');
    await p.get('/cgi-bin/getcallbackip');
    const quota = (await p.post('/cgi-bin/openapi/quota/get', { cgi_path: '/cgi-bin/getcallbackip' })).json;
    expect(quota['quota']).toEqual({ daily_limit: 100_000, used: 2, remain: 99_998 });
    expect(
      (await p.post('/cgi-bin/openapi/quota/get', { cgi_path: '/cgi-bin/token' })).json['quota'],
    ).toMatchObject({
      daily_limit: 2000,
      used: 1,
    });
    expectError(await p.post('/cgi-bin/openapi/quota/get', { cgi_path: '/cgi-bin/nope' }), 76021);
    expectError(await p.post('/cgi-bin/clear_quota', { appid: 'wx0000000000000000' }), 40013);
    for (let i = 0; i < 5; i += 1)
      expect((await p.post('/cgi-bin/clear_quota', { appid: APPID })).json['errcode']).toBe(0);
    const v2 = (query: Record<string, string>) => p.send('POST', '/cgi-bin/clear_quota/v2', { query });
    for (let i = 0; i < 5; i += 1)
      expect((await v2({ appid: APPID, appsecret: SECRET })).json['errcode']).toBe(0);
    expect(
      (await p.post('/cgi-bin/openapi/quota/get', { cgi_path: '/cgi-bin/getcallbackip' })).json['quota'],
    ).toMatchObject({ used: 0 });
    expectError(await p.post('/cgi-bin/clear_quota', { appid: APPID }), 48006);
    expectError(await v2({ appid: APPID, appsecret: 'wrong' }), 40125);
    expectError(await v2({ appid: APPID }), 41004);
  });

  it('finds a failed call by its rid, without the token in the URL', async () => {
    const p = createPlatform();
    const failed = await p.get('/cgi-bin/menu/get');
    const rid = /rid: (\S+)$/.exec(String(failed.json['errmsg']))?.[1];
    const found = (await p.post('/cgi-bin/openapi/rid/get', { rid })).json;
    expect(found['request']).toMatchObject({ client_ip: '127.0.0.1' });
    const request = found['request'] as { request_url: string; response_body: string };
    expect(request.request_url).toMatch(/^\/cgi-bin\/menu\/get\?access_token=\[redacted\]/);
    expect(JSON.parse(request.response_body)).toMatchObject({ errcode: 46003 });
    expectError(await p.post('/cgi-bin/openapi/rid/get', { rid: 'nope' }), 76001);
  });

  it('answers the callback check without probing the network', async () => {
    const p = createPlatform();
    const res = (await p.post('/cgi-bin/callback/check', { action: 'all', check_operator: 'DEFAULT' })).json;
    expect(res['dns']).toHaveLength(1);
    expect(res['ping']).toHaveLength(1);
    expect(
      (await p.post('/cgi-bin/callback/check', { action: 'dns', check_operator: 'DEFAULT' })).json['ping'],
    ).toBeUndefined();
  });
});

describe('WeChat-wide answers', () => {
  it('answers an unknown /cgi-bin or /sns path with 48001, counted in the stats', async () => {
    const p = createPlatform();
    expectError(await p.get('/cgi-bin/message/wxopen/template/send'), 48001);
    expectError(await p.send('POST', '/sns/jscode2session'), 48001);
    expect((await p.send('GET', '/__emulator/stats')).json['calls']).toMatchObject({
      '/cgi-bin/message/wxopen/template/send': 1,
    });
  });

  it('answers GET on a POST endpoint with 43002 and serves POST on a GET endpoint', async () => {
    const p = createPlatform();
    expectError(await p.get('/cgi-bin/menu/create'), 43002);
    expectError(await p.post('/cgi-bin/menu/get', {}), 46003);
  });

  it('answers malformed JSON with 47001, an empty body with 44002, a JSON array with 47001', async () => {
    const p = createPlatform();
    const token = await p.accessToken();
    const raw = (body: string) =>
      p.send('POST', '/cgi-bin/menu/create', {
        query: { access_token: token },
        body,
        headers: { 'content-type': 'application/json' },
      });
    expectError(await raw('{"button": ['), 47001);
    expectError(await raw(''), 44002);
    expectError(await raw('[1]'), 47001);
  });
});
