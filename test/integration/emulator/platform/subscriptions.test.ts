/**
 * Subscription notifications on the emulator's platform API (raw calls): the template library and the account's
 * templates (the newtmpl codes), and both sends, which need the fan's consent (43101 without).
 */
import { describe, expect, it } from 'vitest';
import { grantOneTime, setNotificationConsent } from '../../../../src/emulator/platform/subscribe-consent.js';
import { addFan, createPlatform, expectError } from './helpers.js';

const ONCE = 'wxmp_sub_order_paid'; // one-time: 金额 amount1, 时间 time2, 线路 thing3
const LONG = 'wxmp_sub_arrival'; // long-term: thing1, thing2, time3
const paid = { amount1: { value: '2.00元' }, time2: { value: '08:00' }, thing3: { value: '1路' } };

describe('subscription templates', () => {
  it('lists the categories, their public templates and keywords', async () => {
    const p = createPlatform();
    expect((await p.get('/wxaapi/newtmpl/getcategory')).json['data']).toEqual([
      { id: 616, name: '公交' },
      { id: 2, name: '快递业与邮政' },
    ]);
    const titles = await p.get('/wxaapi/newtmpl/getpubtemplatetitles', {
      ids: '616',
      start: '0',
      limit: '1',
    });
    expect(titles.json).toMatchObject({
      count: 2,
      data: [{ tid: 99, title: '付款成功通知', type: 2, categoryId: '616' }],
    });
    const keywords = await p.get('/wxaapi/newtmpl/getpubtemplatekeywords', { tid: '100' });
    expect(keywords.json['count']).toBe(3);
    expect((keywords.json['data'] as unknown[])[0]).toEqual({
      kid: 1,
      name: '线路',
      example: '1路',
      rule: 'thing',
    });
  });

  it('answers the newtmpl codes for bad queries', async () => {
    const p = createPlatform();
    expectError(await p.get('/wxaapi/newtmpl/getpubtemplatetitles', { start: '0', limit: '1' }), 200018);
    expectError(
      await p.get('/wxaapi/newtmpl/getpubtemplatetitles', { ids: 'x', start: '0', limit: '1' }),
      200019,
    );
    expectError(
      await p.get('/wxaapi/newtmpl/getpubtemplatetitles', { ids: '616', start: '-1', limit: '1' }),
      200016,
    );
    expectError(
      await p.get('/wxaapi/newtmpl/getpubtemplatetitles', { ids: '616', start: '0', limit: '31' }),
      200017,
    );
    expectError(await p.get('/wxaapi/newtmpl/getpubtemplatekeywords', { tid: '7' }), 200014);
  });

  it('adds, lists and deletes the account’s templates', async () => {
    const p = createPlatform();
    const added = await p.post('/wxaapi/newtmpl/addtemplate', {
      tid: '210',
      kidList: [1, 2],
      sceneDesc: '物流',
    });
    const id = String(added.json['priTmplId']);
    expect(id).toHaveLength(43);
    const list = (await p.get('/wxaapi/newtmpl/gettemplate')).json['data'] as {
      priTmplId: string;
      content: string;
    }[];
    expect(list.map((t) => t.priTmplId)).toEqual([ONCE, LONG, id]);
    expect(list[2]?.content).toBe('快递单号:{{character_string1.DATA}}\n物流状态:{{phrase2.DATA}}');
    expect((await p.post('/wxaapi/newtmpl/deltemplate', { priTmplId: id })).json['errcode']).toBe(0);
    expectError(await p.post('/wxaapi/newtmpl/deltemplate', { priTmplId: id }), 40037);
  });

  it('refuses an unknown tid (200014), bad keywords (200020) and a long scene description (200021)', async () => {
    const p = createPlatform();
    expectError(await p.post('/wxaapi/newtmpl/addtemplate', { tid: '7', kidList: [1, 2] }), 200014);
    expectError(await p.post('/wxaapi/newtmpl/addtemplate', { tid: '99', kidList: [1] }), 200020);
    expectError(await p.post('/wxaapi/newtmpl/addtemplate', { tid: '99', kidList: [1, 9] }), 200020);
    const long = { tid: '99', kidList: [1, 2], sceneDesc: '一二三四五六七八九十一二三四五六' };
    expectError(await p.post('/wxaapi/newtmpl/addtemplate', long), 200021);
  });
});

