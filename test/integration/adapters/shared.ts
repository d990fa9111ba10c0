/**
 * Shared scaffolding of the adapter suites: one echo webhook, WeChat-style pushes (src/push), a node:http client
 * that can send a chunked body without Content-Length, and the behaviour every adapter must show.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import type { Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { computeSignature } from '../../../src/crypto/signature.js';
import { createEchoBot } from '../../../src/examples/echo.js';
import {
  buildPush,
  checkReply,
  inbound,
  type EncryptionMode,
  type PushRequest,
} from '../../../src/push/index.js';
import { createWebhook, DEFAULT_MAX_BODY_BYTES, type Webhook } from '../../../src/webhook/index.js';

export const KEYS = {
  token: 'wxmpAdapterToken',
  appId: 'wx5823bf96d3bd56c7',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};
export const FAN = 'oFanAdapterTest';
export const ACCOUNT = 'gh_adapter';

/** The echo bot behind a webhook that knows the AES key (so it takes plain and safe pushes alike). */
export function echoWebhook(): Webhook {
  return createWebhook(createEchoBot(), KEYS);
}

/** A text message from the fan, signed (and in safe mode encrypted) as WeChat pushes it. */
export function textPush(content: string, mode: EncryptionMode = 'plain'): PushRequest {
  return buildPush(inbound.text({ to: ACCOUNT, from: FAN }, content), { ...KEYS, mode });
}

/** A signed push query with an XML body of `size` bytes (valid signature: only the size is wrong). */
export function oversizedPush(size = DEFAULT_MAX_BODY_BYTES + 1): PushRequest {
  const push = textPush('big');
  return { ...push, body: `<xml>${' '.repeat(size - '<xml></xml>'.length)}</xml>` };
}

/** The query of WeChat's URL verification GET. */
export function verificationSearch(echostr: string): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = '1234567';
  const signature = computeSignature(KEYS.token, timestamp, nonce);
  return `?${new URLSearchParams({ signature, timestamp, nonce, echostr }).toString()}`;
}

