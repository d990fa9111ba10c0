import { describe, expect, it } from 'vitest';
import { fetchWithDeadline, readText } from '../../../src/wechat-http/fetch-with-deadline.js';

const ENDPOINT = '/cgi-bin/menu/get';
const URL = 'https://api.example.test/cgi-bin/menu/get?access_token=SECRET_TOKEN';

describe('fetchWithDeadline and readText', () => {
  it('read a whole answer within the deadline', async () => {
    const fetched = await fetchWithDeadline(
      () => Promise.resolve(new Response('{"errcode":0}')),
      URL,
      { method: 'GET' },
      1000,
      ENDPOINT,
    );
    expect(await readText(fetched, ENDPOINT)).toBe('{"errcode":0}');
  });

  it('the deadline covers a body still being read: TIMEOUT, without the token of the URL', async () => {
    // Headers at once, then a body that never ends until the deadline's signal aborts it (as undici does).
    const slowBody: typeof fetch = (_input, init) =>
      Promise.resolve(
        new Response(
          new ReadableStream({
            start(controller) {
              init?.signal?.addEventListener('abort', () => controller.error(init.signal!.reason));
            },
          }),
        ),
      );
    const fetched = await fetchWithDeadline(slowBody, URL, { method: 'GET' }, 20, ENDPOINT);
    const err = (await readText(fetched, ENDPOINT).catch((e: unknown) => e)) as Error & { code: string };
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toContain(`${ENDPOINT} did not answer within 20 ms`);
    expect(err.message).not.toContain('SECRET_TOKEN');
  });

  it('settle() stops the deadline of an answer handed on to be streamed', async () => {
    let signal: AbortSignal | undefined;
    const fetched = await fetchWithDeadline(
      (_input, init) => {
        signal = init?.signal ?? undefined;
        return Promise.resolve(new Response('file'));
      },
      URL,
      { method: 'GET' },
      10,
      ENDPOINT,
    );
    fetched.settle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(signal?.aborted).toBe(false);
  });
});
