import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  aesCbcDecrypt,
  aesCbcEncrypt,
  decodeAESKey,
  pkcs7Pad,
  pkcs7Unpad,
  prepareAESKey,
} from '../../../src/crypto/aes.js';
import { openEnvelope, sealEnvelope } from '../../../src/crypto/envelope.js';
import { MessageCrypto } from '../../../src/crypto/message-crypto.js';
import { WeChatError } from '../../../src/errors.js';
import { vectors } from '../../support/vectors.js';

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const OTHER_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof WeChatError ? err.code : 'not a WeChatError';
  }
  return undefined;
}

describe('AES vectors', () => {
  for (const v of vectors.aes.filter((x) => x.direction === 'encrypt')) {
    it(`${v.id}: encrypts to the published ciphertext`, () => {
      const crypto = new MessageCrypto({ appId: v.inputs.appid, encodingAESKey: v.inputs.encoding_aes_key });
      const encrypt = crypto.encrypt(v.inputs.plaintext!, {
        random: Buffer.from(v.inputs.random_16!, 'utf8'),
      });
      expect(encrypt).toBe(v.expected.encrypt);
    });
  }
  for (const v of vectors.aes.filter((x) => x.direction === 'decrypt')) {
    it(`${v.id}: decrypts and checks the AppID`, () => {
      const crypto = new MessageCrypto({ appId: v.inputs.appid, encodingAESKey: v.inputs.encoding_aes_key });
      const { message, keyIndex } = crypto.decrypt(v.inputs.encrypt!);
      expect(keyIndex).toBe(0);
      expect(message).toBe(v.expected.plaintext ?? v.observed_plaintext);
      if (v.expected.msg_len !== undefined) expect(Buffer.byteLength(message)).toBe(v.expected.msg_len);
    });
  }
  it('decrypts ciphertexts whose padding is longer than 16 bytes (19, 30)', () => {
    const padded = vectors.aes.filter(
      (v) => v.direction === 'decrypt' && (v.observed_padding_bytes ?? 0) > 16,
    );
    expect(padded.map((v) => v.observed_padding_bytes).sort()).toEqual([19, 30]);
  });
});

describe('prepared AES keys', () => {
  it('encrypt and decrypt exactly as the raw key does (IV = first 16 key bytes)', () => {
    const raw = decodeAESKey('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG');
    const key = prepareAESKey(raw);
    expect(key.iv).toEqual(raw.subarray(0, 16));
    const padded = pkcs7Pad(Buffer.from('<xml>你好</xml>'));
    const sealed = aesCbcEncrypt(key, padded);
    expect(sealed).toEqual(aesCbcEncrypt(raw, padded));
    expect(aesCbcDecrypt(key, sealed)).toEqual(padded);
    expect(aesCbcDecrypt(raw, sealed)).toEqual(padded);
  });

  it('decrypt message after message with one reused block decipher, as a fresh CBC decipher would', () => {
    const raw = decodeAESKey(KEY);
    const key = prepareAESKey(raw);
    expect(key.blockDecipher).toBeDefined();
    const fresh = (ciphertext: Buffer) => {
      const decipher = createDecipheriv('aes-256-cbc', raw, raw.subarray(0, 16));
      decipher.setAutoPadding(false);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    };
    // Lengths of one to many blocks, and a refused input (not whole blocks) in between: nothing carries over.
    for (const length of [0, 1, 31, 32, 33, 100, 447, 2000, 5]) {
      const plaintext = pkcs7Pad(Buffer.from('你'.repeat(length)));
      const sealed = aesCbcEncrypt(key, plaintext);
      expect(aesCbcDecrypt(key, sealed)).toEqual(fresh(sealed));
      expect(aesCbcDecrypt(key, sealed)).toEqual(plaintext);
      expect(codeOf(() => aesCbcDecrypt(key, sealed.subarray(0, sealed.length - 3)))).toBe('ENCRYPT_INVALID');
    }
  });
});

