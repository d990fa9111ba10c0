import { describe, expect, it } from 'vitest';
import { entryOf } from '../support.js';
import { addFan, createPlatform, expectError, file, mediaForm } from './helpers.js';

type P = ReturnType<typeof createPlatform>;
const textAll = { filter: { is_to_all: true }, msgtype: 'text', text: { content: '大家好' } };

function fans(p: P) {
  addFan(p.state, { openid: 'oA', tagIds: [100] });
  addFan(p.state, { openid: 'oB' });
  addFan(p.state, { openid: 'oBlocked', blacklisted: true });
  addFan(p.state, { openid: 'oGone', following: false, tagIds: [100] });
  p.state.tags.set(100, { id: 100, name: 'vip' });
}

describe('mass messages', () => {
  it('sends to everyone: chats of following, non-blacklisted fans, then one MASSSENDJOBFINISH from mphelper', async () => {
    const p = createPlatform();
    fans(p);
    const res = await p.post('/cgi-bin/message/mass/sendall', textAll);
    expect(res.json).toMatchObject({ errcode: 0, errmsg: 'send job submission success' });
    expect(res.text).toMatch(/"msg_id":\d+/);
    expect(p.state.chats.get('oA')?.[0]).toMatchObject({ via: 'mass', msgType: 'text' });
    expect(p.state.chats.get('oBlocked')).toBeUndefined();
    expect(p.state.chats.get('oGone')).toBeUndefined();

    const { push, message } = await p.pushed('MASSSENDJOBFINISH');
    expect(push.openid).toBe('mphelper');
    expect(message).toMatchObject({
      event: 'MASSSENDJOBFINISH',
      fromUserName: 'mphelper',
      msgId: String(res.json['msg_id']),
      status: 'send success',
      totalCount: 3,
      filterCount: 2,
      sentCount: 2,
      errorCount: 0,
    });
    expect(p.pushes.filter((x) => x.kind === 'event.MASSSENDJOBFINISH')).toHaveLength(1);
    expect((await p.post('/cgi-bin/message/mass/get', { msg_id: res.json['msg_id'] })).json).toEqual({
      msg_id: res.json['msg_id'],
      msg_status: 'SEND_SUCCESS',
    });
  });

  it('sends to a tag, or to a list of 2–10 000 openids', async () => {
    const p = createPlatform();
    fans(p);
    await p.post('/cgi-bin/message/mass/sendall', { ...textAll, filter: { is_to_all: false, tag_id: 100 } });
    expect(p.state.chats.get('oA')).toHaveLength(1);
    expect(p.state.chats.get('oB')).toBeUndefined();
    expectError(
      await p.post('/cgi-bin/message/mass/sendall', {
        ...textAll,
        filter: { is_to_all: false, tag_id: 999 },
      }),
      40050,
    );

    const list = { touser: ['oB', 'oNobody'], msgtype: 'text', text: { content: 'x' } };
    expect((await p.post('/cgi-bin/message/mass/send', list)).json['errcode']).toBe(0);
    expect(p.state.chats.get('oB')).toHaveLength(1);
    expectError(await p.post('/cgi-bin/message/mass/send', { ...list, touser: ['oB'] }), 40130);
  });

  it('sends mpnews from a draft, deletes it (status DELETE), and refuses a reused clientmsgid (45065)', async () => {
    const p = createPlatform();
    fans(p);
    const thumb = await p.upload('/cgi-bin/material/add_material', mediaForm(file('t.jpg', 10)), {
      type: 'thumb',
    });
    const draft = await p.post('/cgi-bin/draft/add', {
      articles: [{ title: 'T', content: '<p>c</p>', thumb_media_id: thumb.json['media_id'] }],
    });
    const body = {
      filter: { is_to_all: true },
      msgtype: 'mpnews',
      mpnews: { media_id: draft.json['media_id'] },
      clientmsgid: 'c-1',
    };
    const sent = await p.post('/cgi-bin/message/mass/sendall', body);
    expect(sent.json['msg_data_id']).toEqual(expect.any(Number));
    expect(entryOf(p.state.chats.get('oA')?.[0], 'mpnews').payload.articles).toHaveLength(1);
    const dup = await p.post('/cgi-bin/message/mass/sendall', body);
    expectError(dup, 45065);
    expect(dup.json['msg_id']).toBe(String(sent.json['msg_id']));
    expectError(
      await p.post('/cgi-bin/message/mass/delete', { msg_id: sent.json['msg_id'], article_idx: 2 }),
      40060,
    );
    expect(
      (await p.post('/cgi-bin/message/mass/delete', { msg_id: sent.json['msg_id'] })).json['errcode'],
    ).toBe(0);
    expect(
      (await p.post('/cgi-bin/message/mass/get', { msg_id: sent.json['msg_id'] })).json['msg_status'],
    ).toBe('DELETE');
    expectError(await p.post('/cgi-bin/message/mass/get', { msg_id: 1 }), 40035);
    expectError(
      await p.post('/cgi-bin/message/mass/sendall', {
        ...body,
        clientmsgid: 'c-2',
        mpnews: { media_id: 'x' },
      }),
      40007,
    );
  });

  it('previews to one fan by openid or WeChat id, without a job-finish push', async () => {
    const p = createPlatform();
    fans(p);
    const res = await p.post('/cgi-bin/message/mass/preview', {
      touser: 'oB',
      msgtype: 'text',
      text: { content: 'p' },
    });
    expect(res.json).toMatchObject({ errcode: 0, errmsg: 'preview success' });
    expect(p.state.chats.get('oB')?.[0]?.preview).toBe(true);
    expect(
      (
        await p.post('/cgi-bin/message/mass/preview', {
          towxname: 'oA',
          msgtype: 'text',
          text: { content: 'p' },
        })
      ).json['errcode'],
    ).toBe(0);
    expectError(
      await p.post('/cgi-bin/message/mass/preview', {
        towxname: 'nobody',
        msgtype: 'text',
        text: { content: 'p' },
      }),
      40132,
    );
    expectError(
      await p.post('/cgi-bin/message/mass/preview', {
        touser: 'oGone',
        msgtype: 'text',
        text: { content: 'p' },
      }),
      43004,
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(p.pushes).toEqual([]);
  });

  it('answers an unknown msgtype with 40008 and counts sendall against its 100-a-day quota', async () => {
    const p = createPlatform();
    fans(p);
    expectError(
      await p.post('/cgi-bin/message/mass/sendall', { filter: { is_to_all: true }, msgtype: 'gif', gif: {} }),
      40008,
    );
    for (let i = 1; i < 100; i += 1) await p.post('/cgi-bin/message/mass/sendall', textAll);
    expectError(await p.post('/cgi-bin/message/mass/sendall', textAll), 45009);
  });
});
