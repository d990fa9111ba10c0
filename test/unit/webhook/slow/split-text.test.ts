import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_REPLY_BYTES, replyParts, splitText } from '../../../../src/webhook/slow/split-text.js';
import { parseSlowStrategies, defaultSlowStrategies } from '../../../../src/webhook/slow/strategy.js';

describe('splitText', () => {
  it('never splits a surrogate pair or a UTF-8 sequence, keeps every part within the limit, and drops nothing', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        fc.integer({ min: 4, max: 64 }),
        (text, max) => {
          const parts = splitText(text, max);
          expect(parts.join('')).toBe(text);
          for (const part of parts) {
            expect(Buffer.byteLength(part)).toBeLessThanOrEqual(max);
            // A lone surrogate would be re-encoded as U+FFFD: the round trip shows none.
            expect(Buffer.from(part).toString()).toBe(part);
          }
        },
      ),
    );
  });
  it('splits 4-byte characters whole', () => {
    expect(splitText('ab😀cd', 6)).toEqual(['ab😀', 'cd']);
    expect(splitText('😀😀', 5)).toEqual(['😀', '😀']);
  });
  it('prefers a line break near the end of a part', () => {
    const text = `${'a'.repeat(90)}\n${'b'.repeat(30)}`;
    expect(splitText(text, 100)).toEqual([`${'a'.repeat(90)}\n`, 'b'.repeat(30)]);
  });
});

describe('replyParts', () => {
  it('leaves a reply within 2047 bytes alone and splits a longer text, the suffix counted', () => {
    const fits = { type: 'text' as const, content: '好'.repeat(682) }; // 2046 bytes
    expect(replyParts(fits, '…')).toEqual([fits]);
    const parts = replyParts({ type: 'text', content: '好'.repeat(683) }, '…'); // 2049 bytes
    expect(parts).toHaveLength(2);
    for (const p of parts)
      expect(Buffer.byteLength((p as { content: string }).content)).toBeLessThanOrEqual(MAX_TEXT_REPLY_BYTES);
    expect((parts[0] as { content: string }).content.endsWith('…')).toBe(true);
  });
  it('never splits other reply types', () => {
    const image = { type: 'image' as const, mediaId: 'm' };
    expect(replyParts(image, '…')).toEqual([image]);
  });
});

describe('parseSlowStrategies', () => {
  it('reads a comma list, and none as the empty list', () => {
    expect(parseSlowStrategies(' stretch , pull', 'WXMP_SLOW')).toEqual(['stretch', 'pull']);
    expect(parseSlowStrategies('none', '--slow')).toEqual([]);
  });
  it('refuses unknown, repeated and empty lists, naming the source', () => {
    expect(() => parseSlowStrategies('stretch,wait', '--slow')).toThrow(
      /--slow: "wait" is not a slow-handler strategy/,
    );
    expect(() => parseSlowStrategies('pull,pull', 'WXMP_SLOW')).toThrow(/listed twice/);
    expect(() => parseSlowStrategies(',', 'WXMP_SLOW')).toThrow(/at least one/);
  });
  it('defaults to customer service with the AppSecret, else stretch then pull', () => {
    expect(defaultSlowStrategies(true)).toEqual(['customer-service']);
    expect(defaultSlowStrategies(false)).toEqual(['stretch', 'pull']);
  });
});
