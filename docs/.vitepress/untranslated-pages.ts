/**
 * The Chinese site serves every English page: where no Chinese page has been written yet, a page that says so and
 * includes the English text is generated (git-ignored), so the sidebar and the language switch never lead nowhere.
 * A page written by hand is never touched: generated pages start with {@link UNTRANSLATED_MARK}.
 * @module
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The first line of a generated page. */
export const UNTRANSLATED_MARK =
  '<!-- generated: untranslated English page, see docs/.vitepress/untranslated-pages.ts -->';

/** Whether `file` is a generated page (or does not exist). */
export function isUntranslated(file: string): boolean {
  return !existsSync(file) || readFileSync(file, 'utf8').startsWith(UNTRANSLATED_MARK);
}

/**
 * Writes `docs/zh/<page>.md` for every English page without a Chinese one; returns the pages written.
 *
 * @example
 * ```ts
 * writeUntranslatedPages('/repo/docs'); // ['architecture.md', 'contributing.md', …]
 * ```
 */
export function writeUntranslatedPages(docsDir: string): string[] {
  const written: string[] = [];
  for (const page of readdirSync(docsDir).filter((name) => name.endsWith('.md') && name !== 'index.md')) {
    const target = join(docsDir, 'zh', page);
    if (!isUntranslated(target)) continue;
    writeFileSync(
      target,
      `${UNTRANSLATED_MARK}\n\n::: info 本页暂无中文版\n以下是英文原文。\n:::\n\n<!--@include: ../${page}-->\n`,
    );
    written.push(page);
  }
  return written;
}
