import { describe, expect, it } from 'vitest';
import { computeMsgSignature, computeSignature } from '../../../src/crypto/signature.js';
import { queryOf } from '../../../src/webhook/http.js';
import { verifyMsgSignature, verifySignature, verifyTimestamp } from '../../../src/webhook/verify.js';
import { NOW, TOKEN, TS, thrownBy } from './support.js';

describe('verifyTimestamp', () => {
  it('passes a timestamp within the window, and any well-formed one with the window off', () => {
    expect(() => verifyTimestamp(TS, 300, NOW + 300_000)).not.toThrow();
    expect(() => verifyTimestamp('1', 0, NOW)).not.toThrow();
  });
  it('refuses one outside the window, or a missing or malformed one, with TIMESTAMP_OUT_OF_WINDOW', () => {
    expect(thrownBy(() => verifyTimestamp(TS, 300, NOW + 301_000))).toMatchObject({
      code: 'TIMESTAMP_OUT_OF_WINDOW',
      message: 'timestamp is more than 300 s away from the server clock (replay, or a wrong clock)',
    });
    for (const bad of [undefined, '', '-1', '1.5', '1e9', '1234567890123']) {
      expect(thrownBy(() => verifyTimestamp(bad, 0, NOW))).toMatchObject({
        code: 'TIMESTAMP_OUT_OF_WINDOW',
        message: 'missing or invalid timestamp',
      });
    }
  });
});

describe('verifySignature', () => {
  const signed = `signature=${computeSignature(TOKEN, TS, '7')}&timestamp=${TS}&nonce=7`;
  it('passes the signature of the Token over timestamp and nonce', () => {
    expect(() => verifySignature(queryOf(`/wx?${signed}`), TOKEN)).not.toThrow();
  });
  it('refuses a wrong one, another Token, or a missing part with SIGNATURE_INVALID', () => {
    expect(thrownBy(() => verifySignature(queryOf(`/wx?${signed}`), 'BBBBB'))).toMatchObject({
      code: 'SIGNATURE_INVALID',
      message: 'invalid signature',
    });
    for (const part of [/signature=\w+&/, /&timestamp=\d+/, /&nonce=7/]) {
      expect(
        thrownBy(() => verifySignature(queryOf(`/wx?${signed.replace(part, '')}`), TOKEN)),
      ).toMatchObject({
        code: 'SIGNATURE_INVALID',
        message: 'missing signature, timestamp or nonce',
      });
    }
  });
});

describe('verifyMsgSignature', () => {
  const signature = computeMsgSignature(TOKEN, TS, '7', 'ciphertext');
  const query = queryOf(`/wx?msg_signature=${signature}&timestamp=${TS}&nonce=7`);
  it('passes the signature over the Encrypt text', () => {
    expect(() => verifyMsgSignature(query, TOKEN, 'ciphertext')).not.toThrow();
  });
  it('refuses it over another text, or without msg_signature, with SIGNATURE_INVALID', () => {
    expect(thrownBy(() => verifyMsgSignature(query, TOKEN, 'other'))).toMatchObject({
      code: 'SIGNATURE_INVALID',
      message: 'invalid msg_signature',
    });
    expect(
      thrownBy(() => verifyMsgSignature(queryOf(`/wx?timestamp=${TS}&nonce=7`), TOKEN, 'x')),
    ).toMatchObject({
      code: 'SIGNATURE_INVALID',
      message: 'missing msg_signature, timestamp or nonce',
    });
  });
});
