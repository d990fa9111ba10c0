import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_MENU } from '../../../src/examples/menu.js';
import { createFan } from '../../../src/emulator/fans/create-fan.js';
import { parseMessage } from '../../../src/messages/parse.js';
import type { Message } from '../../../src/messages/types.js';
import { Router } from '../../../src/webhook/router.js';
import type { Emulator } from '../../../src/emulator/app.js';
import { botServer, emulatorFor, entryOf, FAN, type Loopback } from './support.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGM4AwAAzgDN1GaQsAAAAABJRU5ErkJggg==',
  'base64',
);
const photo = { data: PNG, contentType: 'image/png', filename: 'p.png' };

/** A bot that records what it was pushed, and answers events with their name so replies can be checked too. */
const seen: Message[] = [];
const bot = new Router();
bot.use((ctx) => {
  seen.push(ctx.message);
  return ctx.message.type === 'event' ? `got ${ctx.message.event}` : undefined;
});

let server: Loopback;
let emulator: Emulator;
beforeAll(async () => {
  server = await botServer(bot);
  emulator = emulatorFor(server.url, 'safe', { menu: EXAMPLE_MENU });
});
afterAll(() => server.close());

/** The last message the bot saw, after checking the emulator recorded the same XML. */
function lastSeen(): Message {
  const record = emulator.state.pushes.at(-1)!;
  const message = seen.at(-1)!;
  expect(parseMessage(record.messageXml)).toEqual(message);
  return message;
}

describe('follow and unfollow', () => {
  it('a new fan follows: subscribe without a key, the fan record and the welcome reply', async () => {
    const fan = createFan(emulator.state, { nickname: '小红' });
    expect(fan.following).toBe(false);
    const { pushes } = await emulator.fans.follow(fan.openid);
    const message = lastSeen();
    expect(message).toMatchObject({
      type: 'event',
      event: 'subscribe',
      fromUserName: fan.openid,
      toUserName: emulator.state.account.ghId,
    });
    expect(message).not.toHaveProperty('scene');
    expect(pushes[0]!.entries[0]?.payload).toEqual({ content: 'got subscribe' });
    expect(emulator.state.fans.get(fan.openid)).toMatchObject({
      following: true,
      subscribeScene: 'ADD_SCENE_SEARCH',
    });
    expect(fan.lastEventAt).toBeTypeOf('number');
  });

  it('unfollow pushes unsubscribe and shows the fan no reply', async () => {
    const fan = createFan(emulator.state, { following: true });
    const { pushes } = await emulator.fans.unfollow(fan.openid);
    expect(lastSeen()).toMatchObject({ type: 'event', event: 'unsubscribe' });
    expect(pushes[0]!.record.verdict).toEqual({ ok: true });
    expect(pushes[0]!.entries).toEqual([]);
    expect(fan.following).toBe(false);
  });

  it('refuses to follow twice, and to chat before following', async () => {
    const fan = createFan(emulator.state);
    await expect(emulator.fans.text(fan.openid, 'hi')).rejects.toMatchObject({ status: 409 });
    await emulator.fans.follow(fan.openid);
    await expect(emulator.fans.follow(fan.openid)).rejects.toMatchObject({ status: 409 });
  });
});

