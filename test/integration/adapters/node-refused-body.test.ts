/**
 * The node adapter's 413 reaches a client that is still sending: the refused body is read into nothing until the
 * client has sent it, then answered. Answered earlier, `connection: close` closed a socket with unread bytes, the
 * kernel reset it, and the client saw a reset instead of the 413 (45 of 200 signed 1 MB pushes in one CI run).
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEchoBot } from '../../../src/examples/echo.js';
import { nodeHandler } from '../../../src/webhook/adapters/node.js';
import { createWebhook } from '../../../src/webhook/index.js';
import { KEYS, textPush } from './shared.js';

const LIMIT = 4096;

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer(nodeHandler(createWebhook(createEchoBot(), { ...KEYS, maxBodyBytes: LIMIT })));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

/**
 * Sends a signed push whose body is `LIMIT * 4` bytes in two halves with a pause between them, with or without a
 * Content-Length; returns what arrived during the pause and the whole answer.
 */
async function sendInTwoHalves(declareLength: boolean): Promise<{ duringPause: string; answer: string }> {
  const { search } = textPush('big');
  const body = Buffer.alloc(LIMIT * 4, 0x20);
  const half = body.length / 2;
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  const closed = new Promise<void>((done) => socket.on('close', () => done()));
  await new Promise<void>((done) => socket.once('connect', () => done()));
  const framing = declareLength ? `content-length: ${body.length}` : 'transfer-encoding: chunked';
  socket.write(`POST /wx${search} HTTP/1.1\r\nhost: localhost\r\n${framing}\r\n\r\n`);
  const chunk = (bytes: Buffer) =>
    declareLength
      ? bytes
      : Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]);
  socket.write(chunk(body.subarray(0, half)));
  await new Promise((done) => setTimeout(done, 300));
  const duringPause = received;
  socket.write(chunk(body.subarray(half)));
  if (!declareLength) socket.write('0\r\n\r\n');
  await closed;
  return { duringPause, answer: received };
}

describe('node adapter: a body past maxBodyBytes', () => {
  it.each([
    ['a declared Content-Length', true],
    ['a chunked body', false],
  ])(
    'with %s is answered 413 once the client has sent it, then the connection closes',
    async (_, declare) => {
      const { duringPause, answer } = await sendInTwoHalves(declare);
      expect(duringPause).toBe('');
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer).toMatch(/\r\nconnection: close\r\n/i);
      expect(answer).toContain(`body exceeds ${LIMIT} bytes`);
    },
  );
});
