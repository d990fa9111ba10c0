import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WeChatClient } from '../../../src/api/client.js';
import { createFan } from '../../../src/emulator/index.js';
import { WeChatError } from '../../../src/errors.js';
import { startEmulatedClient } from '../../support/emulated-client.js';
import type { EmulatedWeChat } from '../../support/emulated-wechat.js';

/** WeChat's page of openids (user/get, user/tag/get, getblacklist). */
const PAGE = 10_000;

let wechat: EmulatedWeChat;
let client: WeChatClient;

beforeEach(() => {
  ({ wechat, client } = startEmulatedClient());
});
afterEach(() => wechat.close());

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Adds `count` following fans (`U00000`…); resolves every follower's openid in WeChat's order. */
function addFollowers(count: number): string[] {
  for (let i = 0; i < count; i++)
    createFan(wechat.state, { openid: `U${String(i).padStart(5, '0')}`, following: true });
  return [...wechat.state.fans.keys()];
}

describe('users', () => {
  it('info sends openid and lang, and returns the profile', async () => {
    await expect(client.user.info('OPENID_1', 'en')).resolves.toMatchObject({
      subscribe: 1,
      openid: 'OPENID_1',
      language: 'zh_CN', // the fan's language, whatever lang asks for
    });
    expect(wechat.requestsOf('user.info')[0]!.query).toMatchObject({ openid: 'OPENID_1', lang: 'en' });
  });

  it('batchGet sends a user_list', async () => {
    const res = await client.user.batchGet(['OPENID_1', 'OPENID_2']);
    expect(res.user_info_list.map((u) => u.openid)).toEqual(['OPENID_1', 'OPENID_2']);
    expect(wechat.requestsOf('user.batchGet')[0]!.json).toEqual({
      user_list: [
        { openid: 'OPENID_1', lang: 'zh_CN' },
        { openid: 'OPENID_2', lang: 'zh_CN' },
      ],
    });
  });

  it('list returns one page and passes next_openid', async () => {
    const all = addFollowers(PAGE);
    const first = await client.user.list();
    expect(first).toEqual({
      total: all.length,
      count: PAGE,
      data: { openid: all.slice(0, PAGE) },
      next_openid: all[PAGE - 1],
    });
    await expect(client.user.list(first.next_openid)).resolves.toMatchObject({
      count: all.length - PAGE,
      data: { openid: all.slice(PAGE) },
    });
    expect(wechat.requestsOf('user.list').map((r) => r.query['next_openid'])).toEqual([
      undefined,
      first.next_openid,
    ]);
  });

  it('all() iterates every page over next_openid until an empty page', async () => {
    const all = addFollowers(PAGE);
    expect(await collect(client.user.all())).toEqual(all);
    expect(wechat.requestsOf('user.list').map((r) => r.query['next_openid'])).toEqual([
      undefined,
      all[PAGE - 1],
      all.at(-1),
    ]);
  });

  it('all() fetches nothing beyond what the loop consumes', async () => {
    const [firstFan] = addFollowers(PAGE);
    for await (const openid of client.user.all()) if (openid === firstFan) break;
    expect(await wechat.calls('user.list')).toBe(1);
  });

  it('updateRemark sends openid and remark', async () => {
    await client.user.updateRemark('OPENID_1', '老客户');
    expect(wechat.requestsOf('user.updateRemark')[0]!.json).toEqual({
      openid: 'OPENID_1',
      remark: '老客户',
    });
    await expect(client.user.info('OPENID_1')).resolves.toMatchObject({ remark: '老客户' });
  });
});

