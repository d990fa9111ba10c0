/** The `pull` strategy: the pull text on the last attempt, the kept answer as the reply to the next message. */
import { describe, expect, it } from 'vitest';
import { inbound } from '../../../../src/push/index.js';
import { DEFAULT_PULL_TEXT } from '../../../../src/webhook/slow/strategy.js';
import { FAN } from '../support.js';
import { build, seen, text, useFakeClock, wechatPush } from './wechat-attempts.js';

useFakeClock();

describe('pull', () => {
  it('answers the pull text on the last attempt, then gives the answer as the reply to the next message', async () => {
    const { webhook, runs, answers } = build({ slow: ['stretch', 'pull'] });
    const got = await wechatPush(webhook, inbound.text(FAN, 'sleep 20', '2001'), 21_000);
    expect(seen(got)).toMatchObject({ attempt: 3, at: 14_500 });
    expect(text(seen(got)!.body)).toBe(DEFAULT_PULL_TEXT);
    const next = await wechatPush(webhook, inbound.text(FAN, 'anything', '2002'), 1000);
    expect(text(seen(next)!.body)).toBe('slept 20 s');
    expect(next[0]!.at).toBe(0);
    // The pulling message itself is not handled; the one after is.
    expect(runs.count).toBe(1);
    const after = await wechatPush(webhook, inbound.text(FAN, 'hi', '2003'), 1000);
    expect(text(seen(after)!.body)).toBe('echo hi');
    expect(answers).toEqual(['pulled', 'passive']);
  });
  it('without stretch answers the pull text at the budget; a message while the answer is worked on waits for it', async () => {
    const { webhook } = build({ slow: ['pull'] });
    const got = await wechatPush(webhook, inbound.text(FAN, 'sleep 8', '2101'), 6000);
    expect(seen(got)).toMatchObject({ attempt: 1, at: 4500 });
    expect(text(got[0]!.body)).toBe(DEFAULT_PULL_TEXT);
    const next = await wechatPush(webhook, inbound.text(FAN, 'done yet?', '2102'), 4000);
    // Sent at 6 s; the answer is ready at 8 s and is this message's reply.
    expect(text(seen(next)!.body)).toBe('slept 8 s');
    expect(seen(next)!.at).toBeGreaterThanOrEqual(2000);
    expect(seen(next)!.at).toBeLessThan(2200);
  });
  it('says the pull text again when the answer is still not ready within the budget', async () => {
    const { webhook } = build({ slow: ['pull'], pull: { text: 'wait' } });
    await wechatPush(webhook, inbound.text(FAN, 'sleep 30', '2201'), 5000);
    const next = await wechatPush(webhook, inbound.text(FAN, 'now?', '2202'), 5000);
    expect(text(seen(next)!.body)).toBe('wait');
  });
});

describe('pull with nothing to give', () => {
  it('a handler that fails after the pull text: the next message is handled as new, not kept waiting', async () => {
    const { webhook, runs } = build({ slow: ['pull'] }, (n) => {
      if (n > 0) throw new Error('model down');
      return 'fresh answer';
    });
    await wechatPush(webhook, inbound.text(FAN, 'sleep 6', '2301'), 7000);
    const next = await wechatPush(webhook, inbound.text(FAN, 'hello', '2302'), 1000);
    expect(text(seen(next)!.body)).toBe('fresh answer');
    expect(seen(next)!.at).toBe(0);
    expect(runs.count).toBe(2);
  });
});
