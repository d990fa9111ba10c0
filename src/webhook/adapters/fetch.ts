/**
 * fetch-style adapter (`Request` in, `Response` out) for Hono, Bun, Deno and Cloudflare Workers. It uses only
 * web-standard APIs; the core it calls uses `node:crypto` and `Buffer`, which Bun and Deno provide and Workers
 * expose under the `nodejs_compat` flag. A body that middleware already read is answered with a 500 that says so.
 * @module
 */
import { textResponse, tooLarge, type Webhook, type WebhookResponse } from '../index.js';

const USED =
  'the request body was read before the WeChat webhook: mount the webhook route before middleware that reads the body';

/**
 * Reads a request body up to `limit` bytes; resolves `undefined` (and cancels the stream) as soon as the declared
 * Content-Length or the bytes read pass the limit, without buffering the rest.
 *
 * @example
 * ```ts
 * const request = new Request('https://example.com/wx', { method: 'POST', body: '<xml></xml>' });
 * const body = await readRequestBody(request, 1024 * 1024); // the 11 bytes; undefined past the limit
 * ```
 */
export async function readRequestBody(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const stream = request.body;
  if (Number(request.headers.get('content-length')) > limit) {
    stream?.cancel().catch(() => undefined);
    return undefined;
  }
  if (stream === null) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

async function respond(webhook: Webhook, request: Request): Promise<WebhookResponse> {
  const { method, url } = request;
  if (method !== 'POST') return webhook.handle({ method, url });
  // The signature covers the exact bytes: a body some middleware already read cannot be verified.
  if (request.bodyUsed) return textResponse(500, USED);
  const body = await readRequestBody(request, webhook.maxBodyBytes);
  if (body === undefined) return tooLarge(webhook.maxBodyBytes);
  return webhook.handle({ method, url, body });
}

/**
 * A fetch-style handler serving the webhook (on any path it is mounted at).
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createWebhook } from 'wxmp';
 * const handler = fetchHandler(createWebhook(bot, { token: 'AAAAA' }));
 * new Hono().all('/wx', (c) => handler(c.req.raw)); // Hono
 * export default { fetch: handler }; // Bun, Deno, Cloudflare Workers
 * ```
 */
export function fetchHandler(webhook: Webhook): (request: Request) => Promise<Response> {
  return async (request) => {
    const answer = await respond(webhook, request);
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
}
