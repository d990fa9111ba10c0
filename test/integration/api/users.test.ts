import { afterEach, describe, expect, it } from 'vitest';
import type { WeChatClient } from '../../../src/api/client.js';
import { WeChatError } from '../../../src/errors.js';
import { QR_TICKET, startFakeWithClient, type FakeWeChatApi } from '../../support/fake-wechat-api.js';

let fake: FakeWeChatApi;
let client: WeChatClient;

async function start(options: { users?: string[]; pageSize?: number } = {}) {
  ({ fake, client } = await startFakeWithClient(options));
}
afterEach(() => fake.close());

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('users', () => {
  it('info sends openid and lang, and returns the profile', async () => {
    await start();
    await expect(client.user.info('OPENID_1', 'en')).resolves.toMatchObject({
      subscribe: 1,
      openid: 'OPENID_1',
      language: 'en',
    });
    expect(fake.calls('user.info')[0]!.query).toMatchObject({ openid: 'OPENID_1', lang: 'en' });
  });

  it('batchGet sends a user_list', async () => {
    await start();
    const res = await client.user.batchGet(['OPENID_1', 'OPENID_2']);
    expect(res.user_info_list.map((u) => u.openid)).toEqual(['OPENID_1', 'OPENID_2']);
    expect(JSON.parse(fake.calls('user.batchGet')[0]!.body)).toEqual({
      user_list: [
        { openid: 'OPENID_1', lang: 'zh_CN' },
        { openid: 'OPENID_2', lang: 'zh_CN' },
      ],
    });
  });

  it('list returns one page and passes next_openid', async () => {
    await start({ users: ['A', 'B', 'C'], pageSize: 2 });
    await expect(client.user.list()).resolves.toEqual({
      total: 3,
      count: 2,
      data: { openid: ['A', 'B'] },
      next_openid: 'B',
    });
    await expect(client.user.list('B')).resolves.toMatchObject({ count: 1, data: { openid: ['C'] } });
    expect(fake.calls('user.list').map((r) => r.query['next_openid'])).toEqual([undefined, 'B']);
  });

  it('all() iterates every page over next_openid until an empty page', async () => {
    const users = Array.from({ length: 5 }, (_, i) => `U${i}`);
    await start({ users, pageSize: 2 });
    expect(await collect(client.user.all())).toEqual(users);
    expect(fake.calls('user.list').map((r) => r.query['next_openid'])).toEqual([undefined, 'U1', 'U3', 'U4']);
  });

  it('all() fetches nothing beyond what the loop consumes', async () => {
    await start({ users: ['A', 'B', 'C', 'D'], pageSize: 2 });
    for await (const openid of client.user.all()) if (openid === 'A') break;
    expect(fake.calls('user.list')).toHaveLength(1);
  });

  it('updateRemark sends openid and remark', async () => {
    await start();
    await client.user.updateRemark('OPENID_1', '老客户');
    expect(JSON.parse(fake.calls('user.updateRemark')[0]!.body)).toEqual({
      openid: 'OPENID_1',
      remark: '老客户',
    });
  });
});

describe('tags', () => {
  it('create, list, update and delete a tag', async () => {
    await start();
    const { tag } = await client.tag.create('广东');
    expect(tag).toEqual({ id: 100, name: '广东' });
    await client.tag.update(tag.id, '广东人');
    await expect(client.tag.list()).resolves.toEqual({ tags: [{ id: 100, name: '广东人', count: 0 }] });
    await client.tag.delete(tag.id);
    await expect(client.tag.list()).resolves.toEqual({ tags: [] });
    expect(JSON.parse(fake.calls('tag.delete')[0]!.body)).toEqual({ tag: { id: 100 } });
  });

  it('batchTagging, members, allMembers, idList and batchUntagging', async () => {
    await start({ pageSize: 2 });
    const { tag } = await client.tag.create('VIP');
    await client.tag.batchTagging(['OPENID_1', 'OPENID_2', 'OPENID_3'], tag.id);
    expect(JSON.parse(fake.calls('tag.batchTagging')[0]!.body)).toEqual({
      openid_list: ['OPENID_1', 'OPENID_2', 'OPENID_3'],
      tagid: tag.id,
    });
    await expect(client.tag.members(tag.id)).resolves.toMatchObject({ count: 2, next_openid: 'OPENID_2' });
    expect(await collect(client.tag.allMembers(tag.id))).toEqual(['OPENID_1', 'OPENID_2', 'OPENID_3']);
    await expect(client.tag.idList('OPENID_1')).resolves.toEqual({ tagid_list: [tag.id] });
    await client.tag.batchUntagging(['OPENID_1'], tag.id);
    await expect(client.tag.idList('OPENID_1')).resolves.toEqual({ tagid_list: [] });
  });
});

