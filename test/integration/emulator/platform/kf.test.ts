/**
 * Customer-service accounts, sessions and chat records as the emulator serves them over HTTP.
 */
import { describe, expect, it } from 'vitest';
import { acceptKfInvite, setKfOnline } from '../../../../src/emulator/platform/custom-service/accounts.js';
import { addFan, createPlatform, expectError, file, mediaForm, type Platform } from './helpers.js';

const KF = 'test1@mywechatid';
const add = (p: Platform, kf_account: string, nickname = '客服1') =>
  p.post('/customservice/kfaccount/add', { kf_account, nickname });
const invite = (p: Platform, kf_account: string, invite_wx: string) =>
  p.post('/customservice/kfaccount/inviteworker', { kf_account, invite_wx });
const session = (p: Platform, action: 'create' | 'close', kf_account: string, openid: string) =>
  p.post(`/customservice/kfsession/${action}`, { kf_account, openid });
const kfList = async (p: Platform) =>
  (await p.get('/cgi-bin/customservice/getkflist')).json['kf_list'] as Record<string, unknown>[];

/** A kf account with a bound worker, online. */
async function onlineKf(p: Platform, account = KF, wx = 'alice_wx'): Promise<void> {
  await add(p, account);
  await invite(p, account, wx);
  acceptKfInvite(p.state, account);
  setKfOnline(p.state, account, true);
}

