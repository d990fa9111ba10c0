/** Answers longer than one text reply: the first part passively, the rest by customer service or pulled, bounded. */
import { describe, expect, it } from 'vitest';
import { inbound } from '../../../../src/push/index.js';
import type { Reply } from '../../../../src/replies/types.js';
import { DEFAULT_PULL_MORE_TEXT } from '../../../../src/webhook/slow/strategy.js';
import { FAN } from '../support.js';
import { build, seen, text, useFakeClock, wechatPush } from './wechat-attempts.js';

useFakeClock();

describe('answers longer than one text reply', () => {
  const long = (n: number) => `${'长'.repeat(1000 + n)}😀${'x'.repeat(10)}`; // 3014 bytes: two parts
  it('passes on the first part and the rest on the next messages (pull), nothing cut', async () => {
    const { webhook, answers } = build({ slow: ['stretch', 'pull'] }, long);
    const parts: string[] = [];
    for (const [i, msg] of ['go', 'more', 'more'].entries()) {
      const got = await wechatPush(webhook, inbound.text(FAN, msg, `400${i}`), 1000);
      parts.push(text(seen(got)!.body)!);
    }
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(2047);
    expect(parts[0]!.endsWith(DEFAULT_PULL_MORE_TEXT)).toBe(true);
    expect(
      parts
        .slice(0, 2)
        .map((p) => p.replace(DEFAULT_PULL_MORE_TEXT, ''))
        .join(''),
    ).toBe(long(0));
    // The third message is handled anew: the answer's first part again.
    expect(parts[2]).toBe(parts[0]);
    expect(answers).toEqual(['passive', 'pulled', 'passive']);
  });
  it('sends the rest by customer service when it can', async () => {
    const late: Reply[] = [];
    const { webhook } = build({ lateReply: (_m, r) => void late.push(r) }, long);
    const got = await wechatPush(webhook, inbound.text(FAN, 'go', '4101'), 1000);
    const first = text(seen(got)!.body)!;
    expect(late).toHaveLength(1);
    expect(first + (late[0] as { content: string }).content).toBe(long(0));
  });
});

describe('a bound on what is kept', () => {
  it('an answer of more than 16 parts: the first, 15 more, the last saying the rest was left out', async () => {
    const { webhook } = build({ slow: ['pull'] }, (n) => (n === 0 ? 'a'.repeat(2000 * 40) : 'x'));
    const bodies: string[] = [];
    for (let i = 0; i < 18; i += 1) {
      const got = await wechatPush(webhook, inbound.text(FAN, i === 0 ? 'long' : 'sleep 0', `60${i}`), 100);
      bodies.push(text(seen(got)!.body)!);
    }
    expect(bodies.slice(0, 16).every((b) => b.startsWith('aaaa'))).toBe(true);
    expect(bodies[15]!.endsWith('（内容过长，其余部分未发送）')).toBe(true);
    // The 17th message is handled anew (the long answer again).
    expect(bodies[16]!.endsWith(DEFAULT_PULL_MORE_TEXT)).toBe(true);
  });
});
