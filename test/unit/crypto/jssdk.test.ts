import { describe, expect, it } from 'vitest';
import { jssdkSignature, jssdkString1, stripFragment } from '../../../src/crypto/jssdk.js';
import { vectors as allVectors } from '../../support/vectors.js';

// The repo's copy of shared/protocol/vectors.json, so the suite runs from a clean clone.
const vectors = allVectors.jssdk_signature;

describe('JS-SDK signature', () => {
  it('has the two vectors of the reference', () => {
    expect(vectors.map((v) => v.id)).toEqual(['jssdk-doc-current', 'jssdk-doc-legacy']);
  });

  it.each(vectors.map((v) => [v.id, v] as const))('%s: string1 and signature match', (_id, vector) => {
    expect(jssdkString1(vector.inputs)).toBe(vector.expected.string1);
    expect(jssdkSignature(vector.inputs)).toBe(vector.expected.signature);
  });

  it('signs the URL without its fragment', () => {
    const [current] = vectors;
    const withFragment = { ...current!.inputs, url: `${current!.inputs.url}#section-2` };
    expect(jssdkSignature(withFragment)).toBe(current!.expected.signature);
  });

  it('strips everything from the first # and keeps the query', () => {
    expect(stripFragment('https://a.example/p?x=1#top#more')).toBe('https://a.example/p?x=1');
    expect(stripFragment('https://a.example/p')).toBe('https://a.example/p');
  });

  it('accepts a numeric timestamp', () => {
    const [current] = vectors;
    expect(jssdkSignature({ ...current!.inputs, timestamp: 1414587457 })).toBe(current!.expected.signature);
  });
});
