import { describe, expect, it } from 'vitest';
import { isTyping } from '../../../../src/emulator/platform/custom-service/messages.js';
import { entryOf } from '../support.js';
import { addFan, createPlatform, expectError, file, mediaForm } from './helpers.js';

type P = ReturnType<typeof createPlatform>;
const send = (p: P, body: unknown) => p.post('/cgi-bin/message/custom/send', body);
const text = (touser: string, content = 'hi') => ({ touser, msgtype: 'text', text: { content } });

async function mediaId(p: P, type: string, name: string): Promise<string> {
  const res = await p.upload('/cgi-bin/media/upload', mediaForm(file(name, 10)), { type });
  return String(res.json['media_id'] ?? res.json['thumb_media_id']);
}

describe('message/custom/send', () => {
  it('delivers every msgtype to the fan chat as customer-service messages', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA', lastMessageAt: p.state.now() });
    const image = await mediaId(p, 'image', 'a.png');
    const voice = await mediaId(p, 'voice', 'a.amr');
    const video = await mediaId(p, 'video', 'a.mp4');
    const thumb = await mediaId(p, 'thumb', 'a.jpg');
    const messages = [
      text('oA'),
      { touser: 'oA', msgtype: 'image', image: { media_id: image } },
      { touser: 'oA', msgtype: 'voice', voice: { media_id: voice } },
      { touser: 'oA', msgtype: 'video', video: { media_id: video, thumb_media_id: thumb, title: 't' } },
      {
        touser: 'oA',
        msgtype: 'music',
        music: { musicurl: 'http://m', hqmusicurl: 'http://h', thumb_media_id: thumb },
      },
      { touser: 'oA', msgtype: 'news', news: { articles: [{ title: 'T', url: 'http://u' }] } },
      {
        touser: 'oA',
        msgtype: 'msgmenu',
        msgmenu: { head_content: 'h', list: [{ id: '1', content: 'yes' }], tail_content: 't' },
      },
      { touser: 'oA', msgtype: 'wxcard', wxcard: { card_id: 'c' } },
      {
        touser: 'oA',
        msgtype: 'miniprogrampage',
        miniprogrampage: { title: 't', appid: 'wx1', pagepath: 'p', thumb_media_id: thumb },
      },
    ];
    for (const [i, body] of messages.entries()) {
      // A fresh message from the fan opens a new window of 5.
      if (i % 5 === 0) p.state.fans.get('oA')!.lastMessageAt = p.state.now();
      p.advance(1);
      expect((await send(p, body)).json, body.msgtype).toEqual({ errcode: 0, errmsg: 'ok' });
    }
    const chat = p.state.chats.get('oA') ?? [];
    expect(chat.map((c) => c.msgType)).toEqual(messages.map((m) => m.msgtype));
    expect(chat.every((c) => c.via === 'customer-service' && c.direction === 'out')).toBe(true);
    expect(entryOf(chat[1], 'image').payload.url).toContain('/__emulator/media/');
  });

  it('resolves mpnews from a draft and mpnewsarticle from a publication', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA', lastMessageAt: p.state.now() });
    const thumb = await p.upload('/cgi-bin/material/add_material', mediaForm(file('t.jpg', 10)), {
      type: 'thumb',
    });
    const draft = await p.post('/cgi-bin/draft/add', {
      articles: [{ title: 'T', content: '<p>c</p>', thumb_media_id: thumb.json['media_id'] }],
    });
    expect(
      (await send(p, { touser: 'oA', msgtype: 'mpnews', mpnews: { media_id: draft.json['media_id'] } })).json[
        'errcode'
      ],
    ).toBe(0);
    expectError(await send(p, { touser: 'oA', msgtype: 'mpnews', mpnews: { media_id: 'nope' } }), 40007);
    expectError(
      await send(p, { touser: 'oA', msgtype: 'mpnewsarticle', mpnewsarticle: { article_id: 'nope' } }),
      53600,
    );
  });

  it('answers 45015 outside any window and for a fan who unfollowed', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oSilent' });
    expectError(await send(p, text('oSilent')), 45015);
    addFan(p.state, { openid: 'oOld', lastMessageAt: p.state.now() - 48 * 3600_000 });
    expectError(await send(p, text('oOld')), 45015);
    addFan(p.state, { openid: 'oGone', following: false, lastMessageAt: p.state.now() });
    expectError(await send(p, text('oGone')), 45015);
  });

  it('allows 5 messages after a fan message (45047 after), and 5 more after the next one', async () => {
    const p = createPlatform();
    const fan = addFan(p.state, { openid: 'oA', lastMessageAt: p.state.now() });
    for (let i = 0; i < 5; i += 1) expect((await send(p, text('oA'))).json['errcode']).toBe(0);
    expectError(await send(p, text('oA')), 45047);
    p.advance(10);
    fan.lastMessageAt = p.state.now();
    expect((await send(p, text('oA'))).json['errcode']).toBe(0);
  });

  it('allows 3 messages in the minute after a click, follow or scan', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA', lastEventAt: p.state.now() });
    for (let i = 0; i < 3; i += 1) expect((await send(p, text('oA'))).json['errcode']).toBe(0);
    expectError(await send(p, text('oA')), 45047);
    p.advance(60);
    expectError(await send(p, text('oA')), 45015);
  });

  it.each([
    ['an unknown openid', { ...text('oNobody') }, 40003],
    ['an unknown msgtype', { touser: 'oA', msgtype: 'sticker', sticker: {} }, 40008],
    ['a missing payload', { touser: 'oA', msgtype: 'text' }, 47001],
    ['empty text', text('oA', ''), 44004],
    [
      'two news articles',
      { touser: 'oA', msgtype: 'news', news: { articles: [{ title: 'a' }, { title: 'b' }] } },
      45008,
    ],
    ['an unknown media_id', { touser: 'oA', msgtype: 'image', image: { media_id: 'nope' } }, 40007],
  ])('answers %s with its code', async (_name, body, errcode) => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA', lastMessageAt: p.state.now() });
    expectError(await send(p, body), errcode);
  });
});

