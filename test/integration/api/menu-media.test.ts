import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WeChatClient } from '../../../src/api/client.js';
import { isFileResponse, type FileResponse } from '../../../src/api/types/common.js';
import { WeChatApiError, WeChatError } from '../../../src/errors.js';
import { startFakeWithClient, type FakeWeChatApi } from '../../support/fake-wechat-api.js';

let fake: FakeWeChatApi;
let client: WeChatClient;

beforeEach(async () => {
  ({ fake, client } = await startFakeWithClient());
});
afterEach(() => fake.close());

const MENU = {
  button: [
    { type: 'click' as const, name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    { name: '菜单', sub_button: [{ type: 'view' as const, name: '搜索', url: 'http://www.soso.com/' }] },
  ],
};
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x80, 0xfe]);

async function bytesOf(file: FileResponse): Promise<Uint8Array> {
  return new Uint8Array(await new Response(file.body).arrayBuffer());
}

describe('menu', () => {
  it('create sends the menu, get returns it, delete removes it', async () => {
    await expect(client.menu.create(MENU)).resolves.toMatchObject({ errcode: 0 });
    expect(JSON.parse(fake.calls('menu.create')[0]!.body)).toEqual(MENU);
    await expect(client.menu.get()).resolves.toEqual({ menu: { ...MENU, menuid: 208379533 } });
    await client.menu.delete();
    await expect(client.menu.get()).rejects.toMatchObject({ errcode: 46003 });
  });

  it('create rejects a menu beyond the limits without calling WeChat', async () => {
    const tooLong = { button: [{ type: 'click' as const, name: '一二三四五六', key: 'K' }] };
    await expect(async () => client.menu.create(tooLong)).rejects.toThrow(
      /button\[0\] "一二三四五六" has a name of 18 bytes/,
    );
    expect(fake.calls('menu.create')).toHaveLength(0);
  });

  it('selfMenuInfo reports the live menu', async () => {
    await client.menu.create(MENU);
    await expect(client.menu.selfMenuInfo()).resolves.toMatchObject({
      is_menu_open: 1,
      selfmenu_info: { button: MENU.button },
    });
  });

  it('addConditional validates the match rule, then returns the menuid', async () => {
    await client.menu.create(MENU);
    await expect(async () => client.menu.addConditional({ ...MENU, matchrule: {} })).rejects.toBeInstanceOf(
      WeChatError,
    );
    await expect(client.menu.addConditional({ ...MENU, matchrule: { tag_id: '2' } })).resolves.toEqual({
      menuid: '208379533',
    });
    expect(JSON.parse(fake.calls('menu.addConditional')[0]!.body)).toMatchObject({
      matchrule: { tag_id: '2' },
    });
  });

  it('delConditional and tryMatch send their ids', async () => {
    await client.menu.create(MENU);
    await client.menu.delConditional('208379533');
    await expect(client.menu.tryMatch('OPENID_1')).resolves.toMatchObject({ button: MENU.button });
    expect(JSON.parse(fake.calls('menu.delConditional')[0]!.body)).toEqual({ menuid: '208379533' });
    expect(JSON.parse(fake.calls('menu.tryMatch')[0]!.body)).toEqual({ user_id: 'OPENID_1' });
  });
});

describe('temporary media', () => {
  it('upload sends the file as multipart field media with filename and content type', async () => {
    const res = await client.media.upload('image', { data: JPEG, filename: 'photo.jpg' });
    expect(res).toEqual({ type: 'image', media_id: 'MEDIA_1', created_at: 1700000000 });
    const call = fake.calls('media.upload')[0]!;
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
    expect(res).toEqual({ video_url: 'http://vweixinf.tc.qq.com/video.mp4' });
  });

  it('get recognises the JSON error WeChat sends as text/plain (40007)', async () => {
    const err: unknown = await client.media.get('NOPE').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err).toMatchObject({ errcode: 40007, endpoint: '/cgi-bin/media/get' });
    expect((err as WeChatApiError).message).toContain('3 days');
  });

  it('getJssdk streams the HD voice', async () => {
    const speex = new Uint8Array([1, 2, 3, 4]);
    const { media_id } = await client.media.upload('voice', { data: speex, filename: 'v.speex' });
    const file = await client.media.getJssdk(media_id);
    expect(file.contentType).toBe('audio/speex');
    expect(await bytesOf(file)).toEqual(speex);
  });

  it('uploadImg returns the URL for article bodies', async () => {
    await expect(
      client.media.uploadImg({ data: JPEG, filename: 'body.png', contentType: 'image/png' }),
    ).resolves.toEqual({
      url: 'http://mmbiz.qpic.cn/mmbiz/abc/0',
    });
    expect(fake.calls('media.uploadImg')[0]!.form['media']).toMatchObject({
      filename: 'body.png',
      type: 'image/png',
    });
  });
});

describe('permanent material', () => {
  it('add sends images with type in the query, and videos with a JSON description field', async () => {
    await expect(client.material.add('image', { data: JPEG, filename: 'a.jpg' })).resolves.toEqual({
      media_id: 'MEDIA_1',
      url: 'http://mmbiz.qpic.cn/m/1',
    });
    await client.material.add(
      'video',
      { data: new Uint8Array([9]), filename: 'v.mp4' },
      { title: '标题', introduction: '简介' },
    );
    const call = fake.calls('material.add')[1]!;
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
    await expect(client.material.get(video.media_id)).resolves.toMatchObject({
      down_url: 'http://example.com/v',
    });
    expect(JSON.parse(fake.calls('material.get')[0]!.body)).toEqual({ media_id: image.media_id });
  });

  it('delete, count and batchGet send and return their documented shapes', async () => {
    await client.material.delete('MEDIA_1');
    expect(JSON.parse(fake.calls('material.delete')[0]!.body)).toEqual({ media_id: 'MEDIA_1' });
    await expect(client.material.count()).resolves.toEqual({
      voice_count: 1,
      video_count: 2,
      image_count: 3,
      news_count: 4,
    });
    const page = await client.material.batchGet({ type: 'image', offset: 0, count: 20 });
    expect(page.item[0]?.media_id).toBe('MEDIA_1');
    expect(JSON.parse(fake.calls('material.batchGet')[0]!.body)).toEqual({
      type: 'image',
      offset: 0,
      count: 20,
    });
  });
});