describe('kf accounts', () => {
  it('adds, renames, lists and deletes an account', async () => {
    const p = createPlatform();
    expect((await add(p, KF)).json).toEqual({ errcode: 0, errmsg: 'ok' });
    await p.post('/customservice/kfaccount/update', { kf_account: KF, nickname: '售后' });
    expect(await kfList(p)).toEqual([{ kf_account: KF, kf_nick: '售后', kf_id: '1001', kf_headimgurl: '' }]);
    expect((await p.post('/customservice/kfaccount/del', { kf_account: KF })).json['errcode']).toBe(0);
    expect(await kfList(p)).toEqual([]);
    expectError(await p.post('/customservice/kfaccount/del', { kf_account: KF }), 65401);
  });

  it.each([
    ['a duplicate account', KF, '客服1', 65406],
    ['a prefix over 10 characters', 'abcdefghijk@mywechatid', '客服1', 65404],
    ['an account without @', 'test1', '客服1', 65404],
    ['a nickname over 16 characters', 'test2@mywechatid', '客'.repeat(17), 65403],
    ['an empty nickname', 'test2@mywechatid', ' ', 65403],
  ])('answers %s on add with its code', async (_name, account, nickname, errcode) => {
    const p = createPlatform();
    await add(p, KF);
    expectError(await add(p, account, nickname), errcode);
  });

  it('accepts a 16-character Chinese nickname and stops at 100 accounts (65405)', async () => {
    const p = createPlatform();
    expect((await add(p, KF, '客'.repeat(16))).json['errcode']).toBe(0);
    for (let i = 1; i < 100; i++) await add(p, `kf${i}@mywechatid`);
    expectError(await add(p, 'one_more@mywechatid'), 65405);
  });

  it('answers 65401 when renaming an unknown account', async () => {
    const p = createPlatform();
    expectError(await p.post('/customservice/kfaccount/update', { kf_account: KF, nickname: 'x' }), 65401);
  });

  it('invites a worker: waiting in the list until accepted, then bound', async () => {
    const p = createPlatform();
    await add(p, KF);
    expect((await invite(p, KF, 'alice_wx')).json['errcode']).toBe(0);
    const [waiting] = await kfList(p);
    expect(waiting).toMatchObject({ invite_wx: 'alice_wx', invite_status: 'waiting' });
    expect(waiting?.['invite_expire_time']).toBe(Math.floor(p.state.now() / 1000) + 7 * 86_400);
    expectError(await invite(p, KF, 'bob_wx1'), 65411);

    expect(acceptKfInvite(p.state, KF)).toBe(true);
    const [bound] = await kfList(p);
    expect(bound).toMatchObject({ kf_wx: 'alice_wx' });
    expect(bound).not.toHaveProperty('invite_wx');
    expectError(await invite(p, KF, 'bob_wx1'), 65412);
  });

  it('reports an unanswered invitation as expired and allows a new one', async () => {
    const p = createPlatform();
    await add(p, KF);
    await invite(p, KF, 'alice_wx');
    p.advance(7 * 86_400);
    expect((await kfList(p))[0]).toMatchObject({ invite_status: 'expired' });
    expect(acceptKfInvite(p.state, KF)).toBe(false);
    expect((await invite(p, KF, 'bob_wx1')).json['errcode']).toBe(0);
  });

  it.each([
    ['an invalid WeChat id', 'ab', 65409],
    ['a WeChat id already working for the account', 'alice_wx', 65407],
    ['a WeChat id invited by another account', 'carol_wx', 65408],
  ])('answers %s on inviteworker with its code', async (_name, wx, errcode) => {
    const p = createPlatform();
    await onlineKf(p, 'bound@mywechatid', 'alice_wx');
    await add(p, 'pending@mywechatid');
    await invite(p, 'pending@mywechatid', 'carol_wx');
    await add(p, KF);
    expectError(await invite(p, KF, wx), errcode);
    expectError(await invite(p, 'nobody@mywechatid', 'dave_wx'), 65401);
  });

  it('sets the avatar from a multipart upload, served at kf_headimgurl and kept out of the material', async () => {
    const p = createPlatform();
    await add(p, KF);
    const res = await p.upload('/customservice/kfaccount/uploadheadimg', mediaForm(file('a.jpg', 100)), {
      kf_account: KF,
    });
    expect(res.json['errcode']).toBe(0);
    const url = String((await kfList(p))[0]?.['kf_headimgurl']);
    const image = await p.send('GET', new URL(url).pathname);
    expect(image.bytes).toHaveLength(100);
    const count = await p.get('/cgi-bin/material/get_materialcount');
    expect(count.json['image_count']).toBe(0);
  });

  it.each([
    ['an unknown account', 'nobody@mywechatid', file('a.jpg', 10), 65401],
    ['a file that is not an image', KF, file('a.txt', 10), 40005],
    ['a file over 5 MB', KF, file('a.jpg', 5 * 1024 * 1024 + 1), 40009],
  ])('answers %s on uploadheadimg with its code', async (_name, account, media, errcode) => {
    const p = createPlatform();
    await add(p, KF);
    expectError(
      await p.upload('/customservice/kfaccount/uploadheadimg', mediaForm(media), { kf_account: account }),
      errcode,
    );
  });

  it('lists online accounts with the sessions they serve', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    await onlineKf(p);
    await add(p, 'offline@mywechatid');
    await session(p, 'create', KF, 'oA');
    expect((await p.get('/cgi-bin/customservice/getonlinekflist')).json).toEqual({
      kf_online_list: [{ kf_account: KF, status: 1, kf_id: '1001', accepted_case: 1 }],
    });
  });

  it('answers the worker controls under /__emulator/kf-workers', async () => {
    const p = createPlatform();
    await add(p, KF);
    const control = (body: unknown) =>
      p.send('POST', '/__emulator/kf-workers', {
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
    expect((await control({ kf_account: KF, online: true })).status).toBe(409);
    expect((await control({ kf_account: KF, accept: true })).status).toBe(409);
    await invite(p, KF, 'alice_wx');
    const res = await control({ kf_account: KF, accept: true, online: true });
    expect(res.json).toEqual({ kf_account: KF, kf_wx: 'alice_wx', online: true });
    expect((await control({ kf_account: 'x@y' })).status).toBe(404);
    expect((await control({ kf_account: KF, online: 'yes' })).status).toBe(400);
  });
});

describe('kf sessions', () => {
  it('creates a session (again: 0), reports it, lists it, and closes it', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    await onlineKf(p);
    expect((await session(p, 'create', KF, 'oA')).json['errcode']).toBe(0);
    expect((await session(p, 'create', KF, 'oA')).json['errcode']).toBe(0);
    const createtime = Math.floor(p.state.now() / 1000);
    expect((await p.get('/customservice/kfsession/getsession', { openid: 'oA' })).json).toEqual({
      kf_account: KF,
      createtime,
    });
    expect((await p.get('/customservice/kfsession/getsessionlist', { kf_account: KF })).json).toEqual({
      sessionlist: [{ openid: 'oA', createtime }],
    });
    expect((await session(p, 'close', KF, 'oA')).json['errcode']).toBe(0);
    expect((await p.get('/customservice/kfsession/getsession', { openid: 'oA' })).json).toEqual({
      kf_account: '',
      createtime: 0,
    });
    expectError(await session(p, 'close', KF, 'oA'), 65413);
  });

  it('answers 65414 when another account serves the fan', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    await onlineKf(p);
    await onlineKf(p, 'test2@mywechatid', 'bob_wx1');
    await session(p, 'create', KF, 'oA');
    expectError(await session(p, 'create', 'test2@mywechatid', 'oA'), 65414);
    expectError(await session(p, 'close', 'test2@mywechatid', 'oA'), 65414);
  });

  it.each([
    ['an unknown account', 'nobody@mywechatid', 'oA', 65401],
    ['an account without a worker', 'unbound@mywechatid', 'oA', 65402],
    ['an offline account', 'offline@mywechatid', 'oA', 65415],
    ['an unknown fan', KF, 'oNobody', 40003],
    ['a fan who unfollowed', KF, 'oGone', 40003],
  ])('answers %s on create with its code', async (_name, account, openid, errcode) => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    addFan(p.state, { openid: 'oGone', following: false });
    await onlineKf(p);
    await add(p, 'unbound@mywechatid');
    await onlineKf(p, 'offline@mywechatid', 'bob_wx1');
    setKfOnline(p.state, 'offline@mywechatid', false);
    expectError(await session(p, 'create', account, openid), errcode);
  });

  it('answers 40003 for the session of an unknown fan, 65402 for the list of an unbound account', async () => {
    const p = createPlatform();
    await add(p, KF);
    expectError(await p.get('/customservice/kfsession/getsession', { openid: 'oNobody' }), 40003);
    expectError(await p.get('/customservice/kfsession/getsessionlist', { kf_account: KF }), 65402);
  });

  it('lists fans handed to customer service and not yet served, in the order they came', async () => {
    const p = createPlatform();
    for (const openid of ['oA', 'oB', 'oC']) {
      addFan(p.state, { openid, lastMessageAt: p.state.now() });
      p.state.addChat({
        openid,
        direction: 'out',
        via: 'system',
        msgType: 'transfer_customer_service',
        payload: { content: '消息已转给客服 (transfer_customer_service)' },
      });
      p.advance(10);
    }
    await onlineKf(p);
    await session(p, 'create', KF, 'oB');
    const res = await p.get('/customservice/kfsession/getwaitcase');
    const base = Math.floor(p.state.now() / 1000) - 30;
    expect(res.json).toEqual({
      count: 2,
      waitcaselist: [
        { openid: 'oA', latest_time: base },
        { openid: 'oC', latest_time: base + 20 },
      ],
    });
  });

  it('ends the sessions of a deleted account', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    await onlineKf(p);
    await session(p, 'create', KF, 'oA');
    await p.post('/customservice/kfaccount/del', { kf_account: KF });
    expect((await p.get('/customservice/kfsession/getsession', { openid: 'oA' })).json['kf_account']).toBe(
      '',
    );
  });
});

