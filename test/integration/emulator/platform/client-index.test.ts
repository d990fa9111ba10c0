/**
 * The client methods added with the whole service-account index, against the emulator in process: each sends its
 * request the way its table row says (JSON, query, multipart, the 64-bit msg_data_id as an integer, the fields read
 * both ways) and gets the emulator's typed answer, or its WeChatApiError.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { WeChatClient } from '../../../../src/api/client.js';
import { addComment } from '../../../../src/emulator/platform/comment-store.js';
import { grantOneTime, setNotificationConsent } from '../../../../src/emulator/platform/subscribe-consent.js';
import { blockTemplateMessage } from '../../../../src/emulator/platform/template-blocked.js';
import {
  addFan,
  APPID,
  createPlatform,
  file,
  inProcessClient,
  mediaForm,
  publishArticles,
  refusedWith,
  type Platform,
} from './helpers.js';

let p: Platform;
let client: WeChatClient;
const bodies: string[] = [];
const urls: URL[] = [];

beforeEach(() => {
  p = createPlatform();
  bodies.length = 0;
  urls.length = 0;
  client = inProcessClient(p, {
    fetch: async (input, init) => {
      const request = new Request(input, init);
      urls.push(new URL(request.url));
      bodies.push(await request.clone().text());
      return p.app.fetch(request);
    },
  });
});

describe('client.comment', () => {
  it('opens, lists, elects, replies to and deletes comments; msg_data_id goes as a JSON integer', async () => {
    const msgDataId = await publishArticles(p, ['一'], 0);
    await client.comment.open(msgDataId);
    expect(bodies.at(-1)).toBe(`{"msg_data_id":${msgDataId},"index":0}`);
    addComment(p.state, 'oA', msgDataId, 0, '好文');
    await client.comment.markElect(msgDataId, 0, 1);
    await client.comment.addReply(msgDataId, 0, 1, '谢谢');
    const { total, comment } = await client.comment.list({
      msg_data_id: msgDataId,
      begin: 0,
      count: 10,
      type: 2,
    });
    expect(total).toBe(1);
    expect(comment[0]).toMatchObject({ content: '好文', comment_type: 1, reply: { content: '谢谢' } });
    expect(await refusedWith(client.comment.addReply(msgDataId, 0, 1, '再谢'))).toBe(88005);
    await client.comment.deleteReply(msgDataId, 0, 1);
    await client.comment.unmarkElect(msgDataId, 0, 1);
    await client.comment.delete(msgDataId, 0, 1);
    await client.comment.close(msgDataId);
    expect(await refusedWith(client.comment.delete(msgDataId, 0, 1))).toBe(88008);
    expect(await refusedWith(client.comment.open('1'))).toBe(88001);
  });

  it('refuses before sending a page of 50 and an empty reply', async () => {
    await expect(client.comment.list({ msg_data_id: '1', begin: 0, count: 50, type: 0 })).rejects.toThrow(
      /1 to 49/,
    );
    await expect(client.comment.addReply('1', 0, 1, '')).rejects.toThrow(/1 to 600/);
    expect(urls).toHaveLength(0);
  });
});

describe('client.subscribe', () => {
  it('reads the template library with the query the GET endpoints take', async () => {
    expect((await client.subscribe.getCategory()).data[0]).toEqual({ id: 616, name: '公交' });
    const titles = await client.subscribe.getPubTemplateTitles({ ids: '616,2', start: 0, limit: 30 });
    expect(urls.at(-1)?.searchParams.get('ids')).toBe('616,2');
    expect(titles.data.map((t) => t.tid)).toEqual([99, 100, 210]);
    expect((await client.subscribe.getPubTemplateKeywords('210')).data).toHaveLength(3);
    expect(await refusedWith(client.subscribe.getPubTemplateKeywords('7'))).toBe(200014);
  });

  it('adds, lists and deletes templates, and sends with consent (43101 without)', async () => {
    addFan(p.state, { openid: 'oA' });
    const { priTmplId } = await client.subscribe.addTemplate({
      tid: '210',
      kidList: [1, 2],
      sceneDesc: '物流',
    });
    expect((await client.subscribe.listTemplates()).data.map((t) => t.priTmplId)).toContain(priTmplId);
    const data = { character_string1: { value: 'SF1' }, phrase2: { value: '已签收' } };
    expect(await refusedWith(client.subscribe.send({ touser: 'oA', template_id: priTmplId, data }))).toBe(
      43101,
    );
    setNotificationConsent(p.state, 'oA', priTmplId, 'accept');
    await expect(
      client.subscribe.send({ touser: 'oA', template_id: priTmplId, data }),
    ).resolves.toMatchObject({
      errcode: 0,
    });
    await client.subscribe.deleteTemplate(priTmplId);
    expect(await refusedWith(client.subscribe.deleteTemplate(priTmplId))).toBe(40037);
    await expect(client.subscribe.addTemplate({ tid: '210', kidList: [1] })).rejects.toThrow(/2 to 5/);
  });

  it('builds the one-time consent URL and sends the message it allows', async () => {
    addFan(p.state, { openid: 'oA' });
    const url = client.subscribe.consentUrl({
      templateId: 'T1',
      scene: 1000,
      redirectUrl: 'https://e.x/sub',
      reserved: 'r1',
    });
    expect(url).toBe(
      `https://mp.weixin.qq.com/mp/subscribemsg?action=get_confirm&appid=${APPID}&scene=1000&template_id=T1` +
        '&redirect_url=https%3A%2F%2Fe.x%2Fsub&reserved=r1#wechat_redirect',
    );
    expect(() =>
      client.subscribe.consentUrl({ templateId: 'T1', scene: 10_001, redirectUrl: 'https://e.x/' }),
    ).toThrow(/0 to 10000/);
    const message = {
      touser: 'oA',
      template_id: 'T1',
      scene: '1000',
      title: '到货',
      data: { content: { value: '到了' } },
    };
    expect(await refusedWith(client.subscribe.sendOneTime(message))).toBe(43101);
    grantOneTime(p.state, 'oA', 'T1', '1000');
    await expect(client.subscribe.sendOneTime(message)).resolves.toMatchObject({ errcode: 0 });
  });
});

describe('client.shortKey, client.autoReply, client.template.queryBlocked', () => {
  it('round-trips a short key and refuses 4 KB and more before sending', async () => {
    const { short_key } = await client.shortKey.generate('{"order":42}', 60);
    expect((await client.shortKey.fetch(short_key)).long_data).toBe('{"order":42}');
    expect(await refusedWith(client.shortKey.fetch('nope'))).toBe(9410012);
    await expect(client.shortKey.generate('x'.repeat(4097))).rejects.toThrow(/1 to 4096 bytes/);
  });

  it('reads the console’s automatic replies and the blocked template messages', async () => {
    expect(await client.autoReply.getCurrent()).toEqual({
      is_add_friend_reply_open: 0,
      is_autoreply_open: 0,
    });
    blockTemplateMessage(p.state, 'wxmp_tpl_order_shipped', 'oA');
    const { msginfo } = await client.template.queryBlocked({
      tmpl_msg_id: 'wxmp_tpl_order_shipped',
      largest_id: 0,
      limit: 10,
    });
    expect(msginfo).toEqual([expect.objectContaining({ openid: 'oA' })]);
    expect(
      await refusedWith(client.template.queryBlocked({ tmpl_msg_id: 'x', largest_id: 0, limit: 10 })),
    ).toBe(40037);
  });
});

describe('client.mass, client.misc, client.user additions', () => {
  it('reads and sets the mass speed, and turns a video into a mass video', async () => {
    await client.mass.setSpeed(2);
    expect(await client.mass.getSpeed()).toEqual({ speed: 2, realspeed: 45 });
    await expect(client.mass.setSpeed(7 as 0)).rejects.toThrow(/0 to 4/);
    const video = await p.upload('/cgi-bin/media/upload', mediaForm(file('v.mp4', 100)), { type: 'video' });
    const made = await client.mass.uploadVideo({
      media_id: String(video.json['media_id']),
      title: 't',
      description: 'd',
    });
    expect(made.type).toBe('video');
    expect(
      await refusedWith(client.mass.uploadVideo({ media_id: 'nope', title: 't', description: 'd' })),
    ).toBe(40007);
  });

  it('clears one path’s quota and converts openids', async () => {
    await client.misc.quotaClear('/cgi-bin/menu/get');
    expect(await refusedWith(client.misc.quotaClear('/cgi-bin/nope'))).toBe(76021);
    const { result_list } = await client.user.changeOpenid('wx0000000000000001', [
      'oOLDopenid000000000000000001',
    ]);
    expect(result_list[0]?.err_msg).toBe('ok');
    expect(await refusedWith(client.user.changeOpenid(APPID, ['oOLDopenid000000000000000001']))).toBe(63178);
  });
});

describe('client.ocr and client.img', () => {
  const img = { data: new Uint8Array([0xff, 0xd8, 0xff]), filename: 'card.jpg' };
  it('sends the picture as the multipart field img, or its URL in the query', async () => {
    const front = await client.ocr.idCard({ img }, 'photo');
    expect(front.type).toBe('Front');
    expect(urls.at(-1)?.searchParams.get('type')).toBe('photo');
    expect(bodies.at(-1)).toContain('name="img"; filename="card.jpg"');
    expect((await client.ocr.bankCard({ img_url: 'https://e.x/c.jpg' })).number).toMatch(/^\d{16,19}$/);
    expect(urls.at(-1)?.searchParams.get('img_url')).toBe('https://e.x/c.jpg');
    for (const read of [
      client.ocr.driving,
      client.ocr.drivingLicense,
      client.ocr.bizLicense,
      client.ocr.comm,
      client.ocr.menu,
    ])
      await expect(read({ img })).resolves.toMatchObject({ errcode: 0 });
    expect((await client.img.aiCrop({ img }, '1,0.5')).results).toHaveLength(1);
    expect((await client.img.qrcode({ img })).code_results[0]?.type_name).toBe('QR_CODE');
    expect(
      await refusedWith(client.ocr.comm({ img: { data: new Uint8Array([1]), filename: 'a.txt' } })),
    ).toBe(101002);
  });
});

describe('the endpoints read both ways, on the wire', () => {
  it('sends kf_account of kfaccount/del in the query and in the body', async () => {
    await p.post('/customservice/kfaccount/add', { kf_account: 'a1@wx', nickname: '客服' });
    await client.customService.deleteAccount('a1@wx');
    expect(urls.at(-1)?.searchParams.get('kf_account')).toBe('a1@wx');
    expect(JSON.parse(bodies.at(-1)!)).toEqual({ kf_account: 'a1@wx' });
  });

  it('sends appid and appsecret of clear_quota/v2 in the query and in the body', async () => {
    await client.misc.clearQuotaV2();
    expect(urls.at(-1)?.searchParams.get('appid')).toBe(APPID);
    expect(Object.keys(JSON.parse(bodies.at(-1)!) as object).sort()).toEqual(['appid', 'appsecret']);
    expect(urls.at(-1)?.searchParams.has('appsecret')).toBe(true);
  });
});
