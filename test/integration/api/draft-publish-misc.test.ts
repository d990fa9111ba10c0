import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WeChatClient } from '../../../src/api/client.js';
import type { WeChatApiError } from '../../../src/errors.js';
import { startEmulatedClient } from '../../support/emulated-client.js';
import type { EmulatedWeChat } from '../../support/emulated-wechat.js';

let wechat: EmulatedWeChat;
let client: WeChatClient;
let article: { title: string; author: string; content: string; thumb_media_id: string };

beforeEach(async () => {
  ({ wechat, client } = startEmulatedClient());
  // A news article needs a permanent image as its cover, as on WeChat.
  const thumb = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
  const { media_id } = await client.material.add('thumb', { data: thumb, filename: 'cover.jpg' });
  article = { title: '标题', author: '作者', content: '<p>正文</p>', thumb_media_id: media_id };
});
afterEach(() => wechat.close());

/** Publishes a draft of two articles and waits for the job to finish; resolves the publish_id and article_id. */
async function publishTwo(): Promise<{ publishId: string; articleId: string }> {
  const { media_id } = await client.draft.add([article, { ...article, title: '第二篇' }]);
  const { publish_id: publishId } = await client.publish.submit(media_id);
  const status = await vi.waitFor(
    async () => {
      const got = await client.publish.get(publishId);
      if (got.publish_status !== 0) throw new Error('still publishing');
      return got;
    },
    { interval: 5 },
  );
  return { publishId, articleId: status.article_id! };
}

describe('drafts', () => {
  it('add, get, update, count, batchGet and delete', async () => {
    const { media_id } = await client.draft.add([article]);
    expect(wechat.requestsOf('draft.add')[0]!.json).toEqual({ articles: [article] });
    await expect(client.draft.get(media_id)).resolves.toMatchObject({ news_item: [article] });
    await client.draft.update(media_id, 0, { ...article, title: '新标题' });
    expect(wechat.requestsOf('draft.update')[0]!.json).toEqual({
      media_id,
      index: 0,
      articles: { ...article, title: '新标题' },
    });
    await expect(client.draft.count()).resolves.toEqual({ total_count: 1 });
    const page = await client.draft.batchGet({ offset: 0, count: 20, no_content: 1 });
    expect(page.item[0]).toMatchObject({ media_id, content: { news_item: [{ title: '新标题' }] } });
    expect(wechat.requestsOf('draft.batchGet')[0]!.json).toEqual({
      offset: 0,
      count: 20,
      no_content: 1,
    });
    await client.draft.delete(media_id);
    await expect(client.draft.count()).resolves.toEqual({ total_count: 0 });
  });
});

describe('free publishing', () => {
  it('submit and status keep the ids exact, as strings', async () => {
    const { media_id } = await client.draft.add([article]);
    const submitted = await client.publish.submit(media_id);
    expect(submitted).toMatchObject({
      publish_id: expect.stringMatching(/^\d+$/) as string,
      msg_data_id: expect.stringMatching(/^\d+$/) as string,
    });
    // msg_data_id came as a bare JSON integer; the client hands back its very digits.
    expect(wechat.requestsOf('publish.submit')[0]!.answerText).toContain(
      `"msg_data_id":${submitted.msg_data_id}`,
    );
    const status = await vi.waitFor(
      async () => {
        const got = await client.publish.get(submitted.publish_id);
        if (got.publish_status !== 0) throw new Error('still publishing');
        return got;
      },
      { interval: 5 },
    );
    expect(status).toMatchObject({
      publish_id: submitted.publish_id,
      publish_status: 0,
      article_id: expect.any(String) as string,
    });
  });

  it('getArticle, batchGet and delete', async () => {
    const { articleId } = await publishTwo();
    await expect(client.publish.getArticle(articleId)).resolves.toMatchObject({
      news_item: [{ title: '标题', is_deleted: false }, { title: '第二篇' }],
    });
    await expect(client.publish.batchGet({ offset: 0, count: 10 })).resolves.toMatchObject({
      item: [{ article_id: articleId }],
    });
    await client.publish.delete(articleId, 1);
    await client.publish.delete(articleId);
    expect(wechat.requestsOf('publish.delete').map((r) => r.json)).toEqual([
      { article_id: articleId, index: 1 },
      { article_id: articleId },
    ]);
    await expect(client.publish.getArticle(articleId)).resolves.toMatchObject({
      news_item: [{ is_deleted: true }, { is_deleted: true }],
    });
  });
});

describe('misc', () => {
  it('callbackIp and apiDomainIp', async () => {
    await expect(client.misc.callbackIp()).resolves.toEqual({ ip_list: ['127.0.0.1'] });
    await expect(client.misc.apiDomainIp()).resolves.toHaveProperty('ip_list');
  });

  it("clearQuota sends the client's AppID and is never retried", async () => {
    await client.misc.clearQuota();
    expect(wechat.requestsOf('misc.clearQuota')[0]!.json).toEqual({ appid: wechat.appId });
    await wechat.fault('misc.clearQuota', { errcode: -1, times: 1 });
    await expect(client.misc.clearQuota()).rejects.toMatchObject({ errcode: -1 });
    expect(await wechat.calls('misc.clearQuota')).toBe(2);
  });

  it('clearQuotaV2 sends appid and appsecret instead of a token', async () => {
    await client.misc.clearQuotaV2();
    expect(wechat.requestsOf('misc.clearQuotaV2')[0]!.query).toEqual({
      appid: wechat.appId,
      appsecret: wechat.appSecret,
    });
  });

  it('quotaGet, ridGet and callbackCheck', async () => {
    await expect(client.misc.quotaGet('/cgi-bin/message/custom/send')).resolves.toMatchObject({
      quota: { daily_limit: 100_000, used: 0, remain: 100_000 },
    });
    expect(wechat.requestsOf('misc.quotaGet')[0]!.json).toEqual({
      cgi_path: '/cgi-bin/message/custom/send',
    });
    const failed = (await client.menu.get().catch((e: unknown) => e)) as WeChatApiError;
    await expect(client.misc.ridGet(failed.rid!)).resolves.toMatchObject({
      request: {
        client_ip: '127.0.0.1',
        request_url: expect.stringContaining('/cgi-bin/menu/get') as string,
      },
    });
    await expect(
      client.misc.callbackCheck({ action: 'all', check_operator: 'DEFAULT' }),
    ).resolves.toHaveProperty('dns');
    expect(wechat.requestsOf('misc.callbackCheck')[0]!.json).toEqual({
      action: 'all',
      check_operator: 'DEFAULT',
    });
  });
});