describe('kf chat records', () => {
  async function chatWithKf(p: Platform): Promise<number> {
    addFan(p.state, { openid: 'oA', lastMessageAt: p.state.now() });
    await onlineKf(p);
    const start = Math.floor(p.state.now() / 1000);
    p.state.addChat({
      openid: 'oA',
      direction: 'in',
      via: 'fan',
      msgType: 'text',
      payload: { content: '在吗' },
    });
    // Before the session: not a kf account's record.
    p.advance(2);
    await session(p, 'create', KF, 'oA');
    p.advance(3);
    await p.post('/cgi-bin/message/custom/send', {
      touser: 'oA',
      msgtype: 'text',
      text: { content: '您好，客服为您服务' },
      customservice: { kf_account: KF },
    });
    p.advance(5);
    p.state.addChat({
      openid: 'oA',
      direction: 'in',
      via: 'fan',
      msgType: 'image',
      payload: { mediaId: 'm1', url: '/__emulator/media/m1' },
    });
    return start;
  }

  it('reads sent (2002) and received (2003) records of the kf accounts, page by page', async () => {
    const p = createPlatform();
    const start = await chatWithKf(p);
    const body = { starttime: start, endtime: start + 3600, msgid: 1, number: 1 };
    const first = await p.post('/customservice/msgrecord/getmsglist', body);
    expect(first.json).toEqual({
      recordlist: [{ openid: 'oA', opercode: 2002, text: '您好，客服为您服务', time: start + 5, worker: KF }],
      number: 1,
      msgid: 2,
    });
    const second = await p.post('/customservice/msgrecord/getmsglist', { ...body, msgid: 2, number: 10 });
    expect(second.json).toEqual({
      recordlist: [{ openid: 'oA', opercode: 2003, text: '[image]', time: start + 10, worker: KF }],
      number: 1,
      msgid: 3,
    });
  });

  it.each([
    ['a period over 24 hours', { starttime: 0, endtime: 86_401, msgid: 1, number: 10 }, 65417],
    ['an end before the start', { starttime: 10, endtime: 5, msgid: 1, number: 10 }, 65416],
    ['msgid 0', { starttime: 0, endtime: 10, msgid: 0, number: 10 }, 65416],
    ['more than 10 000 records', { starttime: 0, endtime: 10, msgid: 1, number: 10_001 }, 65416],
    ['a missing field', { starttime: 0, endtime: 10, msgid: 1 }, 65416],
  ])('answers %s with its code', async (_name, body, errcode) => {
    const p = createPlatform();
    expectError(await p.post('/customservice/msgrecord/getmsglist', body), errcode);
  });
});

describe('paths under /customservice/ outside the table', () => {
  it('answers 48001 like any unknown API', async () => {
    const p = createPlatform();
    expectError(await p.post('/customservice/kfaccount/setadmin', {}), 48001);
  });
});
