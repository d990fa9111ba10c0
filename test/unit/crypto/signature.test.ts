import { describe, expect, it } from 'vitest';
import {
  computeMsgSignature,
  computeSignature,
  signatureMatches,
  sortedSha1,
} from '../../../src/crypto/signature.js';
import { vectors } from '../../support/vectors.js';

describe('signature vectors', () => {
  for (const v of vectors.signature) {
    it(`${v.id}: sha1 of the sorted Token, timestamp and nonce`, () => {
      expect(computeSignature(v.inputs.token, v.inputs.timestamp, v.inputs.nonce)).toBe(v.expected.signature);
    });
  }
  for (const v of vectors.msg_signature) {
    it(`${v.id}: msg_signature over Token, timestamp, nonce and Encrypt`, () => {
      const { token, timestamp, nonce, encrypt } = v.inputs;
      expect(computeMsgSignature(token, timestamp, nonce, encrypt)).toBe(v.expected.msg_signature);
    });
  }
});

describe('sortedSha1', () => {
  it('sorts as strings, not numbers', () => {
    // Numeric order would put 486452656 before 1714037059 and give another hash.
    expect(sortedSha1(['AAAAA', '486452656', '1714037059'])).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
  });
});

describe('signatureMatches', () => {
  const good = computeSignature('AAAAA', '1714036504', '1514711492');
  it('accepts the exact signature and its upper-case form', () => {
    expect(signatureMatches(good, good)).toBe(true);
    expect(signatureMatches(good.toUpperCase(), good)).toBe(true);
  });
  it('rejects a missing, shorter or different signature', () => {
    expect(signatureMatches(undefined, good)).toBe(false);
    expect(signatureMatches(good.slice(1), good)).toBe(false);
    expect(signatureMatches(`${good.slice(0, -1)}0`, good)).toBe(false);
  });
});
