import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WeChatClient } from '../../../src/api/client.js';
import type { CustomMessage } from '../../../src/api/types/message.js';
import { WeChatApiError } from '../../../src/errors.js';
import { BIG_ID, startFakeWithClient, type FakeWeChatApi } from '../../support/fake-wechat-api.js';

let fake: FakeWeChatApi;
let client: WeChatClient;

beforeEach(async () => {
  ({ fake, client } = await startFakeWithClient());
});
afterEach(() => fake.close());

const to = 'OPENID_1';
const everyMsgtype: CustomMessage[] = [
  { touser: to, msgtype: 'text', text: { content: 'Hello <a href="https://example.com">link</a>' } },
  { touser: to, msgtype: 'image', image: { media_id: 'M' } },
  { touser: to, msgtype: 'voice', voice: { media_id: 'M' } },
  {
    touser: to,
    msgtype: 'video',
    video: { media_id: 'M', thumb_media_id: 'T', title: 't', description: 'd' },
  },
  {
    touser: to,
    msgtype: 'music',
    music: { title: 't', musicurl: 'http://m', hqmusicurl: 'http://hq', thumb_media_id: 'T' },
  },
  { touser: to, msgtype: 'news', news: { articles: [{ title: 't', url: 'http://u', picurl: 'http://p' }] } },
  { touser: to, msgtype: 'mpnews', mpnews: { media_id: 'M' } },
  { touser: to, msgtype: 'mpnewsarticle', mpnewsarticle: { article_id: 'A' } },
  {
    touser: to,
    msgtype: 'msgmenu',
    msgmenu: { head_content: 'h', list: [{ id: '101', content: 'yes' }], tail_content: 't' },
  },
  { touser: to, msgtype: 'wxcard', wxcard: { card_id: 'C' } },
  {
    touser: to,
    msgtype: 'miniprogrampage',
    miniprogrampage: { title: 't', appid: 'wx1', pagepath: 'p', thumb_media_id: 'T' },
  },
  { touser: to, msgtype: 'text', text: { content: 'as kf' }, customservice: { kf_account: 'test1@kftest' } },
];

describe('customer service', () => {
  it.each(everyMsgtype.map((m) => [m.msgtype, m] as const))(
    'send delivers msgtype %s as documented',
    async (_type, message) => {
      await expect(client.customService.send(message)).resolves.toMatchObject({ errcode: 0 });
      expect(JSON.parse(fake.calls('customService.send')[0]!.body)).toEqual(message);
    },
  );

  it('sendText builds the text message', async () => {
    await client.customService.sendText(to, '你好');
    expect(JSON.parse(fake.calls('customService.send')[0]!.body)).toEqual({
      touser: to,
      msgtype: 'text',
      text: { content: '你好' },
    });
  });

  it('typing sends Typing and CancelTyping', async () => {
    await client.customService.typing(to);
    await client.customService.typing(to, false);
    expect(fake.calls('customService.typing').map((r) => JSON.parse(r.body) as unknown)).toEqual([
      { touser: to, command: 'Typing' },
      { touser: to, command: 'CancelTyping' },
    ]);
  });

  it.each([
    [45015, '48 hours'],
    [45047, '5 messages'],
  ])('reports %i with the window/quota explanation, without retrying', async (errcode, text) => {
    fake.fail('customService.send', { errcode });
    const err: unknown = await client.customService.sendText(to, 'late').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeChatApiError);
    expect((err as WeChatApiError).message).toContain(text);
    expect(fake.calls('customService.send')).toHaveLength(1);
  });
});

describe('template messages and subscription notifications', () => {
  it('template.send returns the 64-bit msgid as a string', async () => {
    const req = {
      touser: to,
      template_id: 'TPL_1',
      client_msg_id: 'k1',
      data: { thing1: { value: '已发货' } },
    };
    await expect(client.template.send(req)).resolves.toEqual({ errcode: 0, errmsg: 'ok', msgid: BIG_ID });
    expect(JSON.parse(fake.calls('template.send')[0]!.body)).toEqual(req);
  });

  it('template.list and template.delete', async () => {
    await expect(client.template.list()).resolves.toMatchObject({
      template_list: [{ template_id: 'TPL_1' }],
    });
    await client.template.delete('TPL_1');
    expect(JSON.parse(fake.calls('template.delete')[0]!.body)).toEqual({ template_id: 'TPL_1' });
  });

  it('subscribe.send posts to bizsend', async () => {
    const req = {
      touser: to,
      template_id: 'T',
      page: 'https://example.com',
      data: { thing1: { value: 'x' } },
    };
    await client.subscribe.send(req);
    expect(JSON.parse(fake.calls('subscribe.send')[0]!.body)).toEqual(req);
  });
});

describe('mass messages', () => {
  it('sendAll by tag returns exact 64-bit ids', async () => {
    const req = {
      filter: { is_to_all: false, tag_id: 2 },
      msgtype: 'mpnews' as const,
      mpnews: { media_id: 'M' },
      send_ignore_reprint: 0 as const,
    };
    await expect(client.mass.sendAll(req)).resolves.toMatchObject({
      msg_id: BIG_ID,
      msg_data_id: '2247483647',
    });
    expect(JSON.parse(fake.calls('mass.sendAll')[0]!.body)).toEqual(req);
  });

  it('send by openid list and preview', async () => {
    await expect(
      client.mass.send({ touser: ['O1', 'O2'], msgtype: 'text', text: { content: 'Hi' } }),
    ).resolves.toMatchObject({
      msg_id: '34182',
    });
    await client.mass.preview({ towxname: 'wechat_id', msgtype: 'image', images: { media_ids: ['M1'] } });
    expect(JSON.parse(fake.calls('mass.preview')[0]!.body)).toEqual({
      towxname: 'wechat_id',
      msgtype: 'image',
      images: { media_ids: ['M1'] },
    });
  });

  it('delete without article_idx deletes everything', async () => {
    await client.mass.delete('30124');
    expect(fake.calls('mass.delete')[0]!.body).toBe('{"msg_id":30124}');
  });

  it('status reads the job state with the id intact', async () => {
    await expect(client.mass.get(BIG_ID)).resolves.toEqual({ msg_id: BIG_ID, msg_status: 'SEND_SUCCESS' });
  });
});
