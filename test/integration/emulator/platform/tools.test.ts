/**
 * The smaller endpoints of the service-account index on the emulator's platform API (raw calls): short keys,
 * automatic replies, blocked templates, clearing one API's quota, changeopenid, mass speed and video, the `/cv/`
 * recognitions, and the two endpoints read both ways (kfaccount/del, clear_quota/v2).
 */
import { describe, expect, it } from 'vitest';
import { blockTemplateMessage } from '../../../../src/emulator/platform/template-blocked.js';
import { APPID, addFan, createPlatform, expectError, file, mediaForm, SECRET } from './helpers.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGM4AwAAzgDN1GaQsAAAAABJRU5ErkJggg==',
  'base64',
);
const imgForm = (name = 'card.png', bytes: Uint8Array = PNG) => {
  const form = new FormData();
  form.append('img', file(name, bytes));
  return form;
};

describe('short keys', () => {
  it('stores text under a 15-character key and gives it back with its remaining life', async () => {
    const p = createPlatform();
    const gen = await p.post('/cgi-bin/shorten/gen', { long_data: '{"order":42}', expire_seconds: 100 });
    const key = String(gen.json['short_key']);
    expect(key).toMatch(/^[0-9a-zA-Z]{15}$/);
    p.advance(40);
    expect((await p.post('/cgi-bin/shorten/fetch', { short_key: key })).json).toMatchObject({
      long_data: '{"order":42}',
      expire_seconds: 60,
      create_time: Math.floor(p.state.now() / 1000) - 40,
    });
    p.advance(60);
    expectError(await p.post('/cgi-bin/shorten/fetch', { short_key: key }), 9410012);
  });

  it('answers 47003 without data, 9410010 beyond 4 KB, 9410011 beyond 30 days', async () => {
    const p = createPlatform();
    expectError(await p.post('/cgi-bin/shorten/gen', { expire_seconds: 10 }), 47003);
    expectError(await p.post('/cgi-bin/shorten/gen', { long_data: 'x'.repeat(4097) }), 9410010);
    expectError(await p.post('/cgi-bin/shorten/gen', { long_data: 'x', expire_seconds: 2_592_001 }), 9410011);
  });
});

describe('automatic replies', () => {
  it('reports the console’s replies: none until the control sets them', async () => {
    const p = createPlatform();
    expect((await p.get('/cgi-bin/get_current_autoreply_info')).json).toEqual({
      is_add_friend_reply_open: 0,
      is_autoreply_open: 0,
    });
    const settings = {
      is_add_friend_reply_open: 1,
      is_autoreply_open: 0,
      add_friend_autoreply_info: { type: 'text', content: '欢迎关注' },
    };
    const put = await p.send('PUT', '/__emulator/autoreply', {
      body: JSON.stringify(settings),
      headers: { 'content-type': 'application/json' },
    });
    expect(put.status).toBe(200);
    expect((await p.get('/cgi-bin/get_current_autoreply_info')).json).toEqual(settings);
    const bad = await p.send('PUT', '/__emulator/autoreply', { body: '{"is_autoreply_open":2}' });
    expect(bad.status).toBe(400);
    expectError(
      await p.send('GET', '/cgi-bin/get_current_autoreply_info', { query: { access_token: 'x' } }),
      40001,
    );
  });
});

describe('blocked template messages', () => {
  it('pages through the blocked messages of a template; 40037 for another, 40035 for a bad page', async () => {
    const p = createPlatform();
    const tpl = 'wxmp_tpl_order_shipped';
    for (const openid of ['oA', 'oB', 'oC']) blockTemplateMessage(p.state, tpl, openid);
    const first = await p.post('/wxa/sec/queryblocktmplmsg', { tmpl_msg_id: tpl, largest_id: 0, limit: 2 });
    expect((first.json['msginfo'] as { openid: string }[]).map((m) => m.openid)).toEqual(['oA', 'oB']);
    const next = await p.post('/wxa/sec/queryblocktmplmsg', { tmpl_msg_id: tpl, largest_id: 2, limit: 2 });
    expect(next.json['msginfo']).toEqual([
      expect.objectContaining({ id: 3, openid: 'oC', tmpl_msg_id: tpl }),
    ]);
    expectError(
      await p.post('/wxa/sec/queryblocktmplmsg', { tmpl_msg_id: 'nope', largest_id: 0, limit: 1 }),
      40037,
    );
    expectError(
      await p.post('/wxa/sec/queryblocktmplmsg', { tmpl_msg_id: tpl, largest_id: 0, limit: 101 }),
      40035,
    );
  });
});

