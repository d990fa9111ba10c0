import { describe, expect, it } from 'vitest';
import { addFan, createPlatform, expectError } from './helpers.js';

describe('users', () => {
  it('answers user/info for a follower, and subscribe 0 with the openid only for a non-follower', async () => {
    const p = createPlatform();
    addFan(p.state, {
      openid: 'oA',
      unionid: 'uA',
      tagIds: [2],
      subscribeScene: 'ADD_SCENE_QR_CODE',
      qrSceneStr: 'promo',
    });
    addFan(p.state, { openid: 'oGone', following: false });
    const info = (await p.get('/cgi-bin/user/info', { openid: 'oA', lang: 'zh_CN' })).json;
    expect(info).toMatchObject({
      subscribe: 1,
      openid: 'oA',
      unionid: 'uA',
      language: 'zh_CN',
      tagid_list: [2],
      subscribe_scene: 'ADD_SCENE_QR_CODE',
      qr_scene_str: 'promo',
    });
    expect(info['nickname']).toBeUndefined();
    expect((await p.get('/cgi-bin/user/info', { openid: 'oGone' })).json).toEqual({
      subscribe: 0,
      openid: 'oGone',
    });
    expectError(await p.get('/cgi-bin/user/info', { openid: 'oNobody' }), 40003);
    expectError(await p.get('/cgi-bin/user/info'), 41009);
  });

  it('batch-gets up to 100 users', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'o1' });
    addFan(p.state, { openid: 'o2' });
    const res = await p.post('/cgi-bin/user/info/batchget', {
      user_list: [{ openid: 'o1' }, { openid: 'o2', lang: 'en' }],
    });
    expect((res.json['user_info_list'] as unknown[]).length).toBe(2);
    expectError(
      await p.post('/cgi-bin/user/info/batchget', { user_list: [{ openid: 'o1' }, { openid: 'x' }] }),
      40003,
    );
    const many = Array.from({ length: 101 }, () => ({ openid: 'o1' }));
    expectError(await p.post('/cgi-bin/user/info/batchget', { user_list: many }), 40032);
  });

  it('lists followers 10 000 per page with next_openid', async () => {
    const p = createPlatform();
    for (let i = 0; i < 10_001; i += 1) addFan(p.state, { openid: `o${String(i).padStart(5, '0')}` });
    addFan(p.state, { openid: 'oGone', following: false });
    const first = (await p.get('/cgi-bin/user/get')).json;
    expect(first).toMatchObject({ total: 10_001, count: 10_000, next_openid: 'o09999' });
    const second = (await p.get('/cgi-bin/user/get', { next_openid: 'o09999' })).json;
    expect(second).toEqual({ total: 10_001, count: 1, data: { openid: ['o10000'] }, next_openid: 'o10000' });
    expect((await p.get('/cgi-bin/user/get', { next_openid: 'o10000' })).json).toEqual({
      total: 10_001,
      count: 0,
      next_openid: '',
    });
    expectError(await p.get('/cgi-bin/user/get', { next_openid: 'oUnknown' }), 40003);
  });

  it('updates a remark', async () => {
    const p = createPlatform();
    const fan = addFan(p.state, { openid: 'oA' });
    expect(
      (await p.post('/cgi-bin/user/info/updateremark', { openid: 'oA', remark: 'VIP' })).json['errcode'],
    ).toBe(0);
    expect(fan.remark).toBe('VIP');
    expectError(await p.post('/cgi-bin/user/info/updateremark', { openid: 'oX', remark: 'VIP' }), 40003);
    expectError(
      await p.post('/cgi-bin/user/info/updateremark', { openid: 'oA', remark: '长'.repeat(11) }),
      40035,
    );
  });
});

