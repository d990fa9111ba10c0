import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { fetchHandler } from '../../../src/webhook/adapters/fetch.js';
import { DEFAULT_MAX_BODY_BYTES } from '../../../src/webhook/index.js';
import {
  describeAdapter,
  echoWebhook,
  listen,
  repliedText,
  textPush,
  verificationSearch,
  type Answer,
} from './shared.js';

describeAdapter('fetch (Hono on @hono/node-server)', (webhook) => {
  const handler = fetchHandler(webhook);
  const app = new Hono().all('/wx', (c) => handler(c.req.raw));
  return listen(createAdaptorServer({ fetch: app.fetch }));
});

const BASE = 'http://wxmp.test/wx';

async function answerOf(response: Response): Promise<Answer> {
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
  };
}

/** A POST whose streamed body never ends on its own, counting the chunks pulled from it. */
function endlessPost(url: string, chunkBytes: number, headers: Record<string, string> = {}) {
  let pulls = 0;
  const chunk = new Uint8Array(chunkBytes).fill(0x20);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls += 1;
      controller.enqueue(chunk);
    },
  });
  // `duplex` is required for a streamed body; the DOM typings of this TypeScript version do not list it yet.
  const init: RequestInit & { duplex: 'half' } = { method: 'POST', body, headers, duplex: 'half' };
  return { request: new Request(url, init), pulls: () => pulls };
}

describe('fetch adapter: handler(new Request(…)) without a server', () => {
  const handler = fetchHandler(echoWebhook());

  it('answers the URL verification GET with the echostr', async () => {
    const response = await handler(new Request(`${BASE}${verificationSearch('direct-echo')}`));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('direct-echo');
  });

  it('echoes a plain-mode text message in a reply WeChat accepts', async () => {
    const push = textPush('direct 你好');
    const response = await handler(new Request(`${BASE}${push.search}`, { method: 'POST', body: push.body }));
    expect(repliedText(await answerOf(response))).toBe('direct 你好');
  });

  it('answers a safe-mode push with an encrypted envelope WeChat accepts', async () => {
    const push = textPush('direct safe', 'safe');
    const response = await handler(new Request(`${BASE}${push.search}`, { method: 'POST', body: push.body }));
    expect(repliedText(await answerOf(response), 'safe')).toBe('direct safe');
  });

  it('stops reading an endless streamed body once it passes the limit and answers 413', async () => {
    const body = endlessPost(`${BASE}${textPush('endless').search}`, 64 * 1024);
    const response = await handler(body.request);
    expect(response.status).toBe(413);
    expect(await response.text()).toBe(`body exceeds ${DEFAULT_MAX_BODY_BYTES} bytes`);
    expect(response.headers.get('connection')).toBe('close');
    // 16 chunks of 64 KiB are exactly the limit; the 17th passes it. A stream buffers at most one more.
    expect(body.pulls()).toBeLessThanOrEqual(18);
  });

  it('answers 413 from a Content-Length over the limit without reading the body', async () => {
    const declared = { 'content-length': String(DEFAULT_MAX_BODY_BYTES + 1) };
    const body = endlessPost(`${BASE}${textPush('declared').search}`, 1024, declared);
    const response = await handler(body.request);
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(body.pulls()).toBeLessThanOrEqual(1);
  });

  it('answers 500 saying to mount the webhook first when middleware already read the body', async () => {
    const push = textPush('read before');
    const request = new Request(`${BASE}${push.search}`, { method: 'POST', body: push.body });
    await request.text();
    const response = await handler(request);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('mount the webhook route before middleware that reads the body');
  });

  it('answers PUT with 405', async () => {
    const response = await handler(new Request(BASE, { method: 'PUT', body: '<xml/>' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
  });
});