describe('tags', () => {
  it('create, list, update and delete a tag', async () => {
    const { tag } = await client.tag.create('广东');
    expect(tag).toEqual({ id: expect.any(Number) as number, name: '广东' });
    await client.tag.update(tag.id, '广东人');
    const star = { id: 2, name: '星标组', count: 0 }; // every account has it
    await expect(client.tag.list()).resolves.toEqual({
      tags: [star, { id: tag.id, name: '广东人', count: 0 }],
    });
    await client.tag.delete(tag.id);
    await expect(client.tag.list()).resolves.toEqual({ tags: [star] });
    expect(wechat.requestsOf('tag.delete')[0]!.json).toEqual({ tag: { id: tag.id } });
  });

  it('batchTagging, members, allMembers, idList and batchUntagging', async () => {
    const { tag } = await client.tag.create('VIP');
    await client.tag.batchTagging(['OPENID_1', 'OPENID_2', 'OPENID_3'], tag.id);
    expect(wechat.requestsOf('tag.batchTagging')[0]!.json).toEqual({
      openid_list: ['OPENID_1', 'OPENID_2', 'OPENID_3'],
      tagid: tag.id,
    });
    // More members than one page holds (tagged in the emulator's world directly: 50 a call is slow going).
    const more = addFollowers(PAGE).filter((openid) => openid.startsWith('U'));
    for (const openid of more) wechat.state.fans.get(openid)!.tagIds.push(tag.id);
    const members = ['OPENID_1', 'OPENID_2', 'OPENID_3', ...more];
    await expect(client.tag.members(tag.id)).resolves.toMatchObject({
      count: PAGE,
      next_openid: members[PAGE - 1],
    });
    expect(await collect(client.tag.allMembers(tag.id))).toEqual(members);
    expect(wechat.requestsOf('tag.members').map((r) => r.json['next_openid'])).toEqual([
      '',
      '',
      members[PAGE - 1],
      members.at(-1),
    ]);
    await expect(client.tag.idList('OPENID_1')).resolves.toEqual({ tagid_list: [tag.id] });
    await client.tag.batchUntagging(['OPENID_1'], tag.id);
    await expect(client.tag.idList('OPENID_1')).resolves.toEqual({ tagid_list: [] });
  });
});

describe('blacklist', () => {
  it('get, all, batchBlacklist and batchUnblacklist', async () => {
    // More blacklisted fans than one page holds (set in the emulator's world directly: 20 a call is slow going).
    const blocked = addFollowers(PAGE + 2).filter((openid) => openid.startsWith('U'));
    for (const openid of blocked) wechat.state.fans.get(openid)!.blacklisted = true;
    await expect(client.blacklist.get()).resolves.toMatchObject({ total: blocked.length, count: PAGE });
    expect(await collect(client.blacklist.all())).toEqual(blocked);
    expect(
      wechat
        .requestsOf('blacklist.get')
        .map((r) => r.json)
        .slice(1),
    ).toEqual([{ begin_openid: '' }, { begin_openid: blocked[PAGE - 1] }, { begin_openid: blocked.at(-1) }]);
    await client.blacklist.batchBlacklist(['OPENID_1']);
    expect(wechat.state.fans.get('OPENID_1')?.blacklisted).toBe(true);
    await client.blacklist.batchUnblacklist(['OPENID_1']);
    expect(wechat.state.fans.get('OPENID_1')?.blacklisted).toBe(false);
    expect(wechat.requestsOf('blacklist.batchBlacklist')[0]!.json).toEqual({
      openid_list: ['OPENID_1'],
    });
    expect(wechat.requestsOf('blacklist.batchUnblacklist')[0]!.json).toEqual({
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
    await expect(create(client)).resolves.toMatchObject({
      ticket: expect.any(String) as string,
      url: expect.any(String) as string,
      ...('expire_seconds' in body ? { expire_seconds: body.expire_seconds } : {}),
    });
    expect(wechat.requestsOf('qrcode.create')[0]!.json).toEqual(body);
  });

  it('rejects scenes and lifetimes WeChat would refuse, before calling', async () => {
    await expect(client.qrcode.permanent(100001)).rejects.toThrow(WeChatError);
    await expect(client.qrcode.temporary(0, 60)).rejects.toThrow(/integer from 1/);
    await expect(client.qrcode.temporary('x'.repeat(65), 60)).rejects.toThrow(/1 to 64 characters/);
    await expect(client.qrcode.temporary('x', 2_592_001)).rejects.toThrow(/30 days/);
    expect(await wechat.calls('qrcode.create')).toBe(0);
  });

  it('imageUrl URL-encodes the ticket', async () => {
    const { ticket } = await client.qrcode.temporary('x', 60);
    expect(ticket).toMatch(/[+/=]/); // WeChat's tickets are base64
    const url = client.qrcode.imageUrl(ticket);
    expect(url).toBe(`https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`);
    expect(url.split('ticket=')[1]).not.toMatch(/[+/=]/);
  });
});
