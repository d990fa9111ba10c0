import { createHash } from 'node:crypto';
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
  it('gives the same hash whatever order the parts come in, and leaves the caller’s array alone', () => {
    const parts = ['token', '1714037059', 'nonce', 'Encrypt+/=', ''];
    const expected = createHash('sha1')
      .update([...parts].sort().join(''))
      .digest('hex');
    const permutations = [
      parts,
      [...parts].reverse(),
      [parts[2]!, parts[4]!, parts[0]!, parts[3]!, parts[1]!],
    ];
    for (const order of permutations) {
      const copy = [...order];
      expect(sortedSha1(order)).toBe(expected);
      expect(order).toEqual(copy);
    }
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
  it('rejects signatures that only look alike: other letters, control or non-ASCII characters', () => {
    const flip = (i: number, c: string) => `${good.slice(0, i)}${c}${good.slice(i + 1)}`;
    // Each character that differs, at the start, middle and end, is caught.
    for (const i of [0, 20, 39])
      expect(signatureMatches(flip(i, good[i] === 'a' ? 'b' : 'a'), good)).toBe(false);
    // 'q' is 'Q' lower-cased, but not hex; \x10 | 0x20 would be '0'; U+0130 lower-cases to 'i' + a dot.
    expect(signatureMatches(flip(5, 'Q'), flip(5, 'q'))).toBe(true);
    expect(signatureMatches(flip(3, '\x10'), flip(3, '0'))).toBe(false);
    expect(signatureMatches(flip(7, '\u0130'), good)).toBe(false);
    expect(signatureMatches(flip(7, String.fromCharCode(good.charCodeAt(7) + 0x100)), good)).toBe(false);
  });
});
