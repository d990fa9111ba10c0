/**
 * AES-256-CBC as WeChat uses it: key from the 43-character EncodingAESKey, IV = first 16 key bytes, and PKCS#7
 * padding to **32-byte** blocks (not 16), so Node's automatic padding is turned off and done here.
 * @module
 */
import {
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  type Cipher,
  type Decipher,
  type KeyObject,
} from 'node:crypto';
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
 * encrypt 8.7 → 7.5 µs against passing the raw key and slicing the IV per message. Neither makes a cipher per
 * message any more: see `chainedCipher` and `blockDecipher`.
 */
export interface PreparedAESKey {
  /** A `KeyObject`, or the raw key on runtimes whose ciphers do not take one. */
  readonly secret: KeyObject | Buffer;
  readonly iv: Buffer;
  /**
   * AES-256-ECB decryption of whole blocks, one object for every message: CBC decryption is each block decrypted
   * alone, then XORed with the block before it (the IV for the first), so with WeChat's fixed IV nothing carries
   * over. Measured as above: 2.2 → 1.1 µs per 448-byte message against a fresh CBC decipher (OpenSSL 3 builds each
   * cipher anew). Absent on runtimes without ECB.
   */
  readonly blockDecipher?: Decipher;
  /** One CBC cipher for every message (see {@link ChainedCipher}). Absent where it does not behave as CBC must. */
  readonly chainedCipher?: ChainedCipher;
}

/**
 * A CBC cipher kept from message to message. CBC encrypts each block XORed with the ciphertext block before it, and a
 * kept cipher starts the next message from the last block of the previous one (`carried`) instead of the IV. XORing
 * the first plaintext block with `carried` and the IV cancels that: the cipher then computes AES(P1 ⊕ IV), exactly
 * what a fresh cipher with WeChat's fixed IV computes, and every later block chains as usual. Hot path (each
 * encrypted reply): 448 bytes encrypted in 0.94 µs, against 2.55 µs with a new cipher each time (`createCipheriv`
 * and `final` cost more than the AES; best of 7 × 50,000, Node 20, one core).
 */
export interface ChainedCipher {
  readonly cipher: Cipher;
  /** The last ciphertext block the cipher wrote (the IV before the first message). */
  readonly carried: Buffer;
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
  let secret: KeyObject | Buffer = key;
  try {
    // Tried once here: Bun, Deno and Workers implement node:crypto themselves, and a key object is the newer path.
    const keyObject = createSecretKey(key);
    createCipheriv('aes-256-cbc', keyObject, iv);
    secret = keyObject;
  } catch {
    // The raw key, then.
  }
  const blockDecipher = ecbDecipher(secret);
  const chainedCipher = chained(secret, iv);
  return {
    secret,
    iv,
    ...(blockDecipher === undefined ? {} : { blockDecipher }),
    ...(chainedCipher === undefined ? {} : { chainedCipher }),
  };
}

/** A kept CBC cipher, if this runtime's gives what fresh ones give for two messages in a row (see ChainedCipher). */
function chained(secret: KeyObject | Buffer, iv: Buffer): ChainedCipher | undefined {
  try {
    const cipher = createCipheriv('aes-256-cbc', secret, iv);
    cipher.setAutoPadding(false);
    const chain: ChainedCipher = { cipher, carried: Buffer.from(iv) };
    const probes = [Buffer.alloc(32, 1), Buffer.alloc(48, 2)];
    for (const probe of probes)
      if (!encryptChained(chain, iv, probe).equals(freshCbcEncrypt(secret, iv, probe))) return undefined;
    return chain;
  } catch {
    return undefined;
  }
}

/** Encrypts whole blocks with a kept cipher as a fresh one with `iv` would; `padded` is left as it was. */
function encryptChained({ cipher, carried }: ChainedCipher, iv: Buffer, padded: Buffer): Buffer {
  for (let i = 0; i < 16; i++) padded[i]! ^= carried[i]! ^ iv[i]!;
  const out = cipher.update(padded);
  // The caller's bytes back as they were (`carried` has not changed yet), then the block the next message starts from.
  for (let i = 0; i < 16; i++) padded[i]! ^= carried[i]! ^ iv[i]!;
  out.copy(carried, 0, out.length - 16);
  return out;
}

/** A reusable ECB decipher of whole blocks, if this runtime has one that decrypts as CBC's blocks need. */
function ecbDecipher(secret: KeyObject | Buffer): Decipher | undefined {
  try {
    const decipher = createDecipheriv('aes-256-ecb', secret, null);
    decipher.setAutoPadding(false);
    // Checked against CBC on one block of zeros: a runtime that buffers or pads differently is not used.
    const probe = Buffer.alloc(16);
    return decipher.update(freshCbcEncrypt(secret, probe, probe)).equals(probe) ? decipher : undefined;
  } catch {
    return undefined;
  }
}

/** A raw key is used as it is, with fresh ciphers: preparing one (probes included) costs more than it saves once. */
const prepared = (key: Buffer | PreparedAESKey): PreparedAESKey =>
  Buffer.isBuffer(key) ? { secret: key, iv: key.subarray(0, 16) } : key;

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
  const { secret, iv, chainedCipher } = prepared(key);
  // Whole blocks only, so the kept cipher never holds a partial block over to the next message.
  if (chainedCipher !== undefined && padded.length > 0 && padded.length % 16 === 0)
    return encryptChained(chainedCipher, iv, padded);
  return freshCbcEncrypt(secret, iv, padded);
}

/** CBC encryption with a cipher made for this call alone (throws on a partial block, as auto padding is off). */
function freshCbcEncrypt(secret: KeyObject | Buffer, iv: Buffer, padded: Buffer): Buffer {
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
  const { secret, iv, blockDecipher } = prepared(key);
  if (blockDecipher !== undefined) {
    // Whole blocks only (checked above), so the ECB decipher never holds a partial block for the next message.
    const out = blockDecipher.update(ciphertext);
    for (let i = 0; i < 16; i++) out[i]! ^= iv[i]!;
    for (let i = 16; i < out.length; i++) out[i]! ^= ciphertext[i - 16]!;
    return out;
  }
  const decipher = createDecipheriv('aes-256-cbc', secret, iv);
  decipher.setAutoPadding(false);
  const out = decipher.update(ciphertext);
  const rest = decipher.final();
  return rest.length === 0 ? out : Buffer.concat([out, rest]);
}
