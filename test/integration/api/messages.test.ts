import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WeChatClient } from '../../../src/api/client.js';
import type { CustomMessage } from '../../../src/api/types/message.js';
import { WeChatApiError } from '../../../src/errors.js';
import { startEmulatedClient } from '../../support/emulated-client.js';
import type { EmulatedWeChat } from '../../support/emulated-wechat.js';

let wechat: EmulatedWeChat;
let client: WeChatClient;

beforeEach(() => {
  ({ wechat, client } = startEmulatedClient());
});
afterEach(() => wechat.close());

const to = 'OPENID_1';
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
const BIG_ID = '6054768590064713728'; // > 2^53, from the reference vectors

/** The fan writes to the account: the 48-hour customer-service window opens. */
const fanWrites = () => wechat.emulator.fans.text(to, 'hello');

/** A news draft with a permanent cover; resolves its media_id. */
async function newsDraft(): Promise<string> {
  const thumb = await client.material.add('thumb', { data: JPEG, filename: 'cover.jpg' });
  const draft = { title: 't', content: '<p>c</p>', thumb_media_id: thumb.media_id };
  return (await client.draft.add([draft])).media_id;
}

/** Uploads temporary media; resolves its id (a thumb's comes as `thumb_media_id`). */
async function upload(type: 'image' | 'voice' | 'video' | 'thumb', filename: string): Promise<string> {
  const res = await client.media.upload(type, { data: JPEG, filename });
  return 'thumb_media_id' in res ? String(res.thumb_media_id) : res.media_id;
}

/** Publishes a news draft; resolves the article_id once the job is done. */
async function publishedArticle(): Promise<string> {
  const { publish_id } = await client.publish.submit(await newsDraft());
  return vi.waitFor(
    async () => {
      const { article_id } = await client.publish.get(publish_id);
      if (article_id === undefined) throw new Error('still publishing');
      return article_id;
    },
    { interval: 5 },
  );
}

/** Each msgtype's message, with the media, draft or article it refers to created first. */
const everyMsgtype: [string, () => CustomMessage | Promise<CustomMessage>][] = [
  [
    'text',
    () => ({
      touser: to,
      msgtype: 'text',
      text: { content: 'Hello <a href="https://example.com">link</a>' },
    }),
  ],
  [
    'image',
    async () => ({ touser: to, msgtype: 'image', image: { media_id: await upload('image', 'a.jpg') } }),
  ],
  [
    'voice',
    async () => ({ touser: to, msgtype: 'voice', voice: { media_id: await upload('voice', 'a.mp3') } }),
  ],
  [
    'video',
    async () => ({
      touser: to,
      msgtype: 'video',
      video: {
        media_id: await upload('video', 'a.mp4'),
        thumb_media_id: await upload('thumb', 'a.jpg'),
        title: 't',
        description: 'd',
      },
    }),
  ],
  [
    'music',
    async () => ({
      touser: to,
      msgtype: 'music',
      music: {
        title: 't',
        musicurl: 'http://m',
        hqmusicurl: 'http://hq',
        thumb_media_id: await upload('thumb', 'a.jpg'),
      },
    }),
  ],
  [
    'news',
    () => ({
      touser: to,
      msgtype: 'news',
      news: { articles: [{ title: 't', url: 'http://u', picurl: 'http://p' }] },
    }),
  ],
  ['mpnews', async () => ({ touser: to, msgtype: 'mpnews', mpnews: { media_id: await newsDraft() } })],
  [
    'mpnewsarticle',
    async () => ({
      touser: to,
      msgtype: 'mpnewsarticle',
      mpnewsarticle: { article_id: await publishedArticle() },
    }),
  ],
  [
    'msgmenu',
    () => ({
      touser: to,
      msgtype: 'msgmenu',
      msgmenu: { head_content: 'h', list: [{ id: '101', content: 'yes' }], tail_content: 't' },
    }),
  ],
  ['wxcard', () => ({ touser: to, msgtype: 'wxcard', wxcard: { card_id: 'C' } })],
  [
    'miniprogrampage',
    async () => ({
      touser: to,
      msgtype: 'miniprogrampage',
      miniprogrampage: {
        title: 't',
        appid: 'wx1',
        pagepath: 'p',
        thumb_media_id: await upload('thumb', 'a.jpg'),
      },
    }),
  ],
  [
    'text (as a kf account)',
    () => ({
      touser: to,
      msgtype: 'text',
      text: { content: 'as kf' },
      customservice: { kf_account: 'test1@kftest' },
    }),
  ],
];

describe('customer service', () => {
  it.each(everyMsgtype)('send delivers msgtype %s as documented', async (_type, messageOf) => {
    const message = await messageOf();
    await fanWrites();
    await expect(client.customService.send(message)).resolves.toMatchObject({ errcode: 0 });
    expect(wechat.requestsOf('customService.send')[0]!.json).toEqual(message);
    expect(wechat.state.chats.get(to)?.at(-1)).toMatchObject({
      via: 'customer-service',
      msgType: message.msgtype,
    });
  });

  it('sendText builds the text message', async () => {
    await fanWrites();
    await client.customService.sendText(to, '你好');
    expect(wechat.requestsOf('customService.send')[0]!.json).toEqual({
      touser: to,
      msgtype: 'text',
      text: { content: '你好' },
    });
  });

  it('typing sends Typing and CancelTyping', async () => {
    await fanWrites();
    await client.customService.typing(to);
    await client.customService.typing(to, false);
    expect(wechat.requestsOf('customService.typing').map((r) => r.json)).toEqual([
      { touser: to, command: 'Typing' },
      { touser: to, command: 'CancelTyping' },
    ]);
  });

  it.each([
    [45015, '48 hours', 0], // the fan never wrote: no window
    [45047, '5 messages', 5], // the window's 5 messages are used up
  ])('reports %i with the window/quota explanation, without retrying', async (errcode, text, sent) => {
    if (sent > 0) await fanWrites();
    for (let i = 0; i < sent; i++) await client.customService.sendText(to, `message ${i}`);
    const err: unknown = await client.customService.sendText(to, 'late').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err).toMatchObject({ errcode });
    expect((err as WeChatApiError).message).toContain(text);
    expect(await wechat.calls('customService.send')).toBe(sent + 1);
  });
});

