/**
 * The encrypted reply envelope of safe mode: `<xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>`.
 * @module
 */
import { WeChatError } from '../errors.js';
import { parseXml } from '../xml/parse.js';
import { textOf } from '../xml/read.js';
import type { MessageCrypto } from './message-crypto.js';
import { computeMsgSignature, signatureMatches } from './signature.js';

/** What signs and encrypts a reply. */
export interface EnvelopeKeys {
  crypto: MessageCrypto;
  token: string;
}

/**
 * Encrypts a reply and wraps it in the signed envelope WeChat expects in safe mode.
 *
 * @example
 * ```ts
 * import { MessageCrypto } from 'wxmp';
 * const crypto = new MessageCrypto({ appId: 'wxba5fad812f8e6fb9', encodingAESKey: 'A'.repeat(43) });
 * sealEnvelope('<xml>…</xml>', { crypto, token: 'AAAAA', timestamp: '1713424427', nonce: '415670741' });
 * ```
 */
export function sealEnvelope(
  message: string,
  options: EnvelopeKeys & { timestamp: string; nonce: string; keyIndex?: number; random?: Buffer },
): string {
  const encrypt = options.crypto.encrypt(message, {
    ...(options.keyIndex !== undefined ? { keyIndex: options.keyIndex } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  const signature = computeMsgSignature(options.token, options.timestamp, options.nonce, encrypt);
  // Timestamp and nonce come from us (digits) or from the request's verified query; CDATA keeps either safe.
  return (
    `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt><MsgSignature><![CDATA[${signature}]]></MsgSignature>` +
    `<TimeStamp>${options.timestamp}</TimeStamp><Nonce><![CDATA[${options.nonce}]]></Nonce></xml>`
  );
}

/**
 * Opens an encrypted reply envelope as WeChat does: checks `MsgSignature`, decrypts, checks the AppID.
 *
 * @example
 * ```ts
 * import { MessageCrypto } from 'wxmp';
 * const crypto = new MessageCrypto({ appId: 'wxba5fad812f8e6fb9', encodingAESKey: 'A'.repeat(43) });
 * const keys = { crypto, token: 'AAAAA' };
 * const envelope = sealEnvelope('<xml>…</xml>', { ...keys, timestamp: '1713424427', nonce: '415670741' });
 * openEnvelope(envelope, keys).message; // '<xml>…</xml>'
 * ```
 */
export function openEnvelope(
  body: string,
  keys: EnvelopeKeys,
): { message: string; timestamp: string; nonce: string } {
  const root = parseXml(body).value;
  const encrypt = textOf(root, 'Encrypt');
  const signature = textOf(root, 'MsgSignature');
  const timestamp = textOf(root, 'TimeStamp');
  const nonce = textOf(root, 'Nonce');
  if (encrypt === undefined || signature === undefined || timestamp === undefined || nonce === undefined) {
    throw new WeChatError(
      'REPLY_INVALID',
      'the encrypted envelope needs Encrypt, MsgSignature, TimeStamp and Nonce',
    );
  }
  if (!signatureMatches(signature, computeMsgSignature(keys.token, timestamp, nonce, encrypt))) {
    throw new WeChatError('SIGNATURE_INVALID', 'the envelope MsgSignature does not match (wrong Token?)');
  }
  return { message: keys.crypto.decrypt(encrypt).message, timestamp, nonce };
}
