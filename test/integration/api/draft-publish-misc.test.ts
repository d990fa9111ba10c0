import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WeChatClient } from '../../../src/api/client.js';
import {
  BIG_ID,
  FAKE_APPID,
  FAKE_SECRET,
  startFakeWithClient,
  type FakeWeChatApi,
} from '../../support/fake-wechat-api.js';

let fake: FakeWeChatApi;
let client: WeChatClient;

beforeEach(async () => {
  ({ fake, client } = await startFakeWithClient());
});
afterEach(() => fake.close());

const article = { title: '标题', author: '作者', content: '<p>正文</p>', thumb_media_id: 'THUMB' };

describe('drafts', () => {
  it('add, get, update, count, batchGet and delete', async () => {
    const { media_id } = await client.draft.add([article]);
    expect(JSON.parse(fake.calls('draft.add')[0]!.body)).toEqual({ articles: [article] });
    await expect(client.draft.get(media_id)).resolves.toEqual({ news_item: [article] });
    await client.draft.update(media_id, 0, { ...article, title: '新标题' });
    expect(JSON.parse(fake.calls('draft.update')[0]!.body)).toEqual({
      media_id,
      index: 0,
      articles: { ...article, title: '新标题' },
    });
    await expect(client.draft.count()).resolves.toEqual({ total_count: 1 });
    const page = await client.draft.batchGet({ offset: 0, count: 20, no_content: 1 });
    expect(page.item[0]).toMatchObject({ media_id, content: { news_item: [{ title: '新标题' }] } });
    expect(JSON.parse(fake.calls('draft.batchGet')[0]!.body)).toEqual({
      offset: 0,
      count: 20,
      no_content: 1,
    });
    await client.draft.delete(media_id);
    await expect(client.draft.count()).resolves.toEqual({ total_count: 0 });
  });
});

describe('free publishing', () => {
  it('submit and status keep the 64-bit publish_id exact', async () => {
    await expect(client.publish.submit('DRAFT_1')).resolves.toMatchObject({
      publish_id: BIG_ID,
      msg_data_id: '2247483647',
    });
    await expect(client.publish.get(BIG_ID)).resolves.toMatchObject({
      publish_id: BIG_ID,
      publish_status: 0,
      article_id: 'ARTICLE_1',
    });
  });

  it('delete, getArticle and batchGet', async () => {
    await client.publish.delete('ARTICLE_1', 1);
    await client.publish.delete('ARTICLE_1');
    expect(fake.calls('publish.delete').map((r) => JSON.parse(r.body) as unknown)).toEqual([
      { article_id: 'ARTICLE_1', index: 1 },
      { article_id: 'ARTICLE_1' },
    ]);
    await expect(client.publish.getArticle('ARTICLE_1')).resolves.toMatchObject({
      news_item: [{ is_deleted: false }],
    });
    await expect(client.publish.batchGet({ offset: 0, count: 10 })).resolves.toMatchObject({
      item: [{ article_id: 'ARTICLE_1' }],
    });
  });
});

describe('misc', () => {
  it('callbackIp and apiDomainIp', async () => {
    await expect(client.misc.callbackIp()).resolves.toMatchObject({
      ip_list: ['101.226.103.0/25', '101.226.62.0/26'],
    });
    await expect(client.misc.apiDomainIp()).resolves.toHaveProperty('ip_list');
  });

  it("clearQuota sends the client's AppID and is never retried", async () => {
    await client.misc.clearQuota();
    expect(JSON.parse(fake.calls('misc.clearQuota')[0]!.body)).toEqual({ appid: FAKE_APPID });
    fake.fail('misc.clearQuota', { errcode: -1 });
    await expect(client.misc.clearQuota()).rejects.toMatchObject({ errcode: -1 });
    expect(fake.calls('misc.clearQuota')).toHaveLength(2);
  });

  it('clearQuotaV2 sends appid and appsecret instead of a token', async () => {
    await client.misc.clearQuotaV2();
    expect(fake.calls('misc.clearQuotaV2')[0]!.query).toEqual({ appid: FAKE_APPID, appsecret: FAKE_SECRET });
  });

  it('quotaGet, ridGet and callbackCheck', async () => {
    await expect(client.misc.quotaGet('/cgi-bin/message/custom/send')).resolves.toMatchObject({
      quota: { remain: 9_999_999 },
    });
    expect(JSON.parse(fake.calls('misc.quotaGet')[0]!.body)).toEqual({
      cgi_path: '/cgi-bin/message/custom/send',
    });
    await expect(client.misc.ridGet('617682e0-09059ac5-34a8e2ea')).resolves.toMatchObject({
      request: { client_ip: '203.0.113.7' },
    });
    await expect(
      client.misc.callbackCheck({ action: 'all', check_operator: 'DEFAULT' }),
    ).resolves.toHaveProperty('dns');
    expect(JSON.parse(fake.calls('misc.callbackCheck')[0]!.body)).toEqual({
      action: 'all',
      check_operator: 'DEFAULT',
    });
  });
});