describe('openapi/quota/clear', () => {
  it('resets one path’s count, using one of the monthly resets; 76021 for a path outside the table', async () => {
    const p = createPlatform();
    await p.get('/cgi-bin/menu/get');
    const used = async () =>
      (await p.post('/cgi-bin/openapi/quota/get', { cgi_path: '/cgi-bin/menu/get' })).json;
    expect(await used()).toMatchObject({ quota: { used: 1 } });
    expect(
      (await p.post('/cgi-bin/openapi/quota/clear', { cgi_path: '/cgi-bin/menu/get' })).json['errcode'],
    ).toBe(0);
    expect(await used()).toMatchObject({ quota: { used: 0 } });
    expectError(await p.post('/cgi-bin/openapi/quota/clear', { cgi_path: '/cgi-bin/nope' }), 76021);
    for (let i = 0; i < 9; i += 1)
      await p.post('/cgi-bin/openapi/quota/clear', { cgi_path: '/cgi-bin/menu/get' });
    expectError(await p.post('/cgi-bin/openapi/quota/clear', { cgi_path: '/cgi-bin/menu/get' }), 48006);
  });
});

describe('changeopenid', () => {
  it('maps each old openid to a stable openid here; 63178 for this account or a malformed AppID', async () => {
    const p = createPlatform();
    const body = { from_appid: 'wx0000000000000001', openid_list: ['oOLDopenid000000000000000001', 'bad!'] };
    const first = await p.post('/cgi-bin/changeopenid', body);
    const [ok, bad] = first.json['result_list'] as { new_openid: string; err_msg: string }[];
    expect(ok).toMatchObject({ ori_openid: 'oOLDopenid000000000000000001', err_msg: 'ok' });
    expect(ok?.new_openid).toMatch(/^o[\w-]{27}$/);
    expect(bad).toMatchObject({ new_openid: '', err_msg: 'ori_openid error' });
    expect((await p.post('/cgi-bin/changeopenid', body)).json).toEqual(first.json);
    expectError(await p.post('/cgi-bin/changeopenid', { ...body, from_appid: APPID }), 63178);
    expectError(await p.post('/cgi-bin/changeopenid', { ...body, from_appid: 'nope' }), 63178);
    expectError(await p.post('/cgi-bin/changeopenid', { ...body, openid_list: [] }), 40032);
  });
});

describe('mass speed and mass video', () => {
  it('sets and reads the speed level; 45083 out of range, 45084 without one', async () => {
    const p = createPlatform();
    expect((await p.post('/cgi-bin/message/mass/speed/get', {})).json).toEqual({ speed: 0, realspeed: 80 });
    expect((await p.post('/cgi-bin/message/mass/speed/set', { speed: 3 })).json['errcode']).toBe(0);
    expect((await p.post('/cgi-bin/message/mass/speed/get', {})).json).toEqual({ speed: 3, realspeed: 30 });
    expectError(await p.post('/cgi-bin/message/mass/speed/set', { speed: 5 }), 45083);
    expectError(await p.post('/cgi-bin/message/mass/speed/set', {}), 45084);
  });

  it('makes a video the media_id an mpvideo mass send takes; 40007 for anything else', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    addFan(p.state, { openid: 'oB' });
    const video = await p.upload('/cgi-bin/media/upload', mediaForm(file('v.mp4', 100)), { type: 'video' });
    const made = await p.post('/cgi-bin/media/uploadvideo', {
      media_id: video.json['media_id'],
      title: '发布会',
      description: '回放',
    });
    expect(made.json['type']).toBe('video');
    expect(made.json['media_id']).toMatch(/^massvideo_/);
    const sent = await p.post('/cgi-bin/message/mass/send', {
      touser: ['oA', 'oB'],
      msgtype: 'mpvideo',
      mpvideo: { media_id: made.json['media_id'] },
    });
    expect(sent.json['errcode']).toBe(0);
    const image = await p.upload('/cgi-bin/media/upload', mediaForm(file('i.png', 10)), { type: 'image' });
    expectError(await p.post('/cgi-bin/media/uploadvideo', { media_id: image.json['media_id'] }), 40007);
    expectError(await p.post('/cgi-bin/media/uploadvideo', { media_id: 'nope' }), 40007);
  });
});

