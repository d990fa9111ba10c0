import { describe, expect, it } from 'vitest';
import { createPlatform, expectError, file, mediaForm } from './helpers.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);

describe('temporary media', () => {
  it('uploads a file and serves its bytes with its content type', async () => {
    const p = createPlatform();
    const up = await p.upload('/cgi-bin/media/upload', mediaForm(file('logo.png', PNG, 'image/png')), {
      type: 'image',
    });
    expect(up.json['type']).toBe('image');
    expect(up.json['created_at']).toBe(Math.floor(p.state.now() / 1000));
    const got = await p.get('/cgi-bin/media/get', { media_id: String(up.json['media_id']) });
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('content-disposition')).toBe('attachment; filename="logo.png"');
    expect(new Uint8Array(got.bytes)).toEqual(PNG);
  });

  it('answers a video with its video_url, served by the emulator', async () => {
    const p = createPlatform();
    const up = await p.upload('/cgi-bin/media/upload', mediaForm(file('clip.mp4', 10)), { type: 'video' });
    const got = await p.get('/cgi-bin/media/get', { media_id: String(up.json['media_id']) });
    const url = new URL(String(got.json['video_url']));
    const video = await p.send('GET', url.pathname);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    expect(video.bytes.length).toBe(10);
  });

  it('names the id of a thumb thumb_media_id', async () => {
    const p = createPlatform();
    const up = await p.upload('/cgi-bin/media/upload', mediaForm(file('t.jpg', 100)), { type: 'thumb' });
    expect(up.json['thumb_media_id']).toEqual(expect.any(String));
  });

  it('expires temporary media after 3 days (40007)', async () => {
    const p = createPlatform();
    const up = await p.upload('/cgi-bin/media/upload', mediaForm(file('v.amr', 10)), { type: 'voice' });
    const id = String(up.json['media_id']);
    p.advance(3 * 86_400 - 1);
    expect((await p.get('/cgi-bin/media/get', { media_id: id })).status).toBe(200);
    p.advance(1);
    expectError(await p.get('/cgi-bin/media/get', { media_id: id }), 40007);
  });

  type P = ReturnType<typeof createPlatform>;
  it.each([
    ['an unknown media_id', 40007, (p: P) => p.get('/cgi-bin/media/get', { media_id: 'nope' })],
    ['no media_id', 41006, (p: P) => p.get('/cgi-bin/media/get')],
    [
      'an unknown type',
      40004,
      (p: P) => p.upload('/cgi-bin/media/upload', mediaForm(file('a.png', 3)), { type: 'gif' }),
    ],
    [
      'a wrong extension',
      40005,
      (p: P) => p.upload('/cgi-bin/media/upload', mediaForm(file('a.bmp', 3)), { type: 'image' }),
    ],
    [
      'a 65 KB thumb',
      40012,
      (p: P) => p.upload('/cgi-bin/media/upload', mediaForm(file('a.jpg', 65 * 1024)), { type: 'thumb' }),
    ],
    [
      'a 3 MB voice',
      40010,
      (p: P) =>
        p.upload('/cgi-bin/media/upload', mediaForm(file('a.mp3', 3 * 1024 * 1024)), { type: 'voice' }),
    ],
    ['no media field', 41005, (p: P) => p.upload('/cgi-bin/media/upload', new FormData(), { type: 'image' })],
    [
      'an empty file',
      44001,
      (p: P) => p.upload('/cgi-bin/media/upload', mediaForm(file('a.png', 0)), { type: 'image' }),
    ],
  ])('answers %s with %i', async (_name, errcode, call) => {
    expectError(await call(createPlatform()), errcode);
  });

  it('uploadimg returns a URL the emulator serves, and jssdk get serves voice bytes', async () => {
    const p = createPlatform();
    const img = await p.upload('/cgi-bin/media/uploadimg', mediaForm(file('body.jpg', 20)));
    const served = await p.send('GET', new URL(String(img.json['url'])).pathname);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expectError(await p.upload('/cgi-bin/media/uploadimg', mediaForm(file('big.png', 1024 * 1024))), 40009);
    const voice = await p.upload('/cgi-bin/media/upload', mediaForm(file('hd.amr', 5)), { type: 'voice' });
    const hd = await p.get('/cgi-bin/media/get/jssdk', { media_id: String(voice.json['media_id']) });
    expect(hd.bytes.length).toBe(5);
  });
});

describe('permanent material', () => {
  it('adds, gets, counts, lists and deletes material', async () => {
    const p = createPlatform();
    const image = await p.upload(
      '/cgi-bin/material/add_material',
      mediaForm(file('a.png', PNG, 'image/png')),
      { type: 'image' },
    );
    expect(String(image.json['url'])).toContain('/__emulator/media/');
    const video = await p.upload(
      '/cgi-bin/material/add_material',
      mediaForm(file('v.mp4', 9), { description: JSON.stringify({ title: 'T', introduction: 'I' }) }),
      { type: 'video' },
    );
    expect(video.json['url']).toBeUndefined();
    // Article-body images are not material.
    await p.upload('/cgi-bin/media/uploadimg', mediaForm(file('body.jpg', 20)));

    const bytes = await p.post('/cgi-bin/material/get_material', { media_id: image.json['media_id'] });
    expect(new Uint8Array(bytes.bytes)).toEqual(PNG);
    const meta = await p.post('/cgi-bin/material/get_material', { media_id: video.json['media_id'] });
    expect(meta.json).toMatchObject({ title: 'T', description: 'I' });
    expect(String(meta.json['down_url'])).toContain('/__emulator/media/');
    expect((await p.get('/cgi-bin/material/get_materialcount')).json).toEqual({
      voice_count: 0,
      video_count: 1,
      image_count: 1,
      news_count: 0,
    });
    const list = await p.post('/cgi-bin/material/batchget_material', { type: 'image', offset: 0, count: 20 });
    expect(list.json).toMatchObject({ total_count: 1, item_count: 1 });
    expectError(
      await p.post('/cgi-bin/material/batchget_material', { type: 'image', offset: 0, count: 21 }),
      40035,
    );
    expectError(
      await p.post('/cgi-bin/material/batchget_material', { type: 'doc', offset: 0, count: 1 }),
      40004,
    );

    expect(
      (await p.post('/cgi-bin/material/del_material', { media_id: image.json['media_id'] })).json['errcode'],
    ).toBe(0);
    expectError(await p.post('/cgi-bin/material/get_material', { media_id: image.json['media_id'] }), 40007);
  });

  it('requires a description for videos and never expires', async () => {
    const p = createPlatform();
    expectError(
      await p.upload('/cgi-bin/material/add_material', mediaForm(file('v.mp4', 9)), { type: 'video' }),
      40035,
    );
    const voice = await p.upload('/cgi-bin/material/add_material', mediaForm(file('v.wav', 9)), {
      type: 'voice',
    });
    p.advance(30 * 86_400);
    expect(
      (await p.post('/cgi-bin/material/get_material', { media_id: voice.json['media_id'] })).bytes.length,
    ).toBe(9);
    // Temporary media_ids are not material.
    const temp = await p.upload('/cgi-bin/media/upload', mediaForm(file('a.png', 3)), { type: 'image' });
    expectError(await p.post('/cgi-bin/material/get_material', { media_id: temp.json['media_id'] }), 40007);
  });
});
