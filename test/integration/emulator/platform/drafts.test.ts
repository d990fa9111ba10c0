import { describe, expect, it } from 'vitest';
import { createPlatform, expectError, file, mediaForm } from './helpers.js';

type P = ReturnType<typeof createPlatform>;

async function thumbId(p: P): Promise<string> {
  const res = await p.upload('/cgi-bin/material/add_material', mediaForm(file('t.jpg', 10)), {
    type: 'thumb',
  });
  return String(res.json['media_id']);
}
const article = (thumb: string, extra: Record<string, unknown> = {}) => ({
  title: '标题',
  author: '作者',
  content: '<p>正文内容</p>',
  thumb_media_id: thumb,
  ...extra,
});

describe('drafts', () => {
  it('adds, gets, updates, counts, lists and deletes drafts', async () => {
    const p = createPlatform();
    const thumb = await thumbId(p);
    const added = await p.post('/cgi-bin/draft/add', { articles: [article(thumb)] });
    const mediaId = String(added.json['media_id']);
    const got = (await p.post('/cgi-bin/draft/get', { media_id: mediaId })).json['news_item'] as Record<
      string,
      unknown
    >[];
    expect(got[0]).toMatchObject({ title: '标题', digest: '正文内容' });
    expect(String(got[0]?.['thumb_url'])).toContain('/__emulator/media/');
    const update = { media_id: mediaId, index: 0, articles: article(thumb, { title: '新标题' }) };
    expect((await p.post('/cgi-bin/draft/update', update)).json['errcode']).toBe(0);
    expectError(await p.post('/cgi-bin/draft/update', { ...update, index: 1 }), 40035);
    expect((await p.get('/cgi-bin/draft/count')).json).toEqual({ total_count: 1 });
    const list = (await p.post('/cgi-bin/draft/batchget', { offset: 0, count: 20, no_content: 1 })).json;
    expect(list).toMatchObject({ total_count: 1, item_count: 1 });
    const item = (list['item'] as { content: { news_item: Record<string, unknown>[] } }[])[0];
    expect(item?.content.news_item[0]).toMatchObject({ title: '新标题' });
    expect(item?.content.news_item[0]?.['content']).toBeUndefined();
    expect((await p.post('/cgi-bin/draft/delete', { media_id: mediaId })).json['errcode']).toBe(0);
    expectError(await p.post('/cgi-bin/draft/get', { media_id: mediaId }), 40007);
  });

  it.each([
    ['an empty title', { title: '' }, 40227],
    ['a 33-character title', { title: '字'.repeat(33) }, 45003],
    ['a 17-character author', { author: '字'.repeat(17) }, 45110],
    ['a 129-character digest', { digest: 'd'.repeat(129) }, 45004],
    ['empty content', { content: '' }, 44003],
    ['20 000 characters of content', { content: 'c'.repeat(20_000) }, 45002],
    ['no thumb', { thumb_media_id: undefined }, 41006],
    ['an unknown thumb', { thumb_media_id: 'nope' }, 40007],
  ])('rejects an article with %s', async (_name, extra, errcode) => {
    const p = createPlatform();
    expectError(
      await p.post('/cgi-bin/draft/add', { articles: [article(await thumbId(p), extra)] }),
      errcode,
    );
  });

  it('takes 1 to 8 articles', async () => {
    const p = createPlatform();
    const thumb = await thumbId(p);
    expectError(await p.post('/cgi-bin/draft/add', { articles: [] }), 44003);
    expectError(await p.post('/cgi-bin/draft/add', { articles: Array(9).fill(article(thumb)) }), 45008);
  });
});

describe('free publishing', () => {
  it('submits (publish_id as a string), publishes, pushes PUBLISHJOBFINISH, and serves the article', async () => {
    const p = createPlatform();
    const thumb = await thumbId(p);
    const draft = await p.post('/cgi-bin/draft/add', {
      articles: [article(thumb), article(thumb, { title: '第二篇' })],
    });
    const submitted = await p.post('/cgi-bin/freepublish/submit', { media_id: draft.json['media_id'] });
    expect(submitted.json).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(submitted.json['publish_id']).toMatch(/^\d+$/);
    const publishId = String(submitted.json['publish_id']);

    const { push, message } = await p.pushed('PUBLISHJOBFINISH');
    expect(push.openid).toBe('mphelper');
    if (message.type !== 'event' || message.event !== 'PUBLISHJOBFINISH')
      throw new Error('not PUBLISHJOBFINISH');
    const info = message.publishEventInfo;
    expect(info).toMatchObject({ publishId, publishStatus: 0, articleDetail: { count: 2 }, failIdx: [] });

    const status = (await p.post('/cgi-bin/freepublish/get', { publish_id: publishId })).json;
    expect(status).toMatchObject({ publish_id: publishId, publish_status: 0, article_id: info.articleId });
    const page = await p.send('GET', new URL(info.articleDetail!.item[1]!.articleUrl).pathname);
    expect(page.text).toContain('第二篇');

    const articles = (await p.post('/cgi-bin/freepublish/getarticle', { article_id: info.articleId })).json;
    expect((articles['news_item'] as unknown[]).length).toBe(2);
    expect((await p.post('/cgi-bin/freepublish/batchget', { offset: 0, count: 10 })).json).toMatchObject({
      total_count: 1,
    });

    expect(
      (await p.post('/cgi-bin/freepublish/delete', { article_id: info.articleId, index: 1 })).json['errcode'],
    ).toBe(0);
    expect((await p.post('/cgi-bin/freepublish/get', { publish_id: publishId })).json['publish_status']).toBe(
      0,
    );
    await p.post('/cgi-bin/freepublish/delete', { article_id: info.articleId });
    expect((await p.post('/cgi-bin/freepublish/get', { publish_id: publishId })).json['publish_status']).toBe(
      5,
    );
  });

  it('answers unknown drafts, publications and articles with their codes', async () => {
    const p = createPlatform();
    expectError(await p.post('/cgi-bin/freepublish/submit', { media_id: 'nope' }), 40007);
    expectError(await p.post('/cgi-bin/freepublish/get', { publish_id: '1' }), 40035);
    expectError(await p.post('/cgi-bin/freepublish/getarticle', { article_id: 'nope' }), 53600);
    expectError(await p.post('/cgi-bin/freepublish/delete', { article_id: 'nope' }), 53600);
  });
});
