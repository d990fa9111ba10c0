/**
 * The llm example bot against a fake OpenAI-compatible endpoint on loopback (node:http), whose delay the test sets:
 * no network. A fast answer is the passive reply; a slow one goes out by the strategies.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLlmBot } from '../../../src/examples/llm.js';
import { buildPush, inbound } from '../../../src/push/index.js';
import { createWebhook } from '../../../src/webhook/handler.js';
import { DEFAULT_PULL_TEXT } from '../../../src/webhook/slow/strategy.js';

const TOKEN = 'AAAAA';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const text = (body: string) => /<Content><!\[CDATA\[([\s\S]*?)\]\]><\/Content>/.exec(body)?.[1] ?? body;

/** The fake endpoint: answers `#<messages in the request> <last user message>` after `delayMs`. */
const fake = {
  delayMs: 0,
  status: 200,
  requests: [] as {
    auth: string | undefined;
    body: { model: string; messages: { role: string; content: string }[] };
  }[],
};
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as (typeof fake.requests)[number]['body'];
      fake.requests.push({ auth: req.headers.authorization, body });
      setTimeout(() => {
        if (fake.status !== 200) return void res.writeHead(fake.status).end('{"error":"down"}');
        const last = body.messages.at(-1)!.content;
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            choices: [{ message: { role: 'assistant', content: `#${body.messages.length} ${last}` } }],
          }),
        );
      }, fake.delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  fake.delayMs = 0;
  fake.status = 200;
  fake.requests.length = 0;
});

function webhookOf(maxTurns = 6) {
  const bot = createLlmBot({ baseUrl, apiKey: 'sk-test', model: 'test-model', maxTurns });
  return createWebhook(bot, {
    token: TOKEN,
    slow: ['stretch', 'pull'],
    replyBudgetMs: 800,
    wechatTimeoutMs: 1000,
  });
}

function request(from: string, content: string, msgId: string) {
  const push = buildPush(inbound.text({ to: 'gh_account', from }, content, msgId), {
    token: TOKEN,
    mode: 'plain',
  });
  return { method: 'POST', url: `/wx${push.search}`, body: push.body };
}

describe('the llm example bot', () => {
  it('asks the endpoint with the model, the key and the conversation so far, per fan', async () => {
    const webhook = webhookOf();
    expect(text((await webhook.handle(request('oA', '你好', '1'))).body)).toBe('#2 你好');
    expect(text((await webhook.handle(request('oA', '再说一次', '2'))).body)).toBe('#4 再说一次');
    // Another fan starts a conversation of their own.
    expect(text((await webhook.handle(request('oB', 'hi', '3'))).body)).toBe('#2 hi');
    expect(fake.requests[1]!.body).toMatchObject({
      model: 'test-model',
      messages: [
        { role: 'system' },
        { role: 'user', content: '你好' },
        { role: 'assistant', content: '#2 你好' },
        { role: 'user', content: '再说一次' },
      ],
    });
    expect(fake.requests[0]!.auth).toBe('Bearer sk-test');
    await webhook.close({ graceMs: 0 });
  });
  it('keeps only the last turns', async () => {
    const webhook = webhookOf(1);
    for (const [i, q] of ['a', 'b', 'c'].entries()) await webhook.handle(request('oC', q, `1${i}`));
    expect(
      fake.requests
        .at(-1)!
        .body.messages.map((m) => m.content)
        .slice(1),
    ).toEqual(['b', '#4 b', 'c']);
    await webhook.close({ graceMs: 0 });
  });
  it('a slow endpoint: the answer goes out on a held attempt (stretch)', async () => {
    fake.delayMs = 1500;
    const webhook = webhookOf();
    const req = request('oD', 'slow question', '20');
    const first = webhook.handle(req);
    await sleep(1000);
    const second = await webhook.handle(req); // WeChat's retry after its cut
    expect(text(second.body)).toBe('#2 slow question');
    expect((await first).body).toBe('success');
    expect(fake.requests).toHaveLength(1);
    await webhook.close({ graceMs: 0 });
  });
  it('slower than all attempts: the pull text, then the answer on the next message', async () => {
    fake.delayMs = 3200;
    const webhook = webhookOf();
    const req = request('oE', 'very slow', '30');
    void webhook.handle(req);
    await sleep(1000);
    void webhook.handle(req);
    await sleep(1000);
    expect(text((await webhook.handle(req)).body)).toBe(DEFAULT_PULL_TEXT);
    await sleep(1500);
    expect(text((await webhook.handle(request('oE', '?', '31'))).body)).toBe('#2 very slow');
    await webhook.close({ graceMs: 0 });
  });
  it('an endpoint failure is answered with an apology, and the question is not remembered', async () => {
    fake.status = 500;
    const webhook = webhookOf();
    expect(text((await webhook.handle(request('oF', 'x', '40'))).body)).toContain('抱歉');
    fake.status = 200;
    expect(text((await webhook.handle(request('oF', 'y', '41'))).body)).toBe('#2 y');
    await webhook.close({ graceMs: 0 });
  });
});
