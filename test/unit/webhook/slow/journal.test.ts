/** The journal of acknowledged pushes, and shutdown (held attempts stop holding). */
import { describe, expect, it, vi } from 'vitest';
import { inbound } from '../../../../src/push/index.js';
import type { Journal, JournalEntry } from '../../../../src/webhook/slow/journal.js';
import { DEFAULT_PULL_TEXT } from '../../../../src/webhook/slow/strategy.js';
import { FAN, pushRequest } from '../support.js';
import { build, text, useFakeClock, wechatPush } from './wechat-attempts.js';

useFakeClock();

describe('the journal and shutdown', () => {
  function memoryJournal() {
    const entries = new Map<string, JournalEntry>();
    const log: string[] = [];
    const journal: Journal = {
      add: (e) => {
        entries.set(e.key, e);
        log.push(`add ${e.key} ${e.outcome}`);
        return Promise.resolve();
      },
      done: (key) => {
        entries.delete(key);
        log.push(`done ${key}`);
        return Promise.resolve();
      },
      running: () => () => undefined,
      start: () => undefined,
      pending: () => entries.size,
      close: () => Promise.resolve(),
    };
    return { journal, entries, log };
  }
  it('journals an acknowledged push; kept in memory, it is finished once the fan has pulled the answer', async () => {
    const { journal, log } = memoryJournal();
    const { webhook } = build({ slow: ['pull'], journal });
    await wechatPush(webhook, inbound.text(FAN, 'sleep 8', '5001'), 9000);
    // The answer is kept in memory: a restart now would run the handler again rather than lose it.
    expect(log).toEqual(['add msg:5001 pull']);
    await wechatPush(webhook, inbound.text(FAN, 'give', '5002'), 1000);
    expect(log).toEqual(['add msg:5001 pull', 'done msg:5001']);
  });
  it('journals an acknowledged push and finishes it once the answer went out by customer service', async () => {
    const { journal, log } = memoryJournal();
    const { webhook } = build({ slow: ['customer-service'], lateReply: () => undefined, journal });
    await wechatPush(webhook, inbound.text(FAN, 'sleep 8', '5003'), 9000);
    expect(log).toEqual(['add msg:5003 customer-service', 'done msg:5003']);
  });
  it('on close, a held attempt stops holding: at its budget it answers by the fallback; unfinished, the push stays journaled', async () => {
    const { journal, entries } = memoryJournal();
    const { webhook } = build({ slow: ['stretch', 'pull'], journal });
    let body: string | undefined;
    // 60 s: longer than any grace.
    void webhook
      .handle(pushRequest('plain', inbound.text(FAN, 'sleep 60', '5101')))
      .then((r) => (body = r.body));
    await vi.advanceTimersByTimeAsync(1000);
    const closing = webhook.close({ graceMs: 5000 });
    await vi.advanceTimersByTimeAsync(3000);
    // Still within its budget (4.5 s from its arrival): the answer could yet come.
    expect(body).toBeUndefined();
    await vi.advanceTimersByTimeAsync(600);
    expect(text(body!)).toBe(DEFAULT_PULL_TEXT);
    await vi.advanceTimersByTimeAsync(1400);
    await expect(closing).resolves.toEqual({ unfinished: 1 });
    expect([...entries.keys()]).toEqual(['msg:5101']);
  });
});
