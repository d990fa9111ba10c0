import { describe, expect, it } from 'vitest';
import { APPID, createPlatform, expectError, SECRET } from './helpers.js';

const classic = (query: Record<string, string>) => ({ query: { grant_type: 'client_credential', ...query } });
const good = { appid: APPID, secret: SECRET };

function stable(p: ReturnType<typeof createPlatform>, body: unknown) {
  return p.send('POST', '/cgi-bin/stable_token', {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}
const stableBody = (extra: Record<string, unknown> = {}) => ({
  grant_type: 'client_credential',
  ...good,
  ...extra,
});

describe('GET /cgi-bin/token', () => {
  it('issues a token valid 7200 s', async () => {
    const p = createPlatform();
    const res = await p.send('GET', '/cgi-bin/token', classic(good));
    expect(res.json['expires_in']).toBe(7200);
    expect(String(res.json['access_token']).length).toBeGreaterThan(100);
  });

  it.each([
    ['a wrong grant_type', { grant_type: 'password', ...good }, 40002],
    ['no appid', { secret: SECRET }, 41002],
    ['a wrong appid', { appid: 'wx0000000000000000', secret: SECRET }, 40013],
    ['no secret', { appid: APPID }, 41004],
    ['a wrong secret', { appid: APPID, secret: 'nope' }, 40125],
  ])('answers %s with its code', async (_name, query, errcode) => {
    const p = createPlatform();
    expectError(await p.send('GET', '/cgi-bin/token', classic(query)), errcode);
  });

  it('issues a new token per call and keeps the previous one valid for 5 more minutes', async () => {
    const p = createPlatform();
    const first = String((await p.send('GET', '/cgi-bin/token', classic(good))).json['access_token']);
    const second = String((await p.send('GET', '/cgi-bin/token', classic(good))).json['access_token']);
    expect(second).not.toBe(first);
    const menu = (token: string) =>
      p.send('GET', '/cgi-bin/get_current_selfmenu_info', { query: { access_token: token } });
    p.advance(299);
    expect((await menu(first)).json['is_menu_open']).toBe(0);
    p.advance(2);
    expectError(await menu(first), 40001);
    expect((await menu(second)).json['is_menu_open']).toBe(0);
  });

  it('answers 45009 once the 2000 calls of the day are used, and again the next day', async () => {
    const p = createPlatform();
    for (let i = 0; i < 2000; i += 1) await p.send('GET', '/cgi-bin/token', classic(good));
    expectError(await p.send('GET', '/cgi-bin/token', classic(good)), 45009);
    p.advance(86_400);
    expect((await p.send('GET', '/cgi-bin/token', classic(good))).json['expires_in']).toBe(7200);
  });
});

describe('token-protected endpoints', () => {
  it('answer 41001 without a token, 40001 for an unknown one, 42001 for an expired one', async () => {
    const p = createPlatform();
    expectError(await p.send('GET', '/cgi-bin/menu/get'), 41001);
    expectError(await p.send('GET', '/cgi-bin/menu/get', { query: { access_token: 'made-up' } }), 40001);
    const token = await p.accessToken();
    p.advance(7200);
    expectError(await p.send('GET', '/cgi-bin/menu/get', { query: { access_token: token } }), 42001);
  });
});

describe('POST /cgi-bin/stable_token', () => {
  it('returns the same token with its remaining lifetime', async () => {
    const p = createPlatform();
    const first = await stable(p, stableBody());
    expect(first.json['expires_in']).toBe(7200);
    p.advance(6855);
    const again = await stable(p, stableBody());
    expect(again.json['access_token']).toBe(first.json['access_token']);
    expect(again.json['expires_in']).toBe(345);
  });

  it('issues a new token once less than 5 minutes remain; the old one lives until it expires', async () => {
    const p = createPlatform();
    const first = String((await stable(p, stableBody())).json['access_token']);
    p.advance(6900);
    const renewed = await stable(p, stableBody());
    expect(renewed.json['access_token']).not.toBe(first);
    expect(renewed.json['expires_in']).toBe(7200);
    expect(
      (await p.send('GET', '/cgi-bin/get_current_selfmenu_info', { query: { access_token: first } })).json,
    ).toEqual({
      is_menu_open: 0,
    });
  });

  it('rotates on force_refresh and retires the previous token at once', async () => {
    const p = createPlatform();
    const first = String((await stable(p, stableBody())).json['access_token']);
    const forced = await stable(p, stableBody({ force_refresh: true }));
    expect(forced.json['access_token']).not.toBe(first);
    expectError(await p.send('GET', '/cgi-bin/menu/get', { query: { access_token: first } }), 40001);
  });

  it('does not refresh when forced again within 30 s, and allows 20 forced refreshes a day (then 45009)', async () => {
    const p = createPlatform();
    await stable(p, stableBody());
    const a = await stable(p, stableBody({ force_refresh: true }));
    const b = await stable(p, stableBody({ force_refresh: true }));
    expect(b.json['access_token']).toBe(a.json['access_token']);
    for (let i = 1; i < 20; i += 1) {
      p.advance(30);
      await stable(p, stableBody({ force_refresh: true }));
    }
    p.advance(30);
    expectError(await stable(p, stableBody({ force_refresh: true })), 45009);
  });

  it('is isolated from /cgi-bin/token: neither invalidates the other', async () => {
    const p = createPlatform();
    const s = String((await stable(p, stableBody())).json['access_token']);
    const c1 = String((await p.send('GET', '/cgi-bin/token', classic(good))).json['access_token']);
    await p.send('GET', '/cgi-bin/token', classic(good));
    p.advance(400);
    const selfmenu = (t: string) =>
      p.send('GET', '/cgi-bin/get_current_selfmenu_info', { query: { access_token: t } });
    expect((await selfmenu(s)).json['is_menu_open']).toBe(0);
    expectError(await selfmenu(c1), 40001);
    expect((await stable(p, stableBody())).json['access_token']).toBe(s);
  });

  it('keeps the stable token and every classic token in its grace working however many are issued', async () => {
    const p = createPlatform();
    const s = String((await stable(p, stableBody())).json['access_token']);
    const classics: string[] = [];
    for (let i = 0; i < 250; i++)
      classics.push(String((await p.send('GET', '/cgi-bin/token', classic(good))).json['access_token']));
    const selfmenu = (t: string) =>
      p.send('GET', '/cgi-bin/get_current_selfmenu_info', { query: { access_token: t } });
    expect((await selfmenu(s)).json['is_menu_open']).toBe(0);
    expect((await selfmenu(classics[0]!)).json['is_menu_open']).toBe(0);
    expect((await stable(p, stableBody())).json['access_token']).toBe(s);
    // Past the grace, superseded classic tokens answer 40001; expired ones still answer 42001.
    p.advance(400);
    expectError(await selfmenu(classics[0]!), 40001);
    p.advance(7200);
    expectError(await selfmenu(classics[249]!), 42001);
  });

  it.each([
    ['a wrong grant_type', stableBody({ grant_type: 'x' }), 40002],
    ['no appid', { grant_type: 'client_credential', secret: SECRET }, 41002],
    ['a wrong appid', stableBody({ appid: 'wx0000000000000000' }), 40013],
    ['no secret', { grant_type: 'client_credential', appid: APPID }, 41004],
    ['a wrong secret', stableBody({ secret: 'nope' }), 40125],
    ['malformed JSON', '{"appid":', 47001],
    ['an empty body', '', 44002],
  ])('answers %s with its code', async (_name, body, errcode) => {
    expectError(await stable(createPlatform(), body), errcode);
  });

  it('answers GET with 43002 (POST required)', async () => {
    const p = createPlatform();
    expectError(
      await p.send('GET', '/cgi-bin/stable_token', { query: { ...good, grant_type: 'client_credential' } }),
      43002,
    );
  });
});