describe('blacklist', () => {
  it('get, all, batchBlacklist and batchUnblacklist', async () => {
    await start({ pageSize: 2 });
    await expect(client.blacklist.get()).resolves.toMatchObject({ total: 3, count: 2 });
    expect(await collect(client.blacklist.all())).toEqual(['BLOCKED_1', 'BLOCKED_2', 'BLOCKED_3']);
    expect(
      fake
        .calls('blacklist.get')
        .map((r) => JSON.parse(r.body) as unknown)
        .slice(1),
    ).toEqual([{ begin_openid: '' }, { begin_openid: 'BLOCKED_2' }, { begin_openid: 'BLOCKED_3' }]);
    await client.blacklist.batchBlacklist(['OPENID_1']);
    await client.blacklist.batchUnblacklist(['OPENID_1']);
    expect(JSON.parse(fake.calls('blacklist.batchBlacklist')[0]!.body)).toEqual({
      openid_list: ['OPENID_1'],
    });
    expect(JSON.parse(fake.calls('blacklist.batchUnblacklist')[0]!.body)).toEqual({
      openid_list: ['OPENID_1'],
    });
  });
});

describe('QR codes', () => {
  it.each([
    [
      'temporary number',
      (c: WeChatClient) => c.qrcode.temporary(123, 604800),
      { expire_seconds: 604800, action_name: 'QR_SCENE', action_info: { scene: { scene_id: 123 } } },
    ],
    [
      'temporary string',
      (c: WeChatClient) => c.qrcode.temporary('test', 60),
      { expire_seconds: 60, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'test' } } },
    ],
    [
      'permanent number',
      (c: WeChatClient) => c.qrcode.permanent(100000),
      { action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 100000 } } },
    ],
    [
      'permanent string',
      (c: WeChatClient) => c.qrcode.permanent('shop-1'),
      { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'shop-1' } } },
    ],
  ] as const)('%s sends the documented body', async (_kind, create, body) => {
    await start();
    await expect(create(client)).resolves.toMatchObject({ ticket: QR_TICKET });
    expect(JSON.parse(fake.calls('qrcode.create')[0]!.body)).toEqual(body);
  });

  it('rejects scenes and lifetimes WeChat would refuse, before calling', async () => {
    await start();
    await expect(client.qrcode.permanent(100001)).rejects.toThrow(WeChatError);
    await expect(client.qrcode.temporary(0, 60)).rejects.toThrow(/integer from 1/);
    await expect(client.qrcode.temporary('x'.repeat(65), 60)).rejects.toThrow(/1 to 64 characters/);
    await expect(client.qrcode.temporary('x', 2_592_001)).rejects.toThrow(/30 days/);
    expect(fake.calls('qrcode.create')).toHaveLength(0);
  });

  it('imageUrl URL-encodes the ticket', async () => {
    await start();
    const { ticket } = await client.qrcode.temporary('x', 60);
    const url = client.qrcode.imageUrl(ticket);
    expect(url).toBe(`https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=${encodeURIComponent(QR_TICKET)}`);
    expect(url.split('ticket=')[1]).not.toMatch(/[+/=]/);
  });
});
