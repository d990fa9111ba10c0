import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { bufferBody } from '../../../../src/services/proxy/body.js';
import type { ProxyEnv } from '../../../../src/services/proxy/env.js';

function app(maxBodyBytes: number) {
  const app = new Hono<ProxyEnv>();
  app.use(bufferBody(maxBodyBytes));
  app.all('*', (c) => c.text(String(c.get('body').byteLength)));
  return app;
}

const TOO_LARGE = { error: 'BODY_TOO_LARGE', message: 'Request bodies are limited to 4 bytes' };

describe('bufferBody', () => {
  it('buffers a body up to the limit, and an empty one', async () => {
    expect(await (await app(4).request('/x', { method: 'POST', body: 'abcd' })).text()).toBe('4');
    expect(await (await app(4).request('/x')).text()).toBe('0');
  });

  it('answers 413 when the declared length is above the limit', async () => {
    const res = await app(4).request('/x', {
      method: 'POST',
      body: 'abc',
      headers: { 'content-length': '5' },
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual(TOO_LARGE);
  });

  it('answers 413 when the body read is above the limit, whatever was declared', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('abcde'));
        controller.close();
      },
    });
    const res = await app(4).request('/x', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual(TOO_LARGE);
  });
});
