/**
 * node:http adapter: `http.createServer(nodeHandler(webhook))`, or mount it in any connect-style stack. Also the
 * shared body rule of the adapters built on node:http (Express, Koa).
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { atEndOfTurn } from '../../http-server/end-of-turn.js';
import { textResponse, tooLarge, type Webhook, type WebhookRequest, type WebhookResponse } from '../index.js';

/**
 * Reads a request body up to `limit` bytes; resolves `undefined` as soon as the limit is passed, without buffering
 * the rest.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * createServer(async (req, res) => {
 *   const body = await readBody(req, 1024 * 1024);
 *   res.end(body === undefined ? 'too large' : `${body.length} bytes`);
 * });
 * ```
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop reading: drop what we have and let the rest drain into nothing.
        chunks.length = 0;
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// The 413 with `connection: close` lives in the core, shared with the fetch adapter; re-exported here as before.
export { tooLarge } from '../index.js';

/**
 * Writes a webhook response to a node:http response.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * createServer(async (req, res) => {
 *   sendResponse(res, await webhook.handle({ method: req.method ?? 'GET', url: req.url ?? '/' }));
 * });
 * ```
 */
export function sendResponse(res: ServerResponse, response: WebhookResponse): void {
  // A flat [name, value, …] list is the cheapest form of writeHead (no object walk, no spread).
  const headers: string[] = ['content-length', String(Buffer.byteLength(response.body))];
  for (const name in response.headers) headers.push(name, response.headers[name]!);
  res.writeHead(response.status, headers);
  res.end(response.body);
}

/**
 * What a body parser that ran before the webhook left behind.
 */
export interface ParsedBody {
  /** `req.body`, `ctx.request.rawBody`, …: a string or bytes are used as the body. */
  value: unknown;
  /** How to fix a body that a parser consumed into an object, for the 500 answer and the process warning. */
  hint: string;
}

/**
 * Answers one node:http request with the webhook. The body is, in order: a string or bytes a body parser left in
 * `parsed.value`; else the raw stream, read up to `webhook.maxBodyBytes` (413 past it). A stream that a parser has
 * already consumed into something else cannot be verified byte for byte, so it is answered with a 500 that says how
 * to mount the webhook (the same text goes to `process.emitWarning`, as WeChat never shows the answer to anyone).
 *
 * @example
 * ```ts
 * import express from 'express';
 * express().post('/wx', express.text({ type: () => true }), async (req, res) => {
 *   const response = await handleNodeRequest(webhook, req, { value: req.body, hint: 'keep express.text() first' });
 *   sendResponse(res, response);
 * });
 * ```
 */
export async function handleNodeRequest(
  webhook: Webhook,
  req: IncomingMessage,
  parsed?: ParsedBody,
): Promise<WebhookResponse> {
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  if (method !== 'POST') return webhook.handle({ method, url });
  const value = parsed?.value;
  if (typeof value === 'string' || value instanceof Uint8Array)
    return webhook.handle({ method, url, body: value });
  // body-parser marks what it read with `_body`; any reader leaves the stream ended.
  if (req.readableEnded || (req as { _body?: unknown })._body === true) {
    const reason = `the request body was consumed by a body parser before the WeChat webhook: ${parsed?.hint ?? 'give the webhook the raw body'}`;
    process.emitWarning(reason, { code: 'WXMP_BODY_CONSUMED' });
    return textResponse(500, reason);
  }
  const body = await readBody(req, webhook.maxBodyBytes);
  return body === undefined ? tooLarge(webhook.maxBodyBytes) : webhook.handle({ method, url, body });
}

/** How long a refused body may keep arriving (read into nothing) before the 413 goes out anyway. */
const LINGER_MS = 1000;

/**
 * Refuses a body past the limit with a 413 once the client has finished sending it, reading the rest into nothing
 * (no memory) for at most {@link LINGER_MS}. Answered while the client still sends, the 413's `connection: close`
 * closes a socket with unread bytes, the kernel resets it, and the client sees the reset instead of the 413 (45 of
 * 200 signed 1 MB pushes in one CI run). nginx lingers the same way (`lingering_close`). A client that sends for
 * longer gets the 413 at {@link LINGER_MS}, and the server's request timeout ends the connection in any case.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  const refuse = () => {
    clearTimeout(timer);
    if (!res.headersSent && !res.destroyed) sendResponse(res, tooLarge(limit));
  };
  const timer = setTimeout(refuse, LINGER_MS);
  req
    .once('end', refuse)
    .once('close', () => clearTimeout(timer))
    .resume();
}

const CONSUMED_HINT =
  'mount the webhook before the body parser, or have the parser keep the raw body as a string or Buffer in req.body';

/**
 * A node:http request listener serving the webhook (on any path it is mounted at). The answers of one turn of the
 * event loop are written together at its end, which saves the peer (nginx) a wake-up per answer.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createWebhook } from 'wxmp';
 * createServer(nodeHandler(createWebhook(bot, { token: 'AAAAA' }))).listen(3000);
 * ```
 */
export function nodeHandler(webhook: Webhook): (req: IncomingMessage, res: ServerResponse) => void {
  const limit = webhook.maxBodyBytes;
  const fail = (res: ServerResponse) => {
    if (!res.headersSent) res.writeHead(500);
    res.end();
  };
  // Every answer, ready at once or later, goes out with the others of its turn (see end-of-turn.ts for why).
  const send = atEndOfTurn((res: ServerResponse, response: WebhookResponse) => {
    try {
      sendResponse(res, response);
    } catch {
      fail(res);
    }
  });
  // Hot path: a bot that answers without awaiting is answered in the same turn, with no promise and no microtask
  // (`webhook.respond`); in an A/B run with the bench set-up, that alone took a plain-mode push from 40.5 to 38.0 µs
  // of server CPU.
  const answer = (res: ServerResponse, request: WebhookRequest) => {
    const response = webhook.respond(request);
    if (response instanceof Promise)
      response.then(
        (ready) => send(res, ready),
        () => fail(res),
      );
    else send(res, response);
  };
  return (req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    if (method !== 'POST') return void answer(res, { method, url });
    // In a connect-style stack a body parser may have run first: use the string or bytes it left in `req.body`,
    // or say how to mount the webhook (the stream is gone, and waiting for its 'end' would never answer).
    // `readableEnded` first: reading the absent `req.body` of every push cost ~0.7 µs (A/B, bench set-up, 9 rounds).
    if (req.readableEnded) {
      const parsed = (req as { body?: unknown }).body;
      handleNodeRequest(webhook, req, { value: parsed, hint: CONSUMED_HINT }).then(
        (response) => send(res, response),
        () => fail(res),
      );
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (declared > limit) return refuseTooLarge(req, res, limit);
    let first: Buffer | undefined;
    let rest: Buffer[] | undefined;
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop collecting: the rest drains into nothing.
        req.off('data', onData).off('end', onEnd);
        first = rest = undefined;
        refuseTooLarge(req, res, limit);
      } else if (first === undefined) first = chunk;
      else (rest ??= [first]).push(chunk);
    };
    const onEnd = () =>
      void answer(res, { method, url, body: rest ? Buffer.concat(rest) : (first ?? Buffer.alloc(0)) });
    req
      .on('data', onData)
      .on('end', onEnd)
      .on('error', () => fail(res));
  };
}