describe('message/custom/typing', () => {
  it('shows the typing indicator for 15 s within the window', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA', lastMessageAt: p.state.now() });
    addFan(p.state, { openid: 'oB' });
    const announced: [string, boolean][] = [];
    p.state.on('typing', (openid, typing) => announced.push([openid, typing]));
    expect(
      (await p.post('/cgi-bin/message/custom/typing', { touser: 'oA', command: 'Typing' })).json['errcode'],
    ).toBe(0);
    expect(isTyping(p.state, 'oA')).toBe(true);
    expect(announced).toEqual([['oA', true]]);
    p.advance(15);
    expect(isTyping(p.state, 'oA')).toBe(false);
    expectError(await p.post('/cgi-bin/message/custom/typing', { touser: 'oB', command: 'Typing' }), 45015);
    expectError(await p.post('/cgi-bin/message/custom/typing', { touser: 'oA', command: 'Dance' }), 40035);
  });

  it('ends with CancelTyping, and with the next customer-service message', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA', lastMessageAt: p.state.now() });
    const announced: [string, boolean][] = [];
    p.state.on('typing', (openid, typing) => announced.push([openid, typing]));
    await p.post('/cgi-bin/message/custom/typing', { touser: 'oA', command: 'Typing' });
    await p.post('/cgi-bin/message/custom/typing', { touser: 'oA', command: 'CancelTyping' });
    expect(isTyping(p.state, 'oA')).toBe(false);
    expect(announced).toEqual([
      ['oA', true],
      ['oA', false],
    ]);
    await p.post('/cgi-bin/message/custom/typing', { touser: 'oA', command: 'Typing' });
    expect(isTyping(p.state, 'oA')).toBe(true);
    await p.post('/cgi-bin/message/custom/send', {
      touser: 'oA',
      msgtype: 'text',
      text: { content: 'done' },
    });
    expect(isTyping(p.state, 'oA')).toBe(false);
  });
});