describe('one kept CBC cipher for every encrypted message', () => {
  const raw = decodeAESKey(KEY);
  const fresh = (plaintext: Buffer) => {
    const cipher = createCipheriv('aes-256-cbc', raw, raw.subarray(0, 16));
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(plaintext), cipher.final()]);
  };

  it('encrypts message after message exactly as a fresh cipher with the fixed IV, leaving the input as it was', () => {
    const key = prepareAESKey(raw);
    expect(key.chainedCipher).toBeDefined();
    // Lengths of one to many blocks, the same message twice in a row, and a refused input (not whole blocks) between.
    for (const length of [0, 1, 31, 32, 32, 33, 100, 447, 2000, 5]) {
      const plaintext = pkcs7Pad(Buffer.from('好'.repeat(length)));
      const before = Buffer.from(plaintext);
      expect(aesCbcEncrypt(key, plaintext)).toEqual(fresh(plaintext));
      expect(plaintext).toEqual(before);
      expect(() => aesCbcEncrypt(key, plaintext.subarray(0, plaintext.length - 3))).toThrow();
    }
  });

  it('seals replies WeChat (a fresh decipher with the fixed IV) reads, one after another', () => {
    const crypto = new MessageCrypto({ appId: 'wxb11529c136998cb6', encodingAESKey: KEY });
    for (const text of ['<xml>一</xml>', '<xml>two</xml>', '<xml>' + '三'.repeat(300) + '</xml>']) {
      const decipher = createDecipheriv('aes-256-cbc', raw, raw.subarray(0, 16));
      decipher.setAutoPadding(false);
      const opened = pkcs7Unpad(
        Buffer.concat([decipher.update(Buffer.from(crypto.encrypt(text), 'base64')), decipher.final()]),
      );
      expect(opened.toString('utf8', 20, 20 + opened.readUInt32BE(16))).toBe(text);
    }
  });
});

describe('PKCS#7 with 32-byte blocks', () => {
  it('pads a 40-byte FullStr with 24 bytes (a 16-byte scheme would use 8)', () => {
    const padded = pkcs7Pad(Buffer.alloc(40, 1));
    expect(padded.length).toBe(64);
    expect(padded.subarray(40).every((b) => b === 24)).toBe(true);
  });
  it('pads aligned data with a whole block of 32', () => {
    expect(pkcs7Pad(Buffer.alloc(32)).subarray(32)).toEqual(Buffer.alloc(32, 32));
  });
  it('rejects pad values of 0 or above 32 and inconsistent pad bytes', () => {
    expect(codeOf(() => pkcs7Unpad(Buffer.from([1, 2, 0])))).toBe('ENCRYPT_INVALID');
    expect(codeOf(() => pkcs7Unpad(Buffer.alloc(64, 33)))).toBe('ENCRYPT_INVALID');
    expect(codeOf(() => pkcs7Unpad(Buffer.from([9, 3, 2, 3])))).toBe('ENCRYPT_INVALID');
  });
});