describe('tags', () => {
  it('creates, lists, updates and deletes tags, removing deleted tags from fans', async () => {
    const p = createPlatform();
    const fan = addFan(p.state, { openid: 'oA' });
    const created = (await p.post('/cgi-bin/tags/create', { tag: { name: '广东' } })).json;
    expect(created).toEqual({ tag: { id: 100, name: '广东' } });
    expect(
      (await p.post('/cgi-bin/tags/members/batchtagging', { openid_list: ['oA'], tagid: 100 })).json[
        'errcode'
      ],
    ).toBe(0);
    expect((await p.get('/cgi-bin/tags/get')).json['tags']).toEqual([
      { id: 2, name: '星标组', count: 0 },
      { id: 100, name: '广东', count: 1 },
    ]);
    expect((await p.post('/cgi-bin/tags/update', { tag: { id: 100, name: '广东人' } })).json['errcode']).toBe(
      0,
    );
    expect(p.state.tags.get(100)?.name).toBe('广东人');
    expect((await p.post('/cgi-bin/tags/getidlist', { openid: 'oA' })).json).toEqual({ tagid_list: [100] });
    expect((await p.post('/cgi-bin/user/tag/get', { tagid: 100, next_openid: '' })).json).toEqual({
      count: 1,
      data: { openid: ['oA'] },
      next_openid: 'oA',
    });
    expect((await p.post('/cgi-bin/tags/delete', { tag: { id: 100 } })).json['errcode']).toBe(0);
    expect(fan.tagIds).toEqual([]);
  });

  it.each([
    ['a duplicate name', { tag: { name: 'dup' } }, 45157],
    ['the reserved name', { tag: { name: '星标组' } }, 45157],
    ['a name over 30 bytes', { tag: { name: '一二三四五六七八九十一' } }, 45158],
  ])('rejects creating a tag with %s', async (_name, body, errcode) => {
    const p = createPlatform();
    await p.post('/cgi-bin/tags/create', { tag: { name: 'dup' } });
    expectError(await p.post('/cgi-bin/tags/create', body), errcode);
  });

  it('allows 100 tags (45056 beyond)', async () => {
    const p = createPlatform();
    for (let i = 0; i < 100; i += 1) p.state.tags.set(100 + i, { id: 100 + i, name: `t${i}` });
    expectError(await p.post('/cgi-bin/tags/create', { tag: { name: 'one more' } }), 45056);
  });

  it('protects the reserved tags 0, 1, 2 (45058) and rejects unknown ids (45159)', async () => {
    const p = createPlatform();
    for (const id of [0, 1, 2]) {
      expectError(await p.post('/cgi-bin/tags/update', { tag: { id, name: 'x' } }), 45058);
      expectError(await p.post('/cgi-bin/tags/delete', { tag: { id } }), 45058);
    }
    expectError(await p.post('/cgi-bin/tags/update', { tag: { id: 555, name: 'x' } }), 45159);
    expectError(
      await p.post('/cgi-bin/tags/members/batchtagging', { openid_list: ['o'], tagid: 555 }),
      45159,
    );
  });

  it('tags at most 50 openids per call, known fans only, at most 20 tags per fan', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    const full = addFan(p.state, { openid: 'oFull', tagIds: Array.from({ length: 20 }, (_, i) => 200 + i) });
    p.state.tags.set(100, { id: 100, name: 't' });
    const fifty = Array.from({ length: 51 }, () => 'oA');
    expectError(
      await p.post('/cgi-bin/tags/members/batchtagging', { openid_list: fifty, tagid: 100 }),
      40032,
    );
    expectError(await p.post('/cgi-bin/tags/members/batchtagging', { openid_list: [], tagid: 100 }), 40032);
    expectError(
      await p.post('/cgi-bin/tags/members/batchtagging', { openid_list: ['oA', 'oNo'], tagid: 100 }),
      40003,
    );
    expectError(
      await p.post('/cgi-bin/tags/members/batchtagging', { openid_list: ['oA', 'oFull'], tagid: 100 }),
      45059,
    );
    expect(p.state.fans.get('oA')?.tagIds).toEqual([]);
    expect(full.tagIds).toHaveLength(20);
    await p.post('/cgi-bin/tags/members/batchtagging', { openid_list: ['oA'], tagid: 100 });
    expect(
      (await p.post('/cgi-bin/tags/members/batchuntagging', { openid_list: ['oA'], tagid: 100 })).json[
        'errcode'
      ],
    ).toBe(0);
    expect(p.state.fans.get('oA')?.tagIds).toEqual([]);
  });
});

describe('blacklist', () => {
  it('blacklists and unblacklists up to 20 openids and lists them', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    addFan(p.state, { openid: 'oB' });
    expect(
      (await p.post('/cgi-bin/tags/members/batchblacklist', { openid_list: ['oA', 'oB'] })).json['errcode'],
    ).toBe(0);
    expect((await p.post('/cgi-bin/tags/members/getblacklist', { begin_openid: '' })).json).toEqual({
      total: 2,
      count: 2,
      data: { openid: ['oA', 'oB'] },
      next_openid: 'oB',
    });
    await p.post('/cgi-bin/tags/members/batchunblacklist', { openid_list: ['oA'] });
    expect(p.state.fans.get('oA')?.blacklisted).toBe(false);
    expectError(
      await p.post('/cgi-bin/tags/members/batchblacklist', { openid_list: Array(21).fill('oA') }),
      40032,
    );
    expectError(await p.post('/cgi-bin/tags/members/batchblacklist', { openid_list: ['oZ'] }), 40003);
  });
});
