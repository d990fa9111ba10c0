/**
 * A reproduction from the cluster proof (test/e2e/deploy/cluster.test.ts, 10,000 messages): with the
 * customer-service strategy, the first attempt's acknowledgement (`success` at the budget) reached WeChat after its
 * 5-s cut on a loaded machine, WeChat sent its next attempt, the answer came in while that attempt waited, and the
 * fan got the answer twice: as that attempt's passive reply and as a customer-service message (52 of 2,000 slow
 * messages). Once an attempt has been acknowledged with a fallback, the fallback delivers, and later attempts answer
 * `success`.
 */
import { describe, expect, it } from 'vitest';
import { buildPush, inbound } from '../../../src/push/index.js';
import type { Reply } from '../../../src/replies/types.js';
import { createWebhook } from '../../../src/webhook/handler.js';
import { Router } from '../../../src/webhook/router.js';

const TOKEN = 'AAAAA';

describe('customer-service strategy: an attempt after the acknowledgement', () => {
  it('answers success when the answer comes in while it waits; the answer goes once, by customer service', async () => {
    let release: (text: string) => void = () => {};
    const answer = new Promise<string>((resolve) => (release = resolve));
    const bot = new Router();
    bot.on('text', () => answer);
    const delivered: Reply[] = [];
    const webhook = createWebhook(bot, {
      token: TOKEN,
      replyBudgetMs: 100,
      slow: ['customer-service'],
      lateReply: (_message, reply) => void delivered.push(reply),
    });
    const push = buildPush(inbound.text({ to: 'gh_1', from: 'oFan' }, 'think'), {
      token: TOKEN,
      mode: 'plain',
    });
    const request = { method: 'POST', url: `/wx${push.search}`, body: push.body };
    // The first attempt is acknowledged at the budget (WeChat cut it before this reached it).
    expect((await webhook.handle(request)).body).toBe('success');
    // WeChat's next attempt; the answer comes in while it waits.
    const second = webhook.handle(request);
    setTimeout(() => release('the answer'), 20);
    expect((await second).body).toBe('success');
    await expect.poll(() => delivered.length).toBe(1);
    expect(delivered).toEqual([{ type: 'text', content: 'the answer' }]);
    await webhook.close({ graceMs: 1000 });
    expect(delivered).toHaveLength(1);
  });
});
