/**
 * The first step of the webhook: from a verified request to an {@link Inbound} push, or to the URL verification's
 * answer. Order, so nothing unverified is parsed or decrypted: size → timestamp → signature → decrypt → parse.
 * Every refusal is a thrown `WeChatError` (see `refusal.ts` for its status).
 * @module
 */
import type { EncryptionMode } from '../crypto/mode.js';
import type { MessageCrypto } from '../crypto/message-crypto.js';
import { WeChatError } from '../errors.js';
import { messageFromXml } from '../messages/parse.js';
import type { Message } from '../messages/types.js';
import { parseXml, type XmlValue } from '../xml/parse.js';
import { textOf } from '../xml/read.js';
import type { PushQuery, WebhookRequest } from './http.js';
import type { WebhookSettings } from './settings.js';
import { verifyMsgSignature, verifySignature, verifyTimestamp } from './verify.js';

/**
 * A verified, decrypted and parsed push: what receive hands to dispatch and respond.
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * import { queryOf } from './http.js';
 * import { buildPush, inbound } from 'wxmp/push';
 * import { resolveSettings } from './settings.js';
 * const settings = resolveSettings(new Router(), { token: 'AAAAA' });
 * const push = buildPush(inbound.text({ from: 'oFan', to: 'gh_account' }, 'hi'), { token: 'AAAAA', mode: 'plain' });
 * const received: Inbound = receivePush(settings, queryOf(push.search), push.body);
 * console.log(received.mode, received.message.fromUserName); // plain oFan
 * ```
 */
export interface Inbound {
  message: Message;
  mode: EncryptionMode;
  /** The key that decrypted the push, when it was encrypted (replies use the same). */
  keyIndex: number | undefined;
}

/**
 * The body as text, refused with `BODY_TOO_LARGE` past `maxBodyBytes` (adapters usually stop reading earlier).
 *
 * @example
 * ```ts
 * bodyText(new TextEncoder().encode('<xml/>'), 1024); // '<xml/>'
 * ```
 */