describe('MessageCrypto round trips', () => {
  const crypto = new MessageCrypto({ appId: 'wxb11529c136998cb6', encodingAESKey: KEY });
  it('round-trips every plaintext length from 0 to 100 bytes, with 32-byte padding', () => {
    const key = decodeAESKey(KEY);
    for (let n = 0; n <= 100; n++) {
      const text = 'x'.repeat(n);
      const encrypt = crypto.encrypt(text);
      expect(crypto.decrypt(encrypt).message).toBe(text);
      // The padding inside must be PKCS#7 to a 32-byte block: FullStr = 16 + 4 + n + 18 (appid).
      const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
      const raw = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
      expect(raw[raw.length - 1]).toBe(32 - ((16 + 4 + n + 18) % 32));
    }
  });
  it('counts the length in UTF-8 bytes (我是中文abcd123 is 19 bytes)', () => {
    const encrypt = crypto.encrypt('我是中文abcd123', { random: Buffer.from('aaaabbbbccccdddd') });
    expect(crypto.decrypt(encrypt).message).toBe('我是中文abcd123');
  });
  it('rejects a message encrypted for another AppID, naming it', () => {
    const other = new MessageCrypto({ appId: 'wx0000000000000000', encodingAESKey: KEY });
    expect(() => crypto.decrypt(other.encrypt('hi'))).toThrow(/another AppID \(wx0000000000000000\)/);
    expect(codeOf(() => crypto.decrypt(other.encrypt('hi')))).toBe('APPID_MISMATCH');
  });
  it('rejects bad base64, a non-block length and a wrong key', () => {
    expect(codeOf(() => crypto.decrypt('not base64!'))).toBe('ENCRYPT_INVALID');
    // Node decodes these without complaint: base64url characters, a missing padding, a character it skips.
    // A fixed random prefix: a fixed text, with a "/" or "+" for which base64url's "_" or "-" can stand.
    const valid = crypto.encrypt('<xml>hi</xml>', { random: Buffer.alloc(16, 7) });
    const at = valid.search(/[+/]/);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(valid.endsWith('==')).toBe(true);
    const urlSafe = `${valid.slice(0, at)}${valid[at] === '+' ? '-' : '_'}${valid.slice(at + 1)}`;
    for (const bad of [urlSafe, valid.slice(0, -2), `${valid.slice(0, 8)}*${valid.slice(8)}`])
      expect(codeOf(() => crypto.decrypt(bad))).toBe('ENCRYPT_INVALID');
    expect(crypto.decrypt(valid).message).toBe('<xml>hi</xml>');
    expect(codeOf(() => crypto.decrypt('AAAA'))).toBe('ENCRYPT_INVALID');
    const stranger = new MessageCrypto({ appId: 'wxb11529c136998cb6', encodingAESKey: OTHER_KEY });
    expect(codeOf(() => crypto.decrypt(stranger.encrypt('hello')))).toMatch(/ENCRYPT_INVALID|APPID_MISMATCH/);
  });
  it('decrypts with the previous key during rotation and reports which key worked', () => {
    const old = new MessageCrypto({ appId: 'wxb11529c136998cb6', encodingAESKey: OTHER_KEY });
    const rotating = new MessageCrypto({
      appId: 'wxb11529c136998cb6',
      encodingAESKey: KEY,
      previousEncodingAESKey: OTHER_KEY,
    });
    expect(rotating.decrypt(old.encrypt('from the old key'))).toEqual({
      message: 'from the old key',
      keyIndex: 1,
    });
    expect(rotating.decrypt(crypto.encrypt('from the new key'))).toEqual({
      message: 'from the new key',
      keyIndex: 0,
    });
    expect(old.decrypt(rotating.encrypt('reply', { keyIndex: 1 })).message).toBe('reply');
  });
  it('refuses an EncodingAESKey that is not 43 letters or digits', () => {
    expect(codeOf(() => new MessageCrypto({ appId: 'wx1', encodingAESKey: 'short' }))).toBe('CONFIG_INVALID');
  });
});

describe('encrypted reply envelope', () => {
  const v = vectors.aes.find((x) => x.id === 'aes-doc-safe-mode-reply-encrypt')!;
  const crypto = new MessageCrypto({ appId: v.inputs.appid, encodingAESKey: v.inputs.encoding_aes_key });
  const envelope = vectors.encrypted_reply_envelope[0]!;

  it('renders the documented envelope byte for byte', () => {
    const sealed = sealEnvelope(v.inputs.plaintext!, {
      crypto,
      token: v.inputs.token!,
      timestamp: v.inputs.timestamp!,
      nonce: v.inputs.nonce!,
      random: Buffer.from(v.inputs.random_16!),
    });
    const expected = envelope.template.replace(/\{(\w+)\}/g, (_, name: string) => envelope.inputs[name]!);
    expect(sealed).toBe(expected);
  });
  it('opens an envelope, checking its signature', () => {
    const sealed = sealEnvelope('<xml>ok</xml>', { crypto, token: 'AAAAA', timestamp: '1', nonce: 'n' });
    expect(openEnvelope(sealed, { crypto, token: 'AAAAA' }).message).toBe('<xml>ok</xml>');
    expect(codeOf(() => openEnvelope(sealed, { crypto, token: 'BBBBB' }))).toBe('SIGNATURE_INVALID');
  });
});
