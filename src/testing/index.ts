/**
 * `wxmp/testing`: helpers for your own tests. Build requests signed (and encrypted) exactly as WeChat sends them,
 * run them through your webhook, and read the answer back as WeChat would.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * import { readReply, signedRequest } from 'wxmp/testing';
 *
 * const keys = { token: 'AAAAA' };
 * const webhook = createWebhook(bot, keys);
 * const reply = await readReply(await webhook.handle(signedRequest.text('hi', keys)), keys);
 * // reply: { type: 'text', content: 'hi' }
 * ```
 * @module
 */

// Requests signed (and encrypted) as WeChat sends them, and the answer read back as WeChat reads it.
export {
  signedRequest,
  TEST_ACCOUNT_ID,
  TEST_FAN_OPENID,
  type SignedRequest,
  type SignedRequestOptions,
  type TestKeys,
} from './requests.js';
export { readReply, type AnyResponse } from './reply.js';
export type { EncryptionMode } from '../crypto/mode.js';

// The XML of what a fan sends (the same builders as `wxmp/push`).
export { inbound, newMsgId, type Parties } from '../push/inbound.js';

// The emulator on a free port, pushing to your bot or your server.
export { startEmulator, type StartEmulatorOptions, type TestEmulator } from './emulator.js';
