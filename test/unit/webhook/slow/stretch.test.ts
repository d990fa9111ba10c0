/** The `stretch` strategy: held attempts, one handler run, the answer on the attempt open when it is ready. */
import { describe, expect, it } from 'vitest';
import { inbound } from '../../../../src/push/index.js';
import { FAN } from '../support.js';
import { CUT_MS, build, seen, text, useFakeClock, wechatPush } from './wechat-attempts.js';

useFakeClock();

describe('stretch', () => {
  it('holds the first two attempts and answers on the one open when the answer is ready; the handler runs once', async () => {
    const { webhook, runs, answers } = build({ slow: ['stretch'] });
    const got = await wechatPush(webhook, inbound.text(FAN, 'sleep 12', '1001'));
    expect(runs.count).toBe(1);
    const fan = seen(got)!;
    expect(fan.attempt).toBe(3);
    expect(fan.at).toBe(12_000);
    expect(text(fan.body)).toBe('slept 12 s');
    // The held attempts let go after WeChat had cut them: nobody read those answers.
    expect(got.filter((g) => g.attempt < 3).every((g) => g.at > g.attempt * CUT_MS)).toBe(true);
    expect(answers).toEqual(['stretched']);
  });
  it('answers on the second attempt when the answer comes between 5 and 10 s', async () => {
    const { webhook, answers } = build({ slow: ['stretch', 'pull'] });
    const got = await wechatPush(webhook, inbound.text(FAN, 'sleep 7', '1002'));
    expect(seen(got)).toMatchObject({ attempt: 2, at: 7000 });
    expect(text(seen(got)!.body)).toBe('slept 7 s');
    expect(got.map((g) => g.attempt)).toEqual([1, 2]);
    expect(answers).toEqual(['stretched']);
  });
  it('answers within the budget as a plain passive reply', async () => {
    const { webhook, answers } = build({ slow: ['stretch', 'pull'] });
    const got = await wechatPush(webhook, inbound.text(FAN, 'sleep 2', '1003'));
    expect(got).toHaveLength(1);
    expect(seen(got)).toMatchObject({ attempt: 1, at: 2000 });
    expect(answers).toEqual(['passive']);
  });
  it('with only stretch and no lateReply, an answer past the last attempt is dropped with a warning', async () => {
    const { webhook, logger } = build({ slow: ['stretch'] });
    const got = await wechatPush(webhook, inbound.text(FAN, 'sleep 20', '1004'));
    expect(seen(got)).toMatchObject({ attempt: 3, at: 14_500, body: 'success' });
    expect(logger.lines.map((l) => l.msg)).toContain(
      'late reply dropped: configure lateReply (or the pull strategy) to deliver it',
    );
  });
});
