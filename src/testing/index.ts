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
export {
  signedRequest,
  TEST_ACCOUNT_ID,
  TEST_FAN_OPENID,
  type SignedRequest,
  type SignedRequestOptions,
  type TestKeys,
} from './requests.js';
export { readReply, type AnyResponse } from './reply.js';
export { inbound, newMsgId, type Parties } from '../push/inbound.js';
export type { EncryptionMode } from '../crypto/mode.js';

export { startEmulator, type StartEmulatorOptions, type TestEmulator } from './emulator.js';
