import { describe, expect, it } from 'vitest';
import { entryOf } from '../support.js';
import { addFan, createPlatform, expectError } from './helpers.js';

const TPL = 'wxmp_tpl_order_shipped';
const data = {
  character_string1: { value: 'A001' },
  thing2: { value: '键盘' },
  time3: { value: '2024-06-01 12:00' },
};

describe('template messages', () => {
  it('lists and deletes the account templates', async () => {
    const p = createPlatform();
    const list = (await p.get('/cgi-bin/template/get_all_private_template')).json['template_list'] as {
      template_id: string;
    }[];
    expect(list.map((t) => t.template_id)).toContain(TPL);
    expect(
      (await p.post('/cgi-bin/template/del_private_template', { template_id: TPL })).json['errcode'],
    ).toBe(0);
    expectError(await p.post('/cgi-bin/template/del_private_template', { template_id: TPL }), 40037);
  });

  it('sends: a 64-bit msgid as a bare integer, the rendered message in the chat, then TEMPLATESENDJOBFINISH', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    const res = await p.post('/cgi-bin/message/template/send', {
      touser: 'oA',
      template_id: TPL,
      url: 'https://e.x/o',
      data,
    });
    const msgid = /"msgid":(\d+)/.exec(res.text)?.[1];
    expect(msgid).toMatch(/^\d{19}$/);
    expect(BigInt(msgid!) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    const entry = p.state.chats.get('oA')?.[0];
    expect(entry).toMatchObject({ via: 'template', msgType: 'template', direction: 'out' });
    expect(entryOf(entry, 'template').payload.content).toBe(
      '订单编号：A001\n商品名称：键盘\n发货时间：2024-06-01 12:00',
    );

    const { push, message } = await p.pushed('TEMPLATESENDJOBFINISH');
    expect(push.openid).toBe('oA');
    expect(message).toMatchObject({
      type: 'event',
      event: 'TEMPLATESENDJOBFINISH',
      msgId: msgid,
      status: 'success',
      fromUserName: 'oA',
    });
    expect(message.toUserName).toBe(p.state.account.ghId);
  });

  it('reports failed:user block for a blacklisted fan and shows nothing', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA', blacklisted: true });
    expect(
      (await p.post('/cgi-bin/message/template/send', { touser: 'oA', template_id: TPL, data })).json[
        'errcode'
      ],
    ).toBe(0);
    const { message } = await p.pushed('TEMPLATESENDJOBFINISH');
    expect(message).toMatchObject({ status: 'failed:user block' });
    expect(p.state.chats.get('oA')).toBeUndefined();
  });

  it('returns the first msgid for a resend with the same client_msg_id within 10 minutes', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    const body = { touser: 'oA', template_id: TPL, client_msg_id: 'order-A001', data };
    const first = await p.post('/cgi-bin/message/template/send', body);
    const again = await p.post('/cgi-bin/message/template/send', body);
    expect(again.text).toBe(first.text);
    expect(p.state.chats.get('oA')).toHaveLength(1);
    p.advance(600);
    const later = await p.post('/cgi-bin/message/template/send', body);
    expect(later.text).not.toBe(first.text);
  });

  it.each([
    ['a fan who does not follow', { touser: 'oGone', template_id: TPL, data }, 43004],
    ['an unknown openid', { touser: 'oNobody', template_id: TPL, data }, 40003],
    ['an unknown template', { touser: 'oA', template_id: 'nope', data }, 40037],
    ['no data', { touser: 'oA', template_id: TPL }, 47001],
  ])('answers %s with its code', async (_name, body, errcode) => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    addFan(p.state, { openid: 'oGone', following: false });
    expectError(await p.post('/cgi-bin/message/template/send', body), errcode);
  });
});

describe('template industries and library templates', () => {
  const templateIds = async (p: ReturnType<typeof createPlatform>) =>
    (
      (await p.get('/cgi-bin/template/get_all_private_template')).json['template_list'] as {
        template_id: string;
      }[]
    ).map((t) => t.template_id);

  it('answers the industries of a fresh account, which match its default templates', async () => {
    const p = createPlatform();
    expect((await p.get('/cgi-bin/template/get_industry')).json).toEqual({
      primary_industry: { first_class: 'IT科技', second_class: '互联网|电子商务' },
      secondary_industry: { first_class: '医药护理', second_class: '医药医疗' },
    });
  });

  it('sets the industries by code and deletes the templates of the industry left behind', async () => {
    const p = createPlatform();
    const res = await p.post('/cgi-bin/template/api_set_industry', { industry_id1: '1', industry_id2: '13' });
    expect(res.json['errcode']).toBe(0);
    expect((await p.get('/cgi-bin/template/get_industry')).json['secondary_industry']).toEqual({
      first_class: '运输与仓储',
      second_class: '快递',
    });
    expect(await templateIds(p)).toEqual([TPL]);
  });

  it.each([['0'], ['42'], ['IT'], [undefined]])('answers 40102 for industry code %s', async (code) => {
    const p = createPlatform();
    expectError(
      await p.post('/cgi-bin/template/api_set_industry', { industry_id1: '1', industry_id2: code }),
      40102,
    );
  });

  it('adds a category template with the keywords in order, listed and usable with template/send', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    const res = await p.post('/cgi-bin/template/api_add_template', {
      template_id_short: '47123',
      keyword_name_list: ['金额', '时间'],
    });
    const templateId = String(res.json['template_id']);
    expect(templateId).toMatch(/^[\w-]{43}$/);
    const list = (await p.get('/cgi-bin/template/get_all_private_template')).json['template_list'];
    expect(list).toContainEqual({
      template_id: templateId,
      title: '交易提醒',
      primary_industry: 'IT科技',
      deputy_industry: '互联网|电子商务',
      content: '金额：{{amount1.DATA}}\n时间：{{time2.DATA}}',
      example: '',
    });
    await p.post('/cgi-bin/message/template/send', {
      touser: 'oA',
      template_id: templateId,
      data: { amount1: { value: '9.90元' }, time2: { value: '12:00' } },
    });
    expect(entryOf(p.state.chats.get('oA')?.[0], 'template').payload.content).toBe(
      '金额：9.90元\n时间：12:00',
    );
  });

  it('adds an industry template as the library has it', async () => {
    const p = createPlatform();
    const res = await p.post('/cgi-bin/template/api_add_template', { template_id_short: 'TM00001' });
    expect(await templateIds(p)).toContain(res.json['template_id']);
  });

  it.each([
    ['an unknown library template', { template_id_short: 'TM99999' }, 40037],
    ['a category template without keywords', { template_id_short: '47123', keyword_name_list: [] }, 40246],
    ['a keyword outside the template', { template_id_short: '47123', keyword_name_list: ['天气'] }, 40246],
  ])('answers %s with its code', async (_name, body, errcode) => {
    const p = createPlatform();
    expectError(await p.post('/cgi-bin/template/api_add_template', body), errcode);
  });

  it('answers 45026 past 25 templates', async () => {
    const p = createPlatform();
    for (let i = 2; i < 25; i++)
      await p.post('/cgi-bin/template/api_add_template', { template_id_short: 'TM00001' });
    expect(await templateIds(p)).toHaveLength(25);
    expectError(await p.post('/cgi-bin/template/api_add_template', { template_id_short: 'TM00001' }), 45026);
  });
});
