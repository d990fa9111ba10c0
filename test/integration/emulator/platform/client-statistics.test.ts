/**
 * client.datacube against the emulator, in process: each of the 21 statistics methods sends `{begin_date,
 * end_date}` to its path and gets the numbers of the activity the emulator recorded; a range beyond the endpoint's
 * span is refused before anything is sent.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { WeChatClient } from '../../../../src/api/client.js';
import { DATACUBE_SPANS } from '../../../../src/api/datacube-rules.js';
import { endpoints } from '../../../../src/api/endpoints.js';
import { WeChatError } from '../../../../src/errors.js';
import { recordActivity, type Activity } from '../../../../src/emulator/activity.js';
import { addComment } from '../../../../src/emulator/platform/comment-store.js';
import { callStats } from '../../../../src/emulator/platform/core/call-stats.js';
import { addFan, createPlatform, inProcessClient, publishArticles, type Platform } from './helpers.js';

// The platform's frozen clock: 2024-06-01 12:00 in Beijing.
const DAY = '2024-06-01';
let p: Platform;
let client: WeChatClient;

beforeEach(() => {
  p = createPlatform();
  client = inProcessClient(p);
});

const at = (hour: number) => Date.UTC(2024, 5, 1, hour - 8);
function record(...list: Activity[]): void {
  for (const activity of list) recordActivity(p.state, activity);
}

describe('client.datacube against the emulator', () => {
  it('has one method per statistics endpoint, each calling its own path', async () => {
    const names = Object.keys(DATACUBE_SPANS) as (keyof typeof DATACUBE_SPANS)[];
    expect(names).toHaveLength(21);
    for (const name of names) {
      const method = name.slice('datacube.'.length) as keyof WeChatClient['datacube'];
      const answer = (await client.datacube[method](DAY, DAY)) as { list: unknown[] };
      expect(Array.isArray(answer.list), name).toBe(true);
      expect(callStats(p.state).calls[endpoints[name].path], name).toBe(1);
    }
  });

  it('reports follows per source and the followers at the end of each day', async () => {
    addFan(p.state, { openid: 'oA' });
    addFan(p.state, { openid: 'oB', following: false });
    record(
      { kind: 'follow', at: at(9), openid: 'oA', source: 30 },
      { kind: 'follow', at: at(10), openid: 'oB', source: 1 },
      { kind: 'unfollow', at: at(11), openid: 'oB', source: 1 },
    );
    const { list } = await client.datacube.getUserSummary(DAY, DAY);
    expect(list).toEqual([
      { ref_date: DAY, user_source: 30, new_user: 1, cancel_user: 0 },
      { ref_date: DAY, user_source: 1, new_user: 1, cancel_user: 1 },
    ]);
    const cumulate = await client.datacube.getUserCumulate('2024-05-31', DAY);
    expect(cumulate.list).toEqual([
      { ref_date: '2024-05-31', cumulate_user: 0 },
      { ref_date: DAY, cumulate_user: 1 },
    ]);
  });

  it('reports the messages fans sent per type, hour and how many each sent', async () => {
    record(
      { kind: 'message', at: at(9), openid: 'oA', msgType: 'text' },
      { kind: 'message', at: at(9), openid: 'oA', msgType: 'text' },
      { kind: 'message', at: at(10), openid: 'oB', msgType: 'image' },
    );
    expect((await client.datacube.getUpstreamMsg(DAY, DAY)).list).toEqual([
      { ref_date: DAY, msg_type: 1, msg_user: 1, msg_count: 2 },
      { ref_date: DAY, msg_type: 2, msg_user: 1, msg_count: 1 },
    ]);
    expect((await client.datacube.getUpstreamMsgHour(DAY, DAY)).list).toContainEqual({
      ref_date: DAY,
      ref_hour: 1000,
      msg_type: 2,
      msg_user: 1,
      msg_count: 1,
    });
    // 2024-06-01 is a Saturday: its week is dated Monday 2024-05-27.
    expect((await client.datacube.getUpstreamMsgWeek('2024-05-27', DAY)).list[0]).toMatchObject({
      ref_date: '2024-05-27',
    });
    expect((await client.datacube.getUpstreamMsgDist(DAY, DAY)).list).toEqual([
      { ref_date: DAY, count_interval: 1, msg_user: 2 },
    ]);
  });

  it('reports the server’s passive replies: count, failures and time', async () => {
    record(
      { kind: 'reply', at: at(9), ms: 120, ok: true },
      { kind: 'reply', at: at(9), ms: 5000, ok: false },
    );
    expect((await client.datacube.getInterfaceSummary(DAY, DAY)).list).toEqual([
      { ref_date: DAY, callback_count: 2, fail_count: 1, total_time_cost: 5120, max_time_cost: 5000 },
    ]);
    expect((await client.datacube.getInterfaceSummaryHour(DAY, DAY)).list[0]).toMatchObject({
      ref_hour: 900,
    });
  });

  it('reports reads, shares and comments of a published article under MSGDATAID_INDEX', async () => {
    const msgDataId = await publishArticles(p, ['第一篇']);
    const key = `${msgDataId}_1`;
    record(
      { kind: 'read', at: at(13), openid: 'oA', article: key },
      { kind: 'read', at: at(13), openid: 'oA', article: key },
      { kind: 'share', at: at(14), openid: 'oA', article: key },
    );
    addComment(p.state, 'oA', msgDataId, 0, '写得好');
    const summary = (await client.datacube.getArticleSummary(DAY, DAY)).list;
    expect(summary).toEqual([
      expect.objectContaining({
        msgid: key,
        title: '第一篇',
        int_page_read_user: 1,
        int_page_read_count: 2,
        share_count: 1,
      }),
    ]);
    const read = await client.datacube.getArticleRead(DAY, DAY);
    expect(read).toMatchObject({ is_delay: false, list: [{ msgid: key, detail: { read_user: 1 } }] });
    const biz = (await client.datacube.getBizSummary(DAY, DAY)).list[0]?.detail;
    expect(biz).toMatchObject({ read_user: 1, share_user: 1, comment_count: 1 });
    const detail = (await client.datacube.getArticleTotalDetail(DAY, DAY)).list[0];
    expect(detail).toMatchObject({
      msgid: key,
      detail_list: [{ stat_date: DAY, comment_count: 1, read_user: 1 }],
    });
    expect((await client.datacube.getUserRead(DAY, DAY)).list[0]).toMatchObject({ user_source: 99999999 });
  });

  it('refuses, before sending, a range longer than the endpoint’s span or ending before it starts', async () => {
    await expect(client.datacube.getUserSummary('2024-06-01', '2024-06-08')).rejects.toThrow(
      /covers 1 to 7 days/,
    );
    await expect(client.datacube.getUpstreamMsgHour('2024-06-02', '2024-06-01')).rejects.toBeInstanceOf(
      WeChatError,
    );
    await expect(client.datacube.getArticleRead('2024/06/01', '2024-06-01')).rejects.toThrow(/YYYY-MM-DD/);
    expect(callStats(p.state).calls).not.toHaveProperty('/datacube/getusersummary');
  });
});
