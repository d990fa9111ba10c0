/** Shared set-up of the webhook's unit tests: one account, a recording logger, and signed pushes in every mode. */
import type { Logger } from '../../../src/logger.js';
import { parseMessage } from '../../../src/messages/parse.js';
import type { Message } from '../../../src/messages/types.js';
import { buildPush, inbound, type EncryptionMode, type PushKeys } from '../../../src/push/index.js';
import { reply } from '../../../src/replies/reply.js';
import type { Reply } from '../../../src/replies/types.js';
import { createWebhook, type WebhookOptions } from '../../../src/webhook/handler.js';
import type { Inbound } from '../../../src/webhook/receive.js';
import { Router } from '../../../src/webhook/router.js';

export const NOW = 1_714_112_445_000;
export const TOKEN = 'AAAAA';
export const APPID = 'wxba5fad812f8e6fb9';
export const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const OLD_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
export const FAN = { to: 'gh_account', from: 'oFanOpenid' };
export const TS = String(NOW / 1000);
export const NONCE = '415670741';

export type RecordingLogger = Logger & { lines: { level: string; obj: object; msg?: string }[] };

/** A logger that keeps every line, to assert on what is logged (and what never is). */
export function recordingLogger(): RecordingLogger {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) =>
    void lines.push({ level, obj, ...(msg ? { msg } : {}) });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A webhook with a key configured, whose bot records each message and echoes text (or calls `handler`). */
export function setup(options: Partial<WebhookOptions> = {}, handler?: (m: Message) => unknown) {
  const seen: Message[] = [];
  const logger = recordingLogger();
  const bot = new Router();
  bot.use((ctx) => {
    seen.push(ctx.message);
    if (handler) return handler(ctx.message) as Reply | string | undefined;
    return ctx.message.type === 'text' ? reply.text(ctx.message.content) : undefined;
  });
  const webhook = createWebhook(bot, {
    token: TOKEN,
    appId: APPID,
    encodingAESKey: KEY,
    now: () => NOW,
    logger,
    ...options,
  });
  return { webhook, seen, logger };
}

export function keysFor(mode: EncryptionMode, encodingAESKey = KEY): PushKeys {
  return { token: TOKEN, mode, appId: APPID, encodingAESKey };
}

/** A signed push of `xml` (default: the fan's text "hello") as a request for the webhook. */
export function pushRequest(mode: EncryptionMode, xml = inbound.text(FAN, 'hello'), key = KEY) {
  const push = buildPush(xml, keysFor(mode, key), { timestamp: TS, nonce: NONCE });
  return { method: 'POST', url: `/wx${push.search}`, body: push.body };
}

export async function post(
  webhook: ReturnType<typeof setup>['webhook'],
  mode: EncryptionMode,
  xml = inbound.text(FAN, 'hello'),
  key = KEY,
) {
  return webhook.handle(pushRequest(mode, xml, key));
}

/** A received plain-mode push of `xml`, as the receive step hands it on. */
export function received(xml = inbound.text(FAN, 'hello')): Inbound {
  return { message: parseMessage(xml), mode: 'plain', keyIndex: undefined };
}

/** What `fn` throws (for `toMatchObject({ code, message })`), or `undefined` when it returns. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}
