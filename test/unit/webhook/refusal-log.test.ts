import { describe, expect, it } from 'vitest';
import { RefusalLog } from '../../../src/webhook/refusal-log.js';
import { recordingLogger } from './support.js';

describe('RefusalLog', () => {
  it('logs each reason at most once per interval, with the count since its last line', () => {
    let now = 0;
    const logger = recordingLogger();
    const log = new RefusalLog({ logger, now: () => now, intervalMs: 1000 });
    for (let i = 0; i < 10; i++, now += 150) log.note('SIGNATURE_INVALID', 401, 'invalid signature', 'POST');
    log.note('BODY_TOO_LARGE', 413, 'body exceeds 1 bytes', 'POST');
    expect(
      logger.lines.map((l) => [(l.obj as { code: string }).code, (l.obj as { count: number }).count]),
    ).toEqual([
      ['SIGNATURE_INVALID', 1],
      ['SIGNATURE_INVALID', 7],
      ['BODY_TOO_LARGE', 1],
    ]);
    expect(log.counts()).toEqual({ SIGNATURE_INVALID: 10, BODY_TOO_LARGE: 1 });
  });
});