describe('image recognition under /cv/', () => {
  const paths = ['idcard', 'bankcard', 'driving', 'drivinglicense', 'bizlicense', 'comm', 'menu'].map(
    (name) => `/cv/ocr/${name}`,
  );
  it.each([...paths, '/cv/img/aicrop', '/cv/img/qrcode'])(
    '%s reads a file or a URL; 101000 without a picture, 101002 for a file that is not one',
    async (path) => {
      const p = createPlatform();
      expect((await p.upload(path, imgForm())).json['errcode']).toBe(0);
      expect(
        (await p.upload(path, new FormData(), { img_url: 'https://example.com/a.jpg' })).json['errcode'],
      ).toBe(0);
      expectError(await p.upload(path, new FormData()), 101000);
      expectError(await p.upload(path, imgForm('notes.txt', new Uint8Array([1, 2]))), 101002);
    },
  );

  it('answers the sample of each page: the back of an identity card, the picture’s size from a PNG', async () => {
    const p = createPlatform();
    expect((await p.upload('/cv/ocr/idcard', imgForm('id-back.png'))).json).toMatchObject({ type: 'Back' });
    expect((await p.upload('/cv/ocr/idcard', imgForm(), { type: 'photo' })).json).toMatchObject({
      type: 'Front',
    });
    expectError(await p.upload('/cv/ocr/idcard', imgForm(), { type: 'fax' }), 40035);
    expect((await p.upload('/cv/img/qrcode', imgForm())).json).toMatchObject({ img_size: { w: 1, h: 1 } });
  });
});

describe('the endpoints read both ways', () => {
  it('kfaccount/del takes kf_account from the body or from the query alone', async () => {
    const p = createPlatform();
    for (const account of ['a1@wx', 'a2@wx'])
      await p.post('/customservice/kfaccount/add', { kf_account: account, nickname: '客服' });
    expect((await p.post('/customservice/kfaccount/del', { kf_account: 'a1@wx' })).json['errcode']).toBe(0);
    const byQuery = await p.send('POST', '/customservice/kfaccount/del', {
      query: { access_token: await p.accessToken(), kf_account: 'a2@wx' },
    });
    expect(byQuery.json['errcode']).toBe(0);
    expectError(await p.post('/customservice/kfaccount/del', { kf_account: 'a2@wx' }), 65401);
  });

  it('clear_quota/v2 takes appid and appsecret from the query or from the body (41004 without the secret)', async () => {
    const p = createPlatform();
    const byQuery = await p.send('POST', '/cgi-bin/clear_quota/v2', {
      query: { appid: APPID, appsecret: SECRET },
    });
    expect(byQuery.json['errcode']).toBe(0);
    const byBody = await p.send('POST', '/cgi-bin/clear_quota/v2', {
      body: JSON.stringify({ appid: APPID, appsecret: SECRET }),
    });
    expect(byBody.json['errcode']).toBe(0);
    expectError(await p.send('POST', '/cgi-bin/clear_quota/v2', { query: { appid: APPID } }), 41004);
  });
});
