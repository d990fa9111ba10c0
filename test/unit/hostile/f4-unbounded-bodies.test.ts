/**
 * F4: unbounded bodies with a key. The proxy checked its limit only against a declared Content-Length: a chunked
 * 1 GiB body cost 3 GB of RSS before the 413; `/token/invalidate` had no limit at all (500 MiB → 1.6 GB). Now every
 * body is read as a stream and reading stops at the limit, chunked or not.
 */
import { describe, expect, it } from 'vitest';
import { createProxy } from '../../../src/services/proxy.js';
import { createTokenServer } from '../../../src/services/token-server.js';
import type { TokenManager } from '../../../src/token/manager.js';

const KEY = 'client-key-0123456789-abcdef';

/** An endless chunked body (no Content-Length) that counts what the server pulled from it. */
function endlessBody(): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      // 64 MiB at most, so a server that reads to the end still ends.
      if (pulled >= 64 * 1024 * 1024) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { body, pulled: () => pulled };
}

const post = (body: ReadableStream<Uint8Array>) =>
  ({
    method: 'POST',
    body,
    duplex: 'half',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
  }) as RequestInit;

describe('F4: chunked bodies past the limit', () => {
  it('the proxy stops reading at its limit and answers 413', async () => {
    const tokenProvider = { getToken: () => Promise.resolve('T'), invalidate: () => Promise.resolve() };
    const { app } = createProxy({ tokenProvider, clientKeys: [KEY], maxBodyBytes: 1024 * 1024 });
    const endless = endlessBody();
    const res = await app.request('/cgi-bin/media/upload?type=image', post(endless.body));
    expect(res.status).toBe(413);
    expect(endless.pulled()).toBeLessThanOrEqual(1024 * 1024 + 128 * 1024);
  });

  it('the token server stops reading an invalidation at 8 KiB and answers 413', async () => {
    const tokens = {
      peek: () => Promise.resolve({ accessToken: 'T', expiresAt: Date.now() + 60_000 }),
      invalidate: () => Promise.resolve(),
      close: () => Promise.resolve(),
    } as unknown as TokenManager;
    const { app } = createTokenServer({ tokens, clientKeys: [KEY] });
    const endless = endlessBody();
    const res = await app.request('/token/invalidate', post(endless.body));
    expect(res.status).toBe(413);
    expect(endless.pulled()).toBeLessThanOrEqual(128 * 1024);
  });
});
