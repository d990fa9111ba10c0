/**
 * `wxmp/push`: WeChat's side of a push, for the emulator, `wxmp send` and tests — the XML of what a fan sends, the
 * signed (and encrypted) request WeChat makes of it, and WeChat's verdict on the answer.
 *
 * The exports are named one by one (`test/unit/public-surface.test.ts` holds the list).
 * @module
 */

// What a fan sends: the XML of every inbound message and event (`inbound.event`'s fields are an `XmlInputElement`).
export { inbound, newMsgId, type Parties } from './inbound.js';
export type { XmlInput, XmlInputElement } from '../xml/build.js';

// The push: signed in every mode, encrypted in compatible and safe mode (`pushCrypto` builds the keys' crypto once
// for many pushes), and the answer checked as WeChat checks it.
export {
  buildPush,
  checkReply,
  pushCrypto,
  type PushKeys,
  type PushRequest,
  type ReplyVerdict,
} from './request.js';
export { ENCRYPTION_MODES, type EncryptionMode } from '../crypto/mode.js';
