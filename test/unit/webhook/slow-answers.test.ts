/**
 * The slow-handler strategies, on a fake clock: WeChat's attempts are played as WeChat sends them (the same request
 * at 0, 5 and 10 s; each cut at 5 s), and each answer is read with the moment it was given.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../../src/messages/types.js';
import { inbound } from '../../../src/push/index.js';
import type { Reply } from '../../../src/replies/types.js';
import { createWebhook, type Webhook, type WebhookOptions } from '../../../src/webhook/handler.js';
import type { AnswerVia } from '../../../src/webhook/observer.js';
import { Router } from '../../../src/webhook/router.js';
import type { Journal, JournalEntry } from '../../../src/webhook/slow/journal.js';
import { DEFAULT_PULL_MORE_TEXT, DEFAULT_PULL_TEXT } from '../../../src/webhook/slow/strategy.js';
import { FAN, NOW, TOKEN, pushRequest, recordingLogger } from './support.js';

const CUT_MS = 5000;

/** A bot answering `sleep N` after N seconds with `slept N s` (or `answer`), counting its runs. */
function slowBot(answer?: (n: number) => string) {
  const runs = { count: 0 };
  const bot = new Router();
  bot.on('text', async (ctx) => {
    runs.count += 1;
    const n = Number(/^sleep (\d+)$/.exec(ctx.message.content)?.[1] ?? 0);
    if (n === 0) return answer ? answer(0) : `echo ${ctx.message.content}`;
    await new Promise((r) => setTimeout(r, n * 1000));
    return answer ? answer(n) : `slept ${n} s`;
  });
  return { bot, runs };
}

function build(options: Partial<WebhookOptions>, answer?: (n: number) => string) {
  const { bot, runs } = slowBot(answer);
  const answers: AnswerVia[] = [];
  const logger = recordingLogger();
  const webhook = createWebhook(bot, {
    token: TOKEN,
    now: () => Date.now(),
    logger,
    // The test signs every push with one timestamp and nonce.
    replayGuard: false,
    observe: { onAnswer: (via) => void answers.push(via) },
    ...options,
  });
  return { webhook, runs, answers, logger };
}

/** What an attempt got and when (ms after the first attempt). */
interface Answered {
  attempt: number;
  at: number;
  body: string;
}

/** Plays WeChat's three attempts of one push: a new attempt at each cut, as long as the last one got nothing. */
async function wechatPush(webhook: Webhook, xml: string, untilMs = 30_000): Promise<Answered[]> {
  const request = pushRequest('plain', xml);
  const start = Date.now();
  const got: Answered[] = [];
  const attempts: number[] = [];
  const send = (attempt: number) => {
    attempts.push(attempt);
    void webhook.handle(request).then((r) => got.push({ attempt, at: Date.now() - start, body: r.body }));
  };
  send(1);
  for (let attempt = 2; attempt <= 3; attempt += 1) {
    await vi.advanceTimersByTimeAsync(CUT_MS);
    // WeChat retries only when the attempt before got nothing within the cut.
    const previous = got.find((g) => g.attempt === attempt - 1);
    if (previous && previous.at <= (attempt - 1) * CUT_MS) return finish();
    send(attempt);
  }
  return finish();

  async function finish() {
    await vi.advanceTimersByTimeAsync(Math.max(0, untilMs - (Date.now() - start)));
    return got.sort((a, b) => a.attempt - b.attempt);
  }
}

/** What the fan saw of a push: the answer of the attempt WeChat still listened to (within its cut). */
function seen(got: Answered[]): Answered | undefined {
  return got.find((g) => g.at <= g.attempt * CUT_MS);
}

const text = (body: string) => /<Content><!\[CDATA\[([\s\S]*?)\]\]><\/Content>/.exec(body)?.[1];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

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

describe('customer-service', () => {
  it('acknowledges at the budget, shows typing, and sends the answer as a customer-service message', async () => {
    const late: [Message, Reply][] = [];
    const typing: string[] = [];
    const { webhook, answers } = build({
      lateReply: (m, r) => void late.push([m, r]),
      typing: (openid) => Promise.resolve(void typing.push(openid)),
    });
    const got = await wechatPush(webhook, inbound.text(FAN, 'sleep 8', '3001'), 9000);
    expect(got).toEqual([{ attempt: 1, at: 4500, body: 'success' }]);
    expect(typing).toEqual([FAN.from]);
    expect(late.map(([, r]) => r)).toEqual([{ type: 'text', content: 'slept 8 s' }]);
    expect(answers).toEqual(['customer_service']);
  });
});

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
