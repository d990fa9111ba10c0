import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WeChatClient } from '../../../src/api/client.js';
import { isFileResponse, type FileResponse } from '../../../src/api/types/common.js';
import { WeChatApiError, WeChatError } from '../../../src/errors.js';
import { startEmulatedClient } from '../../support/emulated-client.js';
import { EMULATOR_BASE, type EmulatedWeChat } from '../../support/emulated-wechat.js';

let wechat: EmulatedWeChat;
let client: WeChatClient;

beforeEach(() => {
  ({ wechat, client } = startEmulatedClient());
});
afterEach(() => wechat.close());

const MENU = {
  button: [
    { type: 'click' as const, name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    { name: '菜单', sub_button: [{ type: 'view' as const, name: '搜索', url: 'http://www.soso.com/' }] },
  ],
};
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x80, 0xfe]);
const mediaUrl = (mediaId: string) => `${EMULATOR_BASE}/__emulator/media/${encodeURIComponent(mediaId)}`;

async function bytesOf(file: FileResponse): Promise<Uint8Array> {
  return new Uint8Array(await new Response(file.body).arrayBuffer());
}

describe('menu', () => {
  it('create sends the menu, get returns it, delete removes it', async () => {
    await expect(client.menu.create(MENU)).resolves.toMatchObject({ errcode: 0 });
    expect(wechat.requestsOf('menu.create')[0]!.json).toEqual(MENU);
    await expect(client.menu.get()).resolves.toEqual({
      menu: { ...MENU, menuid: expect.any(Number) as number },
    });
    await client.menu.delete();
    await expect(client.menu.get()).rejects.toMatchObject({ errcode: 46003 });
  });

  it('create rejects a menu beyond the limits without calling WeChat', async () => {
    const tooLong = { button: [{ type: 'click' as const, name: '一二三四五六', key: 'K' }] };
    await expect(async () => client.menu.create(tooLong)).rejects.toThrow(
      /button\[0\] "一二三四五六" has a name of 18 bytes/,
    );
    expect(await wechat.calls('menu.create')).toBe(0);
  });

  it('selfMenuInfo reports the live menu, sub-buttons under sub_button.list', async () => {
    await client.menu.create(MENU);
    await expect(client.menu.selfMenuInfo()).resolves.toEqual({
      is_menu_open: 1,
      selfmenu_info: {
        button: [MENU.button[0], { name: '菜单', sub_button: { list: MENU.button[1]!.sub_button } }],
      },
    });
  });

  it('addConditional validates the match rule, then returns the menuid', async () => {
    await client.menu.create(MENU);
    const { tag } = await client.tag.create('VIP');
    await expect(async () => client.menu.addConditional({ ...MENU, matchrule: {} })).rejects.toBeInstanceOf(
      WeChatError,
    );
    await expect(
      client.menu.addConditional({ ...MENU, matchrule: { tag_id: String(tag.id) } }),
    ).resolves.toEqual({ menuid: expect.stringMatching(/^\d+$/) as string });
    expect(wechat.requestsOf('menu.addConditional')[0]!.json).toMatchObject({
      matchrule: { tag_id: String(tag.id) },
    });
  });

  it('delConditional and tryMatch send their ids', async () => {
    await client.menu.create(MENU);
    const { tag } = await client.tag.create('VIP');
    const { menuid } = await client.menu.addConditional({ ...MENU, matchrule: { tag_id: String(tag.id) } });
    await client.menu.delConditional(menuid);
    await expect(client.menu.tryMatch('OPENID_1')).resolves.toMatchObject({ button: MENU.button });
    expect(wechat.requestsOf('menu.delConditional')[0]!.json).toEqual({ menuid });
    expect(wechat.requestsOf('menu.tryMatch')[0]!.json).toEqual({ user_id: 'OPENID_1' });
  });
});

