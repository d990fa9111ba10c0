import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHandler } from '../../../src/webhook/adapters/node.js';
import { createWebhook, Router } from '../../../src/webhook/index.js';
import { describeAdapter, KEYS, listen, repliedText, send, textPush, type Served } from './shared.js';

describeAdapter('node:http', (webhook) => listen(createServer(nodeHandler(webhook))));

// The echo bot of the shared suite answers synchronously (the adapter writes in the same turn); a bot that awaits
// takes the adapter's promise path.
describe('node:http adapter: a bot that awaits', () => {
  let served: Served | undefined;
  beforeAll(async () => {
    const bot = new Router();
    bot.on('text', async (ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return `later: ${ctx.message.content}`;
    });
    served = await listen(createServer(nodeHandler(createWebhook(bot, KEYS))));
  });
  afterAll(() => served?.close());

  it.each(['plain', 'safe'] as const)('answers in %s mode once the handler resolves', async (mode) => {
    const push = textPush(`async ${mode}`, mode);
    const answer = await send(`${served!.url}${push.search}`, { method: 'POST', body: push.body });
    expect(repliedText(answer, mode)).toBe(`later: async ${mode}`);
  });
});
