/**
 * Fuzz: raw HTTP on loopback. Generated requests (methods, paths, versions, headers with hostile Content-Length and
 * Transfer-Encoding values, bodies plain, chunked or broken, and plain garbage) go to `startWebhookServer` with its
 * default limits, one connection each. Whatever arrives, the answer (if any) is HTTP with a status below 500, and the
 * server keeps serving.
 */
import fc from 'fast-check';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPush, inbound } from '../../src/push/index.js';
import { startWebhookServer, type RunningServer } from '../../src/services/webhook-server.js';
import { createWebhook } from '../../src/webhook/handler.js';
import { Router } from '../../src/webhook/router.js';
import { hostileText, mutated, runs, settings, tally } from './budget.js';

const TOKEN = 'fuzzTokenSecret7';
let server: RunningServer;
beforeAll(async () => {
  const bot = new Router();
  bot.on('text', (ctx) => ctx.message.content);
  const webhook = createWebhook(bot, {
    token: TOKEN,
    dedup: false,
    replayGuard: false,
    refusalLogIntervalMs: 0,
  });
  server = await startWebhookServer({ webhook, port: 0, host: '127.0.0.1', shutdownGraceMs: 1000 });
});
afterAll(() => server.close());

/** Sends `bytes` on a fresh connection, half-closes it, and resolves what came back before the server closed it. */
function exchange(bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => socket.destroy(), 5000);
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.end(bytes);
  });
}

const push = buildPush(inbound.text({ from: 'oFan', to: 'gh' }, 'hi'), { token: TOKEN, mode: 'plain' });
const headerName = fc.oneof(
  fc.constantFrom('Content-Length', 'Transfer-Encoding', 'Host', 'Connection', 'Expect', 'Content-Type'),
  fc.string({ maxLength: 12 }),
);
const headerValue = fc.oneof(
  fc.constantFrom(
    'chunked',
    'gzip, chunked',
    '-1',
    '0',
    '99999999999999999999',
    '1e3',
    'close',
    '100-continue',
  ),
  fc.nat().map(String),
  hostileText,
);
const chunked = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.nat(200).map((n) => n.toString(16)),
        hostileText,
      ),
      hostileText,
    ),
    { maxLength: 4 },
  )
  .map((chunks) => chunks.map(([size, data]) => `${size}\r\n${data}\r\n`).join('') + '0\r\n\r\n');
const request = fc
  .record({
    method: fc.oneof(fc.constantFrom('POST', 'GET', 'HEAD', 'PUT', 'OPTIONS'), fc.string({ maxLength: 8 })),
    path: fc.oneof(mutated(`/wx${push.search}`), fc.constant(`/wx${push.search}`), hostileText),
    version: fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1x', ''),
    headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 5 }),
    body: fc.oneof(fc.constant(push.body), mutated(push.body), chunked, hostileText),
  })
  .map(
    ({ method, path, version, headers, body }) =>
      `${method} ${path} ${version}\r\nHost: x\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n${body}`,
  );
const garbage = fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes));

describe('fuzz: raw HTTP', () => {
  it('generated requests get HTTP answers below 500, or a closed connection, and the server keeps serving', async () => {
    let count = 0;
    const numRuns = runs(15_000);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          request.map((text) => Buffer.from(text, 'utf8')),
          garbage,
        ),
        async (bytes) => {
          count++;
          const answer = await exchange(bytes);
          if (answer === '') return;
          const status = /^HTTP\/1\.[01] (\d{3}) /.exec(answer);
          expect(status, answer.slice(0, 80)).not.toBeNull();
          expect(Number(status![1]), answer.slice(0, 200)).toBeLessThan(500);
        },
      ),
      settings(numRuns),
    );
    const res = await fetch(`${server.url}/wx${push.search}`, { method: 'POST', body: push.body });
    expect(res.status).toBe(200);
    tally('raw HTTP', count);
    expect(count).toBe(numRuns);
  });
});