describe('subscribe/bizsend', () => {
  it('needs the fan’s consent (43101); a one-time accept allows one message, a long-term one many', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    const send = (template_id: string, data: object) =>
      p.post('/cgi-bin/message/subscribe/bizsend', { touser: 'oA', template_id, data });
    expectError(await send(ONCE, paid), 43101);
    setNotificationConsent(p.state, 'oA', ONCE, 'accept');
    expect((await send(ONCE, paid)).json).toEqual({ errcode: 0, errmsg: 'ok' });
    expectError(await send(ONCE, paid), 43101);
    setNotificationConsent(p.state, 'oA', LONG, 'accept');
    const arrival = { thing1: { value: '1路' }, thing2: { value: '体育中心' }, time3: { value: '08:05' } };
    for (let i = 0; i < 3; i += 1) expect((await send(LONG, arrival)).json['errcode']).toBe(0);
    setNotificationConsent(p.state, 'oA', LONG, 'reject');
    expectError(await send(LONG, arrival), 43101);
    expect(p.state.chats.get('oA')?.[0]).toMatchObject({
      msgType: 'subscribe',
      payload: { templateId: ONCE, content: 'amount1: 2.00元\ntime2: 08:00\nthing3: 1路' },
    });
  });

  it('pushes subscribe_msg_sent_event from the fan with a 64-bit MsgID', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    setNotificationConsent(p.state, 'oA', ONCE, 'accept');
    await p.post('/cgi-bin/message/subscribe/bizsend', { touser: 'oA', template_id: ONCE, data: paid });
    const { push, message } = await p.pushed('subscribe_msg_sent_event');
    expect(push.openid).toBe('oA');
    if (message.type !== 'event' || message.event !== 'subscribe_msg_sent_event')
      throw new Error('wrong event');
    expect(message.list).toHaveLength(1);
    expect(message.list[0]).toMatchObject({ templateId: ONCE, errorCode: '0', errorStatus: 'success' });
    expect(message.list[0]?.msgId).toMatch(/^\d{19}$/);
  });

  it('answers 40003 for an unknown fan, 40037 for an unknown template, 47003 for a missing field', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    const send = (body: object) => p.post('/cgi-bin/message/subscribe/bizsend', body);
    expectError(await send({ touser: 'oZ', template_id: ONCE, data: paid }), 40003);
    expectError(await send({ touser: 'oA', template_id: 'nope', data: paid }), 40037);
    expectError(await send({ touser: 'oA', template_id: ONCE, data: { amount1: { value: '2' } } }), 47003);
  });
});

describe('message/template/subscribe (one-time subscription message)', () => {
  const message = {
    touser: 'oA',
    template_id: 'T1',
    scene: '1000',
    title: '到货',
    data: { content: { value: '包裹到了' } },
  };

  it('sends one message per consent of the same template and scene (43101 otherwise)', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    expectError(await p.post('/cgi-bin/message/template/subscribe', message), 43101);
    grantOneTime(p.state, 'oA', 'T1', '999');
    expectError(await p.post('/cgi-bin/message/template/subscribe', message), 43101);
    grantOneTime(p.state, 'oA', 'T1', '1000');
    expect((await p.post('/cgi-bin/message/template/subscribe', message)).json['errcode']).toBe(0);
    expectError(await p.post('/cgi-bin/message/template/subscribe', message), 43101);
    expect(p.state.chats.get('oA')?.[0]).toMatchObject({ payload: { content: '到货\n包裹到了' } });
  });

  it('answers 47003 for a title over 15 characters and 40035 for a scene beyond 10000', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    grantOneTime(p.state, 'oA', 'T1', '1000');
    const longTitle = { ...message, title: '一二三四五六七八九十一二三四五六' };
    expectError(await p.post('/cgi-bin/message/template/subscribe', longTitle), 47003);
    expectError(await p.post('/cgi-bin/message/template/subscribe', { ...message, scene: '10001' }), 40035);
  });
});
