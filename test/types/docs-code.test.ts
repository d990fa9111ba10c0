// Every TypeScript block of the README and the docs compiles, as a reader pastes it (see checkMarkdown in
// test/support/examples/extract.ts): a renamed export or a changed option fails here, not in a reader's editor.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMarkdown } from '../support/examples/extract.js';

const ROOT = join(import.meta.dirname, '../..');
const pages = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md') && f !== 'api-reference.md')
    .map((f) => `docs/${f}`),
  ...readdirSync(join(ROOT, 'docs/zh'))
    .filter((f) => f.endsWith('.md') && f !== 'api-reference.md')
    .map((f) => `docs/zh/${f}`),
];

describe('code in the docs', () => {
  it('every ```ts block of the README and docs/ type-checks', () => {
    const { checked, errors } = checkMarkdown(pages);
    expect(checked).toBeGreaterThan(20);
    const report = errors.map((e) => `${e.at}: ${e.message}`).join('\n');
    expect(report, `${errors.length} error(s):\n${report}`).toBe('');
  }, 180_000);
});
