/** One time bucket of the memory dedup: answers found by key, attempts counted, bounded in bytes and slots. */
import { describe, expect, it } from 'vitest';
import { Generation, hashKey } from '../../../src/webhook/dedup-generation.js';

const add = (bucket: Generation, key: string, answer: string) => bucket.add(key, hashKey(key), answer, 1);

describe('dedup generation', () => {
  it('finds an answer by its key and counts each attempt', () => {
    const bucket = new Generation(4096, 16);
    expect(add(bucket, 'msg:1', '<xml>一</xml>')).toBe(true);
    expect(add(bucket, 'msg:2', 'success')).toBe(true);
    expect(bucket.hit(bucket.find('msg:1', hashKey('msg:1')))).toEqual({
      answer: '<xml>一</xml>',
      attempt: 2,
    });
    expect(bucket.hit(bucket.find('msg:1', hashKey('msg:1')))).toEqual({
      answer: '<xml>一</xml>',
      attempt: 3,
    });
    expect(bucket.find('msg:3', hashKey('msg:3'))).toBe(-1);
  });
  it('tells keys with the same hash apart by their bytes', () => {
    const bucket = new Generation(4096, 16);
    bucket.add('msg:a', 7, 'A', 1);
    bucket.add('msg:b', 7, 'B', 1);
    expect(bucket.hit(bucket.find('msg:b', 7)).answer).toBe('B');
    expect(bucket.hit(bucket.find('msg:a', 7)).answer).toBe('A');
  });
  it('refuses an answer past its bytes or past 3/4 of its slots', () => {
    expect(add(new Generation(20, 16), 'msg:1', 'x'.repeat(20))).toBe(false);
    const bucket = new Generation(4096, 8);
    const added = Array.from({ length: 8 }, (_, i) => add(bucket, `msg:${i}`, 'success'));
    expect(added).toEqual([true, true, true, true, true, true, false, false]);
  });
  it('is empty after clear, and takes new answers', () => {
    const bucket = new Generation(4096, 16);
    add(bucket, 'msg:1', 'success');
    bucket.clear(1000);
    expect([bucket.entries, bucket.used, bucket.startedAt]).toEqual([0, 0, 1000]);
    expect(bucket.find('msg:1', hashKey('msg:1'))).toBe(-1);
    expect(add(bucket, 'msg:1', 'again')).toBe(true);
  });
});
