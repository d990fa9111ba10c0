import { describe, expect, it } from 'vitest';
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
    expect(entry?.payload['content']).toBe('订单编号：A001\n商品名称：键盘\n发货时间：2024-06-01 12:00');

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

describe('subscription notifications', () => {
  it('delivers bizsend to the fan chat', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    const res = await p.post('/cgi-bin/message/subscribe/bizsend', {
      touser: 'oA',
      template_id: 'T',
      data: { thing1: { value: 'x' } },
    });
    expect(res.json['errcode']).toBe(0);
    expect(p.state.chats.get('oA')?.[0]).toMatchObject({
      msgType: 'subscribe',
      payload: { content: 'thing1: x' },
    });
    expectError(
      await p.post('/cgi-bin/message/subscribe/bizsend', { touser: 'oZ', template_id: 'T', data: {} }),
      40003,
    );
  });
});