describe('menu taps', () => {
  it('a CLICK carries its EventKey and opens the 1-minute window', async () => {
    const { pushes } = await emulator.fans.menu(FAN, { path: [0] });
    expect(lastSeen()).toMatchObject({ type: 'event', event: 'CLICK', eventKey: 'V1001_TODAY_MUSIC' });
    expect(pushes[0]!.record.kind).toBe('event.CLICK');
    expect(pushes[0]!.entries[0]?.payload).toEqual({ content: 'got CLICK' });
    expect(emulator.state.fans.get(FAN)!.lastEventAt).toBeTypeOf('number');
  });

  it('a parent button only opens its sub-menu: nothing is pushed', async () => {
    const before = emulator.state.pushes.length;
    const result = await emulator.fans.menu(FAN, { path: [1] });
    expect(result.pushes).toEqual([]);
    expect(result.opened?.subMenu).toEqual(['搜索', '赞一下我们', '扫码', '发图']);
    expect(emulator.state.pushes.length).toBe(before);
  });

  it('VIEW carries the URL as EventKey and tells the page to open it', async () => {
    const result = await emulator.fans.menu(FAN, { path: [1, 0] });
    expect(lastSeen()).toMatchObject({ type: 'event', event: 'VIEW', eventKey: 'https://www.soso.com/' });
    expect(result.opened?.url).toBe('https://www.soso.com/');
  });

  it('a sub-button found by key: CLICK V1001_GOOD', async () => {
    await emulator.fans.menu(FAN, { key: 'V1001_GOOD' });
    expect(lastSeen()).toMatchObject({ event: 'CLICK', eventKey: 'V1001_GOOD' });
  });

  it('scancode_push carries ScanCodeInfo with the typed-in result', async () => {
    await emulator.fans.menu(FAN, { key: 'SCAN_PUSH' }, { scanResult: 'https://example.com/q?a=1' });
    expect(lastSeen()).toMatchObject({
      event: 'scancode_push',
      eventKey: 'SCAN_PUSH',
      scanCodeInfo: { scanType: 'qrcode', scanResult: 'https://example.com/q?a=1' },
    });
  });

  it('pic_photo_or_album pushes the event with the photo MD5, then the photo as an image message', async () => {
    const { pushes, sent } = await emulator.fans.menu(FAN, { key: 'SEND_PIC' }, { photo });
    expect(pushes.map((p) => p.record.kind)).toEqual(['event.pic_photo_or_album', 'image']);
    const [event, image] = pushes.map((p) => parseMessage(p.record.messageXml));
    expect(event).toMatchObject({
      event: 'pic_photo_or_album',
      eventKey: 'SEND_PIC',
      sendPicsInfo: { count: 1, picList: [{ picMd5Sum: createHash('md5').update(PNG).digest('hex') }] },
    });
    const { mediaId } = entryOf(sent[0], 'image').payload;
    expect(image).toMatchObject({ type: 'image', mediaId });
    const media = emulator.state.media.get(mediaId);
    expect(Buffer.from(media!.data, 'base64').equals(PNG)).toBe(true);
  });

  it('location_select carries SendLocationInfo', async () => {
    await emulator.fans.menu(
      FAN,
      { key: 'SEND_LOCATION' },
      { location: { latitude: 23.1, longitude: 113.3, label: '广州塔' } },
    );
    expect(lastSeen()).toMatchObject({
      event: 'location_select',
      sendLocationInfo: { latitude: 23.1, longitude: 113.3, scale: 15, label: '广州塔', poiname: '' },
    });
  });

  it('asks for what a button needs before pushing', async () => {
    await expect(emulator.fans.menu(FAN, { key: 'SCAN_PUSH' })).rejects.toMatchObject({ status: 400 });
    await expect(emulator.fans.menu(FAN, { key: 'NOPE' })).rejects.toMatchObject({ status: 404 });
  });
});

describe('messages and reports', () => {
  it('text sets lastMessageAt (the 48-hour window) and arrives as a text message', async () => {
    await emulator.fans.text(FAN, '第一行\n第二行');
    expect(lastSeen()).toMatchObject({ type: 'text', content: '第一行\n第二行' });
    expect(emulator.state.fans.get(FAN)!.lastMessageAt).toBeTypeOf('number');
  });

  it('an image gets a media_id and a PicUrl the emulator serves', async () => {
    const { sent } = await emulator.fans.image(FAN, photo);
    const message = lastSeen();
    expect(message).toMatchObject({ type: 'image', mediaId: entryOf(sent[0], 'image').payload.mediaId });
    expect(message.type === 'image' && message.picUrl).toMatch(/\/__emulator\/media\//);
  });

  it('voice, video, location and link arrive with their fields', async () => {
    await emulator.fans.voice(FAN, {
      data: Buffer.from('#!AMR\n'),
      contentType: 'audio/amr',
      filename: 'v.amr',
    });
    expect(lastSeen()).toMatchObject({ type: 'voice', format: 'amr' });
    await emulator.fans.video(FAN, { data: Buffer.from('mp4'), contentType: 'video/mp4', filename: 'v.mp4' });
    const video = lastSeen();
    expect(video.type === 'video' && emulator.state.media.get(video.thumbMediaId)?.type).toBe('thumb');
    await emulator.fans.location(FAN, { latitude: 23.134521, longitude: 113.358803, label: ' 广州市海珠区' });
    expect(lastSeen()).toMatchObject({
      type: 'location',
      latitude: 23.134521,
      longitude: 113.358803,
      label: ' 广州市海珠区',
    });
    await emulator.fans.link(FAN, { title: '标题', url: 'https://example.com/' });
    expect(lastSeen()).toMatchObject({ type: 'link', title: '标题', url: 'https://example.com/' });
  });

  it('a msgmenu choice carries bizmsgmenuid', async () => {
    await emulator.fans.text(FAN, '满意', { bizMsgMenuId: '101' });
    expect(lastSeen()).toMatchObject({ type: 'text', content: '满意', bizMsgMenuId: '101' });
  });

  it('a LOCATION report carries latitude, longitude and precision', async () => {
    await emulator.fans.reportLocation(FAN, {
      latitude: 23.137466,
      longitude: 113.352425,
      precision: 119.38504,
    });
    expect(lastSeen()).toMatchObject({
      event: 'LOCATION',
      latitude: 23.137466,
      longitude: 113.352425,
      precision: 119.38504,
    });
  });
});