export function bodyText(raw: WebhookRequest['body'], maxBodyBytes: number): string {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : (raw?.byteLength ?? 0);
  if (size > maxBodyBytes) throw new WeChatError('BODY_TOO_LARGE', `body exceeds ${maxBodyBytes} bytes`);
  if (raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
}

/**
 * Verifies and reads a push. With `messageMode` set, the console's mode decides: in safe mode (and compatible mode
 * with a key) only the ciphertext under a valid `msg_signature` is read, in plain mode an encrypted push is refused.
 * Unset, a push is encrypted when the query says `encrypt_type=aes` or the body has an `<Encrypt>` element (an
 * element, not the text: a fan may well type "<Encrypt>" into a plain-mode message). A body read as plaintext is
 * bound to its signed query by the replay guard.
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * import { queryOf } from './http.js';
 * import { buildPush, inbound } from 'wxmp/push';
 * import { resolveSettings } from './settings.js';
 * const settings = resolveSettings(new Router(), { token: 'AAAAA' });
 * const push = buildPush(inbound.text({ from: 'oFan', to: 'gh_account' }, 'hi'), { token: 'AAAAA', mode: 'plain' });
 * receivePush(settings, queryOf(push.search), push.body).message.type; // 'text'
 * ```
 */
export function receivePush(
  settings: WebhookSettings,
  query: PushQuery,
  body: WebhookRequest['body'],
): Inbound {
  const text = bodyText(body, settings.maxBodyBytes);
  const nowMs = settings.now();
  verifyTimestamp(query.timestamp, settings.timestampWindowSec, nowMs);
  const { crypto, messageMode } = settings;
  const encryptedOnly = crypto !== undefined && (messageMode === 'safe' || messageMode === 'compatible');
  if (encryptedOnly && (query.encrypt_type !== 'aes' || !query.msg_signature)) {
    throw new WeChatError(
      'MESSAGE_MODE_MISMATCH',
      `a push without encrypt_type=aes and msg_signature, and this webhook is in ${messageMode} mode`,
    );
  }
  if (crypto && messageMode !== 'plain' && (encryptedOnly || query.encrypt_type === 'aes'))
    return encryptedPush(settings.token, crypto, query, text);
  verifySignature(query, settings.token);
  const root = parseXml(text).value;
  const encrypt = textOf(root, 'Encrypt');
  if (messageMode === 'plain' && (encrypt !== undefined || query.encrypt_type === 'aes')) {
    throw new WeChatError('MESSAGE_MODE_MISMATCH', 'an encrypted push, and this webhook is in plain mode');
  }
  if (encrypt !== undefined && crypto) return decrypted(settings.token, crypto, query, root, encrypt);
  if (encrypt !== undefined && textOf(root, 'MsgType') === undefined) {
    // Safe mode without a key: nothing readable. Compatible mode still carries the plaintext.
    throw new WeChatError(
      'ENCODING_AES_KEY_MISSING',
      'an encrypted push arrived but no EncodingAESKey is configured (set WECHAT_ENCODING_AES_KEY)',
    );
  }
  guardPlaintext(settings, query, body ?? '', nowMs);
  const encrypted = encrypt !== undefined || query.encrypt_type === 'aes';
  return { message: messageFromXml(root), mode: encrypted ? 'compatible' : 'plain', keyIndex: undefined };
}

/** The ciphertext of an encrypted push, under its `msg_signature`. */
function encryptedPush(token: string, crypto: MessageCrypto, query: PushQuery, text: string): Inbound {
  const outer = parseXml(text).value;
  const encrypt = textOf(outer, 'Encrypt');
  if (encrypt === undefined)
    throw new WeChatError('ENCRYPT_INVALID', 'encrypt_type=aes but the body has no Encrypt element');
  return decrypted(token, crypto, query, outer, encrypt);
}

/**
 * A plaintext body is covered by no signature: the first body seen under a signed query is the only one accepted
 * until the query's timestamp leaves the window (5 minutes when the window is off).
 */
function guardPlaintext(
  settings: WebhookSettings,
  query: PushQuery,
  body: string | Uint8Array,
  nowMs: number,
): void {
  const guard = settings.replayGuard;
  if (guard === undefined) return;
  const nowSec = Math.floor(nowMs / 1000);
  const windowSec = settings.timestampWindowSec;
  const expiresAtSec = windowSec > 0 ? Number(query.timestamp) + windowSec : nowSec + 300;
  if (!guard.admit(query.signature!, body, expiresAtSec, nowSec)) {
    throw new WeChatError(
      'SIGNATURE_REPLAYED',
      'this signed query was already used with another body (a replay with a forged body)',
    );
  }
}

/** The encrypted path: `msg_signature` over the Encrypt text, then decrypt, then parse the inner message. */
function decrypted(
  token: string,
  crypto: MessageCrypto,
  query: PushQuery,
  outer: XmlValue,
  encrypt: string,
): Inbound {
  verifyMsgSignature(query, token, encrypt);
  const { message, keyIndex } = crypto.decrypt(encrypt);
  return {
    message: messageFromXml(parseXml(message).value),
    mode: textOf(outer, 'MsgType') === undefined ? 'safe' : 'compatible',
    keyIndex,
  };
}

/**
 * Answers WeChat's URL verification (GET): the text to echo, once the timestamp and signature pass. WeCom-style
 * verification signs and encrypts `echostr`; Official Accounts send it in plain text.
 *
 * @example
 * ```ts
 * import { Router, computeSignature } from 'wxmp';
 * import { queryOf } from './http.js';
 * import { resolveSettings } from './settings.js';
 * const settings = resolveSettings(new Router(), { token: 'AAAAA' });
 * const timestamp = String(Math.floor(Date.now() / 1000));
 * const signature = computeSignature('AAAAA', timestamp, '1');
 * verifyUrl(settings, queryOf(`/wx?signature=${signature}&timestamp=${timestamp}&nonce=1&echostr=42`)); // '42'
 * ```
 */
export function verifyUrl(settings: WebhookSettings, query: PushQuery): string {
  verifyTimestamp(query.timestamp, settings.timestampWindowSec, settings.now());
  const echostr = query.echostr;
  if (echostr === undefined) throw new WeChatError('ECHOSTR_MISSING', 'missing echostr');
  if (query.msg_signature !== undefined && settings.crypto) {
    verifyMsgSignature(query, settings.token, echostr);
    return settings.crypto.decrypt(echostr).message;
  }
  verifySignature(query, settings.token);
  return echostr;
}
