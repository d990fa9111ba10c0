/** Which way an answer goes when it is not the passive reply, and how a long answer is cut into parts. */
import { describe, expect, it } from 'vitest';
import { Router } from '../../../../src/webhook/router.js';
import { resolveSettings } from '../../../../src/webhook/settings.js';
import { answerParts, capParts } from '../../../../src/webhook/slow/answer-parts.js';
import { fallback, restVia } from '../../../../src/webhook/slow/fallback.js';
import type { SlowStrategy } from '../../../../src/webhook/slow/strategy.js';

const settings = (slow: SlowStrategy[], withLateReply: boolean) =>
  resolveSettings(new Router(), {
    token: 'AAAAA',
    slow,
    ...(withLateReply ? { lateReply: () => undefined } : {}),
  });

describe('fallback', () => {
  it('is the first of customer service (with lateReply) and pull, in the listed order', () => {
    expect(fallback(settings(['stretch', 'customer-service', 'pull'], true))).toBe('customer-service');
    expect(fallback(settings(['pull', 'customer-service'], true))).toBe('pull');
    expect(fallback(settings(['customer-service', 'pull'], false))).toBe('pull');
    expect(fallback(settings(['stretch'], true))).toBe('none');
  });
  it('sends the rest of a long answer by customer service when it can, else keeps it to pull', () => {
    expect(restVia(settings(['pull', 'customer-service'], true))).toBe('customer-service');
    expect(restVia(settings(['customer-service'], false))).toBe('pull');
  });
});

describe('answer parts', () => {
  it('ends each pulled part but the last with the pull "more" text', () => {
    const parts = answerParts(settings(['pull'], false), { type: 'text', content: '长'.repeat(1000) });
    expect(parts).toHaveLength(2);
    expect((parts[0] as { content: string }).content.endsWith('（未完，回复任意内容查看后续）')).toBe(true);
  });
  it('keeps at most 15 parts, the last saying the rest was left out', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ type: 'text' as const, content: `part ${i}` }));
    const kept = capParts(many);
    expect(kept).toHaveLength(15);
    expect(kept[14]).toEqual({ type: 'text', content: 'part 14\n（内容过长，其余部分未发送）' });
    expect(capParts(many.slice(0, 3))).toEqual(many.slice(0, 3));
  });
});
