/**
 * Fans and the account's sent articles through the fan-action API: the articles with the comments a reader sees,
 * reading and sharing (counted by the statistics), commenting while comments are open, taking a comment back.
 */
import { describe, expect, it } from 'vitest';
import { activities } from '../../../src/emulator/activity.js';
import { createEmulator } from '../../../src/emulator/app.js';
import { publications } from '../../../src/emulator/platform/core/article-store.js';
import type { FanArticle } from '../../../src/emulator/fans/action-types.js';
import { FAN } from './support.js';

/** An emulator with one published article of two, comments open on the first. */
function withArticle() {
  const emulator = createEmulator({ account: { webhookUrl: undefined } });
  publications(emulator.state).jobs['1'] = {
    publish_id: '1',
    msg_data_id: '2247483647',
    status: 0,
    article_id: 'A1',
    articles: [
      { title: '第一篇', need_open_comment: 1 },
      { title: '第二篇', need_open_comment: 0 },
    ],
    create_time: 1_700_000_000,
    update_time: 1_700_000_000,
  };
  const act = (path: string, body: unknown, fan: string = FAN) =>
    emulator.app.request(`/__emulator/fans/${fan}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const articles = async (fan: string = FAN) =>
    (
      (await (await emulator.app.request(`/__emulator/fans/${fan}/articles`)).json()) as {
        articles: FanArticle[];
      }
    ).articles;
  return { emulator, act, articles };
}

describe('fans and sent articles', () => {
  it('lists the sent articles with whether comments are open', async () => {
    const { articles } = withArticle();
    expect((await articles()).map((a) => [a.title, a.commentsOpen])).toEqual([
      ['第一篇', true],
      ['第二篇', false],
    ]);
  });

  it('comments where comments are open (409 elsewhere) and sees only their own and elected comments', async () => {
    const { act, articles, emulator } = withArticle();
    const first = { msg_data_id: '2247483647', index: 0 };
    expect((await act('comment', { ...first, content: '写得好' })).status).toBe(200);
    expect((await act('comment', { msg_data_id: '2247483647', index: 1, content: 'x' })).status).toBe(409);
    expect((await act('comment', { ...first, content: '' })).status).toBe(400);
    expect((await act('comment', { msg_data_id: '1', index: 0, content: 'x' })).status).toBe(404);
    const other = [...emulator.state.fans.keys()].find((id) => id !== FAN);
    expect((await articles())[0]?.comments).toEqual([
      { id: 1, mine: true, content: '写得好', elected: false },
    ]);
    if (other) expect((await articles(other))[0]?.comments).toEqual([]);
    expect((await act('comment-delete', { ...first, user_comment_id: 1 })).status).toBe(200);
    expect((await articles())[0]?.comments).toEqual([]);
    expect((await act('comment-delete', { ...first, user_comment_id: 1 })).status).toBe(404);
  });

  it('records reads and shares for the statistics', async () => {
    const { act, emulator } = withArticle();
    await act('article-read', { msg_data_id: '2247483647', index: 1 });
    await act('article-share', { msg_data_id: '2247483647', index: 1 });
    expect(activities(emulator.state).map((a) => [a.kind, 'article' in a ? a.article : ''])).toEqual([
      ['read', '2247483647_2'],
      ['share', '2247483647_2'],
    ]);
  });
});
