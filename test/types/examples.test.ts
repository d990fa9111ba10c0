// Every `@example` of the TSDoc in src/ compiles, as a user would paste it (see test/support/examples/extract.ts):
// examples that use a renamed method or a changed signature fail here instead of misleading a reader.
import { describe, expect, it } from 'vitest';
import { checkExamples } from '../support/examples/extract.js';

describe('TSDoc examples', () => {
  // One TypeScript program over all of src/ and every example: a few seconds alone, longer on a busy machine.
  it('every @example in src/ is a fenced ts block that type-checks and does more than give a value a type', () => {
    const { checked, errors } = checkExamples();
    expect(checked).toBeGreaterThan(0);
    const report = errors.map((e) => `${e.at}: ${e.message}`).join('\n');
    expect(report, `${errors.length} example error(s):\n${report}`).toBe('');
  }, 180_000);
});