/** Checks an answer as WeChat would and returns the text it replied. */
export function repliedText(answer: Answer, mode: EncryptionMode = 'plain'): string | undefined {
  const verdict = checkReply(answer.status, answer.body, {
    keys: { ...KEYS, mode },
    fan: FAN,
    account: ACCOUNT,
    answersUserMessage: true,
  });
  expect(verdict).toMatchObject({ ok: true });
  return verdict.ok && verdict.reply.type === 'text' ? verdict.reply.content : undefined;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SendOptions {
  method?: string;
  /** Sent with its Content-Length (unless `headers` declare another). */
  body?: string;
  /** `false`: write `body` but never end the request, as a sender that stalls or lies about Content-Length. */
  end?: boolean;
  /** Instead of `body`: chunked spaces without Content-Length, written until the answer comes, never ended. */
  endless?: boolean;
  headers?: Record<string, string>;
}

const CHUNK = Buffer.alloc(64 * 1024, 0x20);
/** An endless body stops growing here and then just waits, so a server that reads to the end never answers. */
const ENDLESS_CAP = 64 * 1024 * 1024;

/**
 * Sends one request on a fresh connection and resolves on the answer, then drops the connection. A request that
 * is still being written when the answer comes (413) is thereby abandoned, so its write errors do not matter.
 */
export function send(url: string, options: SendOptions = {}): Promise<Answer> {
  const { method = 'POST', body, end = true, endless = false } = options;
  const headers: Record<string, string | number> = { 'content-type': 'text/xml' };
  if (endless) headers['transfer-encoding'] = 'chunked';
  else if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
  Object.assign(headers, options.headers);
  let answered = false;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        answered = true;
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        req.destroy();
      });
      res.on('error', reject);
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    if (!endless) {
      if (end) req.end(body);
      else req.write(body ?? '');
      return;
    }
    let written = 0;
    const pump = (): void => {
      while (!answered && written < ENDLESS_CAP) {
        written += CHUNK.length;
        if (!req.write(CHUNK)) {
          req.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

/**
 * Runs `work` and returns it with the codes of the process warnings emitted meanwhile. They are caught, not printed:
 * a warning the test expects is its subject, not noise in the run's output.
 */
export async function withWarnings<T>(
  work: () => Promise<T>,
): Promise<{ value: T; warnings: (string | undefined)[] }> {
  const warnings: (string | undefined)[] = [];
  const spy = vi
    .spyOn(process, 'emitWarning')
    .mockImplementation((warning: string | Error, options?: unknown) => {
      const code =
        typeof options === 'object' && options !== null && 'code' in options
          ? String((options as { code?: unknown }).code)
          : typeof warning === 'object'
            ? (warning as Error & { code?: string }).code
            : undefined;
      warnings.push(code);
    });
  try {
    const value = await work();
    // Warnings are emitted on the next tick of the server side, which is this process.
    await new Promise((resolve) => setImmediate(resolve));
    return { value, warnings };
  } finally {
    spy.mockRestore();
  }
}

/**
 * Sends a push to a server where a body parser consumed the stream first, and checks the answer: 500 naming `fix`,
 * and a `WXMP_BODY_CONSUMED` process warning.
 */
export async function expectBodyConsumedAnswer(url: string, fix: string | RegExp): Promise<void> {
  const push = textPush('eaten');
  const { value: answer, warnings } = await withWarnings(() =>
    send(`${url}${push.search}`, { body: push.body }),
  );
  expect(answer.status).toBe(500);
  expect(answer.body).toMatch(fix);
  expect(warnings).toContain('WXMP_BODY_CONSUMED');
}

/** A running server: `url` is the webhook's address (with its path), `close` stops it. */
export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1, port 0, and serves the webhook at `path`. */
export async function listen(server: Server, path = '/wx'): Promise<Served> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  return {
    url: `http://127.0.0.1:${address.port}${path}`,
    close: () => new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

/** Starts a server for the adapter under test. */
export type Start = (webhook: Webhook) => Promise<Served>;

/**
 * Starts the server once and shares it with `suite`; the webhook is the echo bot.
 */
export function withServer(start: Start, suite: (server: () => Served) => void): void {
  let served: Served | undefined;
  beforeAll(async () => {
    served = await start(echoWebhook());
  });
  afterAll(async () => {
    await served?.close();
  });
  suite(() => {
    if (!served) throw new Error('the server did not start');
    return served;
  });
}

/**
 * Asks to keep the socket. `send` uses no agent, so node:http would otherwise send `Connection: close` itself and
 * every server would echo it, hiding whether the 413 closes the connection.
 */
const KEEP_ALIVE = { connection: 'keep-alive' };

/**
 * Checks a 413 answer: its body matches `body`, and it closes the connection (the adapters' own 413 says
 * `Connection: close`, and so does Fastify's), so a sender cannot keep the socket busy with the rest of the body.
 */
function expectTooLarge(answer: Answer, body: RegExp): void {
  expect(answer.status).toBe(413);
  expect(answer.body).toMatch(body);
  expect(answer.headers.connection).toBe('close');
}

/**
 * The behaviour every adapter shows, run against a real server on loopback. `tooLarge` matches the body of the 413
 * answer (the adapter's own, or the framework's).
 */
export function describeAdapter(name: string, start: Start, tooLarge = /body exceeds 131072 bytes/): void {
  describe(`${name} adapter: the webhook over HTTP`, () => {
    withServer(start, (server) => {
      it('answers the URL verification GET with 200 and the echostr', async () => {
        const answer = await send(`${server().url}${verificationSearch('echo-4711')}`, { method: 'GET' });
        expect(answer.status).toBe(200);
        expect(answer.body).toBe('echo-4711');
      });

      it('echoes a plain-mode text message in a reply WeChat accepts', async () => {
        const push = textPush('你好, adapter');
        const answer = await send(`${server().url}${push.search}`, { body: push.body });
        expect(repliedText(answer)).toBe('你好, adapter');
      });

      it('answers a safe-mode push with an encrypted envelope WeChat accepts', async () => {
        const push = textPush('secret 秘密', 'safe');
        const answer = await send(`${server().url}${push.search}`, { body: push.body });
        expect(answer.body).toContain('<Encrypt>');
        expect(answer.body).not.toContain('secret');
        expect(repliedText(answer, 'safe')).toBe('secret 秘密');
      });

      it('refuses a wrong signature with 401', async () => {
        const push = textPush('forged');
        const search = push.search.replace(/signature=[0-9a-f]+/, `signature=${'0'.repeat(40)}`);
        const answer = await send(`${server().url}${search}`, { body: push.body });
        expect(answer.status).toBe(401);
        expect(answer.body).toBe('invalid signature');
      });

      it('refuses a body over the limit (128 KiB) with 413 (Content-Length)', async () => {
        const push = oversizedPush();
        const answer = await send(`${server().url}${push.search}`, { body: push.body, headers: KEEP_ALIVE });
        expectTooLarge(answer, tooLarge);
      });

      it('refuses a Content-Length over the limit with 413 before the body arrives', async () => {
        const push = textPush('declared');
        const declared = String(DEFAULT_MAX_BODY_BYTES + 1);
        const answer = await send(`${server().url}${push.search}`, {
          body: '<xml>',
          end: false,
          headers: { ...KEEP_ALIVE, 'content-length': declared },
        });
        expectTooLarge(answer, tooLarge);
      });

      it('refuses an endless chunked body without Content-Length with 413 (it stops reading past the limit)', async () => {
        const push = textPush('endless');
        const answer = await send(`${server().url}${push.search}`, { endless: true, headers: KEEP_ALIVE });
        expectTooLarge(answer, tooLarge);
      });

      it('refuses malformed XML with 400', async () => {
        const push = textPush('broken');
        const answer = await send(`${server().url}${push.search}`, {
          body: '<xml><ToUserName>gh_adapter</xml',
        });
        expect(answer.status).toBe(400);
      });

      it('answers PUT with 405 and Allow: GET, POST', async () => {
        const push = textPush('put');
        const answer = await send(`${server().url}${push.search}`, { method: 'PUT', body: push.body });
        expect(answer.status).toBe(405);
        expect(answer.headers.allow).toBe('GET, POST');
      });
    });
  });
}
