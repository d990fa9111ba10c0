/**
 * Shared set-up of the slow-handler strategies' tests, on a fake clock: WeChat's attempts are played as WeChat sends
 * them (the same request at 0, 5 and 10 s; each cut at 5 s), and each answer is read with the moment it was given.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { createWebhook, type Webhook, type WebhookOptions } from '../../../../src/webhook/handler.js';
import type { AnswerVia } from '../../../../src/webhook/observer.js';
import { Router } from '../../../../src/webhook/router.js';
import { NOW, TOKEN, pushRequest, recordingLogger } from '../support.js';

/** WeChat's cut of each attempt. */
export const CUT_MS = 5000;

/** A bot answering `sleep N` after N seconds with `slept N s` (or `answer`), counting its runs. */
export function slowBot(answer?: (n: number) => string) {
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

export function build(options: Partial<WebhookOptions>, answer?: (n: number) => string) {
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
export interface Answered {
  attempt: number;
  at: number;
  body: string;
}

/** Plays WeChat's three attempts of one push: a new attempt at each cut, as long as the last one got nothing. */
export async function wechatPush(webhook: Webhook, xml: string, untilMs = 30_000): Promise<Answered[]> {
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
export function seen(got: Answered[]): Answered | undefined {
  return got.find((g) => g.at <= g.attempt * CUT_MS);
}

/** The text of a rendered text reply. */
export const text = (body: string) => /<Content><!\[CDATA\[([\s\S]*?)\]\]><\/Content>/.exec(body)?.[1];

/** Fakes the clock (timers and `Date`) around each test of the calling file. */
export function useFakeClock(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());
}
