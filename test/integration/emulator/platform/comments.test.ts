/**
 * Comments on sent articles, on the emulator's platform API (raw calls): what fans wrote, listed, elected,
 * replied to and deleted, with the codes of the leaving/ pages.
 */
import { describe, expect, it } from 'vitest';
import { addComment, commentsOf } from '../../../../src/emulator/platform/comment-store.js';
import { findSentArticle } from '../../../../src/emulator/platform/sent-articles.js';
import {
  addFan,
  createPlatform,
  expectError,
  file,
  mediaForm,
  publishArticles,
  type Platform,
} from './helpers.js';

async function article(p: Platform, openComment = 1) {
  const msgDataId = await publishArticles(p, ['第一篇', '第二篇'], openComment);
  const at = (index: number) => ({ msg_data_id: msgDataId, index });
  return {
    msgDataId,
    at,
    comment: (text: string, index = 0) => addComment(p.state, 'oA', msgDataId, index, text),
  };
}

describe('comments', () => {
  it('lists what fans wrote, elected ones apart, with replies', async () => {
    const p = createPlatform();
    const { at, comment } = await article(p);
    comment('第一条');
    comment('第二条');
    expect(
      (await p.post('/cgi-bin/comment/markelect', { ...at(0), user_comment_id: 2 })).json['errcode'],
    ).toBe(0);
    expect(
      (await p.post('/cgi-bin/comment/reply/add', { ...at(0), user_comment_id: 1, content: '谢谢' })).json,
    ).toEqual({ errcode: 0, errmsg: 'ok' });
    const all = await p.post('/cgi-bin/comment/list', { ...at(0), begin: 0, count: 10, type: 0 });
    expect(all.json).toMatchObject({
      errcode: 0,
      total: 2,
      comment: [
        { user_comment_id: 1, openid: 'oA', content: '第一条', comment_type: 0, reply: { content: '谢谢' } },
        { user_comment_id: 2, content: '第二条', comment_type: 1 },
      ],
    });
    const elected = await p.post('/cgi-bin/comment/list', { ...at(0), begin: 0, count: 10, type: 2 });
    expect(elected.json['total']).toBe(1);
    const second = await p.post('/cgi-bin/comment/list', { ...at(1), begin: 0, count: 10, type: 0 });
    expect(second.json['total']).toBe(0);
  });

  it('opens and closes comments: a fan can comment only while they are open', async () => {
    const p = createPlatform();
    const { msgDataId, at, comment } = await article(p, 0);
    expect(comment('关着')).toBe('closed');
    expect((await p.post('/cgi-bin/comment/open', at(0))).json['errcode']).toBe(0);
    expect(comment('开了')).toMatchObject({ id: 1 });
    expect((await p.post('/cgi-bin/comment/close', at(0))).json['errcode']).toBe(0);
    expect(commentsOf(p.state, findSentArticle(p.state, msgDataId, 0)!).open).toBe(false);
  });

  it('answers 88001 for an unknown article and 88010 for a page of 50 or more', async () => {
    const p = createPlatform();
    const { at } = await article(p);
    expectError(await p.post('/cgi-bin/comment/open', { msg_data_id: 1, index: 0 }), 88001);
    expectError(await p.post('/cgi-bin/comment/close', { ...at(0), index: 5 }), 88001);
    expectError(await p.post('/cgi-bin/comment/list', { ...at(0), begin: 0, count: 50, type: 0 }), 88010);
    expectError(await p.post('/cgi-bin/comment/list', { ...at(0), begin: 0, count: 0, type: 0 }), 88010);
  });

  it('answers 88008 for an unknown comment, 88005 for a second reply, 88007 for an empty one', async () => {
    const p = createPlatform();
    const { at, comment } = await article(p);
    comment('一条');
    const target = { ...at(0), user_comment_id: 1 };
    expectError(await p.post('/cgi-bin/comment/markelect', { ...target, user_comment_id: 9 }), 88008);
    expectError(await p.post('/cgi-bin/comment/unmarkelect', { ...target, user_comment_id: 9 }), 88008);
    expectError(await p.post('/cgi-bin/comment/reply/delete', { ...target, user_comment_id: 9 }), 88008);
    expectError(await p.post('/cgi-bin/comment/reply/add', { ...target, content: '' }), 88007);
    expectError(await p.post('/cgi-bin/comment/reply/add', { ...target, content: 'x'.repeat(601) }), 88007);
    await p.post('/cgi-bin/comment/reply/add', { ...target, content: '回复' });
    expectError(await p.post('/cgi-bin/comment/reply/add', { ...target, content: '再回复' }), 88005);
    expect((await p.post('/cgi-bin/comment/reply/delete', target)).json['errcode']).toBe(0);
    expect((await p.post('/cgi-bin/comment/unmarkelect', target)).json['errcode']).toBe(0);
    expect((await p.post('/cgi-bin/comment/delete', target)).json['errcode']).toBe(0);
    expectError(await p.post('/cgi-bin/comment/delete', target), 88008);
  });

  it('answers 88004 for a comment the fan took back', async () => {
    const p = createPlatform();
    const { at, comment } = await article(p);
    const added = comment('撤回');
    if (typeof added !== 'object') throw new Error('not added');
    added.deletedByUser = true;
    expectError(await p.post('/cgi-bin/comment/markelect', { ...at(0), user_comment_id: added.id }), 88004);
  });

  it('takes the msg_data_id of an mpnews mass send too', async () => {
    const p = createPlatform();
    addFan(p.state, { openid: 'oA' });
    const thumb = await p.upload('/cgi-bin/material/add_material', mediaForm(file('t.jpg', 10)), {
      type: 'thumb',
    });
    const articles = [
      { title: '群发', content: '<p>群发</p>', thumb_media_id: String(thumb.json['media_id']) },
    ];
    const draft = await p.post('/cgi-bin/draft/add', { articles });
    const sent = await p.post('/cgi-bin/message/mass/sendall', {
      filter: { is_to_all: true },
      msgtype: 'mpnews',
      mpnews: { media_id: draft.json['media_id'] },
    });
    const msgDataId = /"msg_data_id":(\d+)/.exec(sent.text)?.[1];
    expect(findSentArticle(p.state, msgDataId, 0)?.title).toBe('群发');
    // Comments of a mass send start closed until the account opens them.
    expect(
      (await p.post('/cgi-bin/comment/open', { msg_data_id: msgDataId, index: 0 })).json['errcode'],
    ).toBe(0);
    expect(addComment(p.state, 'oA', msgDataId!, 0, '好')).toMatchObject({ id: 1 });
  });
});
