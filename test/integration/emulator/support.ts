/**
 * Loopback servers for the emulator's push tests: a bot behind `createWebhook`, or a raw server answering whatever
 * a test wants, both recording every request exactly as it arrived.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../../src/emulator/app.js';
import { DEFAULT_ACCOUNT } from '../../../src/emulator/defaults.js';
import { DEFAULT_FAN } from '../../../src/emulator/fans/create-fan.js';
import { expect } from 'vitest';
import type { EncryptionMode } from '../../../src/crypto/mode.js';
import type { ChatEntry, ChatMsgType } from '../../../src/emulator/chat-entry.js';
import { handleNodeRequest, sendResponse } from '../../../src/webhook/adapters/node.js';
import { createWebhook } from '../../../src/webhook/handler.js';
import type { Router } from '../../../src/webhook/router.js';

export const FAN = DEFAULT_FAN.openid;
export const ACCOUNT = DEFAULT_ACCOUNT;

/** A request as the server received it. */
export interface Received {
  url: string;
  body: string;
}

export interface Loopback {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function listen(server: Server, received: Received[]): Promise<Loopback> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/wx`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A raw server: `answer` decides the status and body of each request (it may also never answer). */
export function rawServer(answer: (req: Received, res: ServerResponse) => void): Promise<Loopback> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    void readAll(req).then((body) => {
      const entry = { url: req.url ?? '', body };
      received.push(entry);
      answer(entry, res);
    });
  });
  return listen(server, received);
}

/** A real webhook (`createWebhook(bot)`) with the emulator's default keys, recording raw requests first. */
export function botServer(
  bot: Router,
  options: { onRequest?: (count: number) => void } = {},
): Promise<Loopback> {
  const received: Received[] = [];
  const webhook = createWebhook(bot, {
    token: ACCOUNT.token,
    appId: ACCOUNT.appId,
    encodingAESKey: ACCOUNT.encodingAESKey,
  });
  const server = createServer((req, res) => {
    void readAll(req).then(async (body) => {
      received.push({ url: req.url ?? '', body });
      options.onRequest?.(received.length);
      sendResponse(res, await handleNodeRequest(webhook, req, { value: body, hint: '' }));
    });
  });
  return listen(server, received);
}

/** An emulator (not listening) pushing to `webhookUrl` in `mode`. */
export function emulatorFor(
  webhookUrl: string,
  mode: EncryptionMode = 'plain',
  options: EmulatorOptions = {},
): Emulator {
  return createEmulator({ ...options, account: { webhookUrl, mode, ...options.account } });
}

/** The entry, checked to be of `msgType` (the assertion narrows its payload's type). */
export function entryOf<T extends ChatMsgType>(
  entry: ChatEntry | undefined,
  msgType: T,
): ChatEntry & { msgType: T } {
  expect(entry?.msgType).toBe(msgType);
  return entry as ChatEntry & { msgType: T };
}