describe('temporary media', () => {
  it('upload sends the file as multipart field media with filename and content type', async () => {
    const before = Math.floor(wechat.clock.now() / 1000);
    const res = await client.media.upload('image', { data: JPEG, filename: 'photo.jpg' });
    expect(res).toEqual({
      type: 'image',
      media_id: expect.any(String) as string,
      created_at: expect.any(Number) as number,
    });
    expect(res.created_at).toBeGreaterThanOrEqual(before);
    expect(res.created_at).toBeLessThanOrEqual(Math.floor(wechat.clock.now() / 1000));
    const call = wechat.requestsOf('media.upload')[0]!;
    expect(call.query['type']).toBe('image');
    expect(call.form['media']).toMatchObject({
      filename: 'photo.jpg',
      type: 'image/jpeg',
      size: JPEG.byteLength,
    });
  });

  it('get streams the file with content type and filename', async () => {
    const { media_id } = await client.media.upload('image', { data: JPEG, filename: 'photo.jpg' });
    const res = await client.media.get(media_id);
    expect(isFileResponse(res)).toBe(true);
    const file = res as FileResponse;
    expect(file).toMatchObject({
      contentType: 'image/jpeg',
      filename: 'photo.jpg',
      contentLength: JPEG.byteLength,
    });
    expect(await bytesOf(file)).toEqual(JPEG);
  });

  it('get returns the video URL as JSON for videos', async () => {
    const { media_id } = await client.media.upload('video', {
      data: new Uint8Array([0, 0, 0, 24]),
      filename: 'v.mp4',
    });
    const res = await client.media.get(media_id);
    expect(isFileResponse(res)).toBe(false);
    expect(res).toEqual({ video_url: mediaUrl(media_id) });
  });

  it('get reports an unknown media_id as 40007, also when WeChat sends the JSON error as text/plain', async () => {
    const err: unknown = await client.media.get('NOPE').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err).toMatchObject({ errcode: 40007, endpoint: '/cgi-bin/media/get' });
    expect((err as WeChatApiError).message).toContain('3 days');
    // WeChat labels the JSON errors of its binary endpoints text/plain (the emulator answers application/json).
    const body = '{"errcode":40007,"errmsg":"invalid media_id rid: 6650a1b2-1c2c48a7-3f8b3e41"}';
    await wechat.fault('media.get', { status: 200, contentType: 'text/plain', body, times: 1 });
    const plain: unknown = await client.media.get('NOPE').catch((e: unknown) => e);
    expect(plain).toBeInstanceOf(WeChatApiError);
    expect(plain).toMatchObject({ errcode: 40007, rid: '6650a1b2-1c2c48a7-3f8b3e41' });
  });

  it('getJssdk streams the HD voice', async () => {
    const voice = new Uint8Array([1, 2, 3, 4]);
    const { media_id } = await client.media.upload('voice', { data: voice, filename: 'v.amr' });
    const file = await client.media.getJssdk(media_id);
    expect(file.contentType).toBe('audio/amr');
    expect(await bytesOf(file)).toEqual(voice);
  });

  it('uploadImg returns the URL for article bodies', async () => {
    const { url } = await client.media.uploadImg({
      data: JPEG,
      filename: 'body.png',
      contentType: 'image/png',
    });
    expect(url).toMatch(new RegExp(`^${EMULATOR_BASE}/__emulator/media/`));
    expect(wechat.requestsOf('media.uploadImg')[0]!.form['media']).toMatchObject({
      filename: 'body.png',
      type: 'image/png',
    });
  });
});

describe('permanent material', () => {
  it('add sends images with type in the query, and videos with a JSON description field', async () => {
    const image = await client.material.add('image', { data: JPEG, filename: 'a.jpg' });
    expect(image).toEqual({ media_id: expect.any(String) as string, url: mediaUrl(image.media_id) });
    await client.material.add(
      'video',
      { data: new Uint8Array([9]), filename: 'v.mp4' },
      { title: '标题', introduction: '简介' },
    );
    const call = wechat.requestsOf('material.add')[1]!;
    expect(call.query['type']).toBe('video');
    expect(JSON.parse(call.form['description'] as string)).toEqual({ title: '标题', introduction: '简介' });
  });

  it('get streams image material and returns JSON for videos', async () => {
    const image = await client.material.add('image', { data: JPEG, filename: 'a.jpg' });
    const video = await client.material.add(
      'video',
      { data: new Uint8Array([9]), filename: 'v.mp4' },
      { title: 't', introduction: 'i' },
    );
    const file = await client.material.get(image.media_id);
    expect(isFileResponse(file) && (await bytesOf(file))).toEqual(JPEG);
    await expect(client.material.get(video.media_id)).resolves.toEqual({
      title: 't',
      description: 'i',
      down_url: mediaUrl(video.media_id),
    });
    expect(wechat.requestsOf('material.get')[0]!.json).toEqual({ media_id: image.media_id });
  });

  it('delete, count and batchGet send and return their documented shapes', async () => {
    const gone = await client.material.add('image', { data: JPEG, filename: 'gone.jpg' });
    const kept = await client.material.add('image', { data: JPEG, filename: 'kept.jpg' });
    await client.material.add('voice', { data: new Uint8Array([1]), filename: 'v.mp3' });
    await client.material.delete(gone.media_id);
    expect(wechat.requestsOf('material.delete')[0]!.json).toEqual({ media_id: gone.media_id });
    await expect(client.material.count()).resolves.toEqual({
      voice_count: 1,
      video_count: 0,
      image_count: 1,
      news_count: 0,
    });
    const page = await client.material.batchGet({ type: 'image', offset: 0, count: 20 });
    expect(page).toMatchObject({ total_count: 1, item_count: 1, item: [{ media_id: kept.media_id }] });
    expect(wechat.requestsOf('material.batchGet')[0]!.json).toEqual({
      type: 'image',
      offset: 0,
      count: 20,
    });
  });
});