describe('template messages and subscription notifications', () => {
  it('template.send returns the 64-bit msgid as a string', async () => {
    const [template] = (await client.template.list()).template_list;
    const req = {
      touser: to,
      template_id: template!.template_id,
      client_msg_id: 'k1',
      data: { thing1: { value: '已发货' } },
    };
    const answer = await client.template.send(req);
    expect(answer).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.stringMatching(/^\d{19}$/) as string });
    expect(wechat.requestsOf('template.send')[0]!.answerText).toContain(`"msgid":${answer.msgid}`);
    expect(wechat.requestsOf('template.send')[0]!.json).toEqual(req);
  });

  it('template.list and template.delete', async () => {
    const { template_list: before } = await client.template.list();
    expect(before).toEqual(
      expect.arrayContaining([expect.objectContaining({ template_id: 'wxmp_tpl_order_shipped' })]),
    );
    await client.template.delete('wxmp_tpl_order_shipped');
    expect(wechat.requestsOf('template.delete')[0]!.json).toEqual({ template_id: 'wxmp_tpl_order_shipped' });
    const { template_list: after } = await client.template.list();
    expect(after.map((t) => t.template_id)).toEqual(
      before.map((t) => t.template_id).filter((id) => id !== 'wxmp_tpl_order_shipped'),
    );
  });

  it('subscribe.send posts to bizsend (once the fan has accepted the template)', async () => {
    const req = {
      touser: to,
      template_id: 'wxmp_sub_order_paid', // the emulated account's one-time template: 金额, 时间, 线路
      page: 'https://example.com',
      data: { amount1: { value: '2.00元' }, time2: { value: '08:00' }, thing3: { value: '1路' } },
    };
    await wechat.emulator.fans.subscribePopup(to, [{ templateId: req.template_id, accept: true }], 1);
    await client.subscribe.send(req);
    expect(wechat.requestsOf('subscribe.send')[0]!.json).toEqual(req);
  });
});

describe('mass messages', () => {
  it('sendAll by tag returns the ids as strings', async () => {
    const { tag } = await client.tag.create('VIP');
    const req = {
      filter: { is_to_all: false, tag_id: tag.id },
      msgtype: 'mpnews' as const,
      mpnews: { media_id: await newsDraft() },
      send_ignore_reprint: 0 as const,
    };
    const answer = await client.mass.sendAll(req);
    expect(answer).toMatchObject({
      msg_id: expect.stringMatching(/^\d+$/) as string,
      msg_data_id: expect.stringMatching(/^\d+$/) as string,
    });
    // Both came as bare JSON integers; the client hands back the very digits.
    const { answerText } = wechat.requestsOf('mass.sendAll')[0]!;
    expect(answerText).toContain(`"msg_id":${answer.msg_id}`);
    expect(answerText).toContain(`"msg_data_id":${answer.msg_data_id!}`);
    expect(wechat.requestsOf('mass.sendAll')[0]!.json).toEqual(req);
  });

  it('send by openid list and preview', async () => {
    await expect(
      client.mass.send({ touser: ['OPENID_1', 'OPENID_2'], msgtype: 'text', text: { content: 'Hi' } }),
    ).resolves.toMatchObject({ msg_id: expect.stringMatching(/^\d+$/) as string });
    const { media_id: image } = await client.media.upload('image', { data: JPEG, filename: 'a.jpg' });
    const nickname = wechat.state.fans.get('OPENID_2')!.nickname; // a fan's WeChat id, on the emulator
    await client.mass.preview({ towxname: nickname, msgtype: 'image', images: { media_ids: [image] } });
    expect(wechat.requestsOf('mass.preview')[0]!.json).toEqual({
      towxname: nickname,
      msgtype: 'image',
      images: { media_ids: [image] },
    });
  });

  it('delete without article_idx deletes everything', async () => {
    await client.mass.delete(BIG_ID).catch(() => undefined); // no such job here (40035): the request is the point
    expect(wechat.requestsOf('mass.delete')[0]!.body).toBe(`{"msg_id":${BIG_ID}}`);
    const { tag } = await client.tag.create('VIP');
    const { msg_id } = await client.mass.sendAll({
      filter: { is_to_all: false, tag_id: tag.id },
      msgtype: 'mpnews',
      mpnews: { media_id: await newsDraft() },
      send_ignore_reprint: 0,
    });
    await client.mass.delete(msg_id);
    await expect(client.mass.get(msg_id)).resolves.toEqual({ msg_id, msg_status: 'DELETE' });
  });

  it('status reads the job state with the id intact', async () => {
    const { msg_id } = await client.mass.send({
      touser: ['OPENID_1', 'OPENID_2'],
      msgtype: 'text',
      text: { content: 'Hi' },
    });
    await vi.waitFor(async () => {
      await expect(client.mass.get(msg_id)).resolves.toEqual({ msg_id, msg_status: 'SEND_SUCCESS' });
    });
  });
});
