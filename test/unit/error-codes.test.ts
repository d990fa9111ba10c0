import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The text of the `WeChatErrorCode` union (its members and their comments), from errors.ts. */
function declaration(): string {
  const source = readFileSync(join(SRC, 'errors.ts'), 'utf8');
  const start = source.indexOf('export type WeChatErrorCode =');
  const end = source.indexOf(`';`, start);
  return start < 0 || end < 0 ? '' : source.slice(start, end + 2);
}

/** The members of the `WeChatErrorCode` union. */
function declaredCodes(): string[] {
  const members = declaration().replace(/\/\*\*[\s\S]*?\*\//g, '');
  return [...members.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]!);
}

/** Codes a `WeChatError` is made with somewhere in src/: `new WeChatError('CODE', …)` or `super('CODE', …)`. */
function constructedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:new WeChatError|super)\(\s*'([A-Z_]+)'/g))
      codes.add(m[1]!);
  }
  return codes;
}

describe('WeChatErrorCode', () => {
  it('declares only codes that something in src/ throws', () => {
    const declared = declaredCodes();
    expect(declared.length).toBeGreaterThan(10);
    const constructed = constructedCodes();
    const neverThrown = declared.filter((code) => !constructed.has(code));
    // Remove the code from WeChatErrorCode, or throw it where it belongs.
    expect(neverThrown).toEqual([]);
  });
  it('documents each code with a comment', () => {
    const undocumented = [...declaration().matchAll(/(\*\/\s*)?\|\s*'([A-Z_]+)'/g)]
      .filter((m) => m[1] === undefined)
      .map((m) => m[2]);
    expect(undocumented).toEqual([]);
  });
});
