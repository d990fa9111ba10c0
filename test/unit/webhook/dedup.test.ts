/**
 * MemoryDedup: first attempts run, retries share the answer; time buckets forget answers between ttl and 4/3 ttl;
 * the byte budget bounds what is remembered (the push is still answered); retries of a running first attempt wait
 * for it. The clock is injected: no real time passes.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEDUP_TTL_MS, MemoryDedup } from '../../../src/webhook/dedup.js';
import { recordingLogger } from './support.js';

/** A dedup on a clock the test moves, counting how often work ran. */
function setup(options: { ttlMs?: number; maxBytes?: number } = {}) {
  const clock = { now: 1_000_000 };
  const logger = recordingLogger();
  const dedup = new MemoryDedup({ ...options, now: () => clock.now, logger });
  let runs = 0;
  const answer = (key: string, value = `answer to ${key}`) =>
    dedup.run(key, () => {
      runs++;
      return value;
    });
  return { dedup, clock, logger, answer, runs: () => runs };
}

describe('MemoryDedup', () => {
  it('runs the first attempt, answers retries with the same answer and counts the attempts', () => {
    const { answer, runs } = setup();
    expect(answer('msg:1')).toEqual({ value: 'answer to msg:1', attempt: 1 });
    expect(answer('msg:1', 'other')).toEqual({ value: 'answer to msg:1', attempt: 2 });
    expect(answer('msg:1', 'other')).toEqual({ value: 'answer to msg:1', attempt: 3 });
    expect(answer('msg:2')).toEqual({ value: 'answer to msg:2', attempt: 1 });
    expect(runs()).toBe(2);
  });

  it('keeps answers byte for byte: Chinese, emoji, the empty answer, success', () => {
    const { answer } = setup();
    for (const [key, value] of [
      ['event:oFan:1:CLICK:菜单', '<xml><Content><![CDATA[你好 👍]]></Content></xml>'],
      ['msg:empty', ''],
      ['msg:success', 'success'],
    ] as const) {
      answer(key, value);
      expect(answer(key, 'never').value).toBe(value);
    }
  });

  it('tells apart keys that share a probe chain (the key bytes decide)', () => {
    // 16 index slots per bucket for 40 keys: most keys land on slots another key took.
    const { answer, runs } = setup({ maxBytes: 4096 });
    const keys = Array.from({ length: 40 }, (_, i) => `msg:${i}`);
    for (const key of keys) answer(key);
    const remembered = keys.filter((key) => answer(key, 'never').value === `answer to ${key}`);
    expect(remembered.length).toBeGreaterThan(0);
    // Whatever was not remembered ran again: never another key's answer.
    for (const key of keys) expect(answer(key, `answer to ${key}`).value).toBe(`answer to ${key}`);
    expect(runs()).toBe(40 + 2 * (40 - remembered.length));
  });

  it('remembers an answer for at least ttlMs, and forgets it by ttlMs × 4/3 (bucket rotation)', () => {
    const { answer, clock, runs } = setup({ ttlMs: 30_000 });
    answer('msg:early');
    clock.now += 9_999; // still in the first bucket (10 s each)
    answer('msg:late');
    clock.now += 30_000 - 9_999 - 1; // msg:early is 29.999 s old
    expect(answer('msg:early').attempt).toBe(2);
    clock.now += 1 + 9_999; // msg:early 39.999 s old, msg:late 30 s: both in the oldest bucket, still there
    expect(answer('msg:early').attempt).toBe(3);
    expect(answer('msg:late').attempt).toBe(2);
    clock.now += 1; // 40 s after the first bucket started: it is emptied
    expect(answer('msg:early').attempt).toBe(1);
    expect(answer('msg:late').attempt).toBe(1);
    expect(runs()).toBe(4);
  });

  it('forgets everything after a long idle, and a zero ttl remembers nothing', () => {
    const { answer, clock, dedup } = setup({ ttlMs: 15_000 });
    answer('msg:1');
    clock.now += 3_600_000;
    expect(answer('msg:1').attempt).toBe(1);
    expect(dedup.stats().entries).toBe(1);
    const zero = setup({ ttlMs: 0 });
    zero.answer('msg:1');
    expect(zero.answer('msg:1').attempt).toBe(1);
    expect(zero.runs()).toBe(2);
    expect(zero.dedup.stats()).toMatchObject({ entries: 0, notRemembered: 0 });
  });

  it('defaults to 20 s, which covers WeChat’s retries 5 and 10 s after the first attempt', () => {
    const { answer, clock } = setup();
    expect(DEFAULT_DEDUP_TTL_MS).toBe(20_000);
    answer('msg:1');
    clock.now += 19_999;
    expect(answer('msg:1').attempt).toBe(2);
  });

  it('within its byte budget: when full, new pushes are answered but not remembered, and it says so once', () => {
    // 4 buckets of 4 KiB: 512 bytes of index each, the rest for records of 9 + key + answer bytes.
    const { answer, dedup, logger, clock } = setup({ maxBytes: 16 * 1024, ttlMs: 3_000 });
    const big = 'x'.repeat(1000);
    const results = Array.from({ length: 10 }, (_, i) => answer(`msg:${i}`, big));
    expect(results.every((r) => r.value === big && r.attempt === 1)).toBe(true);
    const { entries, bytes, notRemembered } = dedup.stats();
    expect(entries).toBe(3); // 3 × 1,016 bytes fit in 3,584
    expect(bytes).toBe(3 * (9 + 5 + 1000));
    expect(notRemembered).toBe(7);
    expect(answer('msg:0').attempt).toBe(2); // remembered
    expect(answer('msg:9', 'again').value).toBe('again'); // not remembered: runs again
    const full = logger.lines.filter((line) => line.level === 'debug');
    expect(full).toHaveLength(1);
    expect(full[0]!.msg).toMatch(/not remembered/);
    // The next bucket has room again.
    clock.now += 1_000;
    answer('msg:10', big);
    expect(answer('msg:10').attempt).toBe(2);
  });

  it('keeps every answer of 5,000 pushes in one bucket', () => {
    const { answer, dedup, runs } = setup();
    const body = (i: number) =>
      `<xml><Content><![CDATA[answer ${i} ${'好'.repeat(i % 50)}]]></Content></xml>`;
    for (let i = 0; i < 5000; i++) answer(`msg:${7_300_000_000_000_000 + i}`, body(i));
    expect(dedup.stats()).toMatchObject({ entries: 5000, notRemembered: 0 });
    for (let i = 0; i < 5000; i++) {
      expect(answer(`msg:${7_300_000_000_000_000 + i}`, 'never')).toEqual({ value: body(i), attempt: 2 });
    }
    expect(runs()).toBe(5000);
  });

  it('a budget too small for anything still answers every push', () => {
    const { answer, runs } = setup({ maxBytes: 0 });
    expect(answer('msg:1').value).toBe('answer to msg:1');
    expect(answer('msg:1').value).toBe('answer to msg:1');
    expect(runs()).toBe(2);
  });

  it('bounds the index too: many tiny answers stop at 3/4 of the slots', () => {
    // 4 KiB per bucket → 512 bytes of index → 64 slots → 48 entries at most.
    const { answer, dedup } = setup({ maxBytes: 16 * 1024 });
    for (let i = 0; i < 100; i++) answer(`m${i}`, '');
    expect(dedup.stats()).toMatchObject({ entries: 48, notRemembered: 52 });
  });

  it('a retry arriving while the first attempt runs waits for its answer (in-flight coalescing)', async () => {
    const { dedup } = setup();
    let finish!: (answer: string) => void;
    let runs = 0;
    const work = () => {
      runs++;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const first = dedup.run('msg:1', work);
    const retry = dedup.run('msg:1', work);
    expect(retry.value).toBe(first.value);
    expect([first.attempt, retry.attempt]).toEqual([1, 2]);
    expect(dedup.stats().inFlight).toBe(1);
    finish('late answer');
    await expect(retry.value).resolves.toBe('late answer');
    await Promise.resolve();
    expect(dedup.stats()).toMatchObject({ inFlight: 0, entries: 1 });
    // Remembered once settled, with the attempts counted so far.
    expect(dedup.run('msg:1', work)).toEqual({ value: 'late answer', attempt: 3 });
    expect(runs).toBe(1);
  });

  it('a failed first attempt is not remembered: the next retry runs again', async () => {
    const { dedup } = setup();
    const failed = dedup.run('msg:1', () => Promise.reject(new Error('down')));
    await expect(failed.value).rejects.toThrow('down');
    await Promise.resolve();
    expect(dedup.stats().inFlight).toBe(0);
    expect(dedup.run('msg:1', () => 'second try')).toEqual({ value: 'second try', attempt: 1 });
  });

  it('refuses a negative ttl or budget', () => {
    expect(() => new MemoryDedup({ ttlMs: -1 })).toThrow(RangeError);
    expect(() => new MemoryDedup({ maxBytes: Number.NaN })).toThrow(RangeError);
  });
});
