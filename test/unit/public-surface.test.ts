/**
 * The package's public surface: each entry point of package.json "exports", read from its source with the
 * TypeScript compiler. A change to what an entry point exports must show in `public-surface.json` (so it is
 * reviewed as a diff, not inherited); a name exported by two entry points means one thing; entry points name their
 * exports (no `export *`, but of the API groups' type modules); and the building blocks listed below never leak out.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SNAPSHOT = fileURLToPath(new URL('./public-surface.json', import.meta.url));

/**
 * Internal building blocks, never exported by an entry point under any binding: the issue's examples, and the parts
 * the public functions are made of (a user calls the client, the manager, the webhook; not their insides).
 */
const INTERNAL_NAMES = [
  // The API client's insides: the attempt loop, the retry rule (the proxy shares it), the wire format.
  'executeWithRetry',
  'decideRetry',
  'parseJson',
  'stringifyJson',
  'ID_FIELDS',
  'callWeChat',
  'sendRequest',
  'readAnswer',
  'isNoAnswer',
  'hintFor',
  'backoffDelay',
  // The token manager's parts.
  'CredentialManager',
  'ResilientRecordStore',
  'ForceRefreshGate',
  'SlidingWindow',
  'UpstreamCap',
  'stableTokenFetcher',
  'classicTokenFetcher',
  // The webhook's steps and hot-path helpers.
  'receivePush',
  'dispatchPush',
  'respondWith',
  'queryOf',
  'renderReply',
  'parseXml',
  'buildXml',
  'pkcs7Pad',
  'aesCbcEncrypt',
  // The emulator's insides (an emulator's `push` and `fans` are the public way in).
  'createPusher',
  'createFanActions',
  'platformRoutes',
];

/** Modules no value (function, class, constant) of which is public; types that type a public signature may be. */
const INTERNAL_MODULES = [
  'src/wechat-http/', // the one layer for talking to WeChat, shared by the client, the managers and the proxy
  'src/xml/', // the strict parser and the builder behind messages and replies
  'src/crypto/aes.ts', // AES-CBC and 32-byte PKCS#7: the parts of MessageCrypto
  'src/api/execute.ts', // the client's attempt loop
  'src/token/credential.ts', // the credential manager and its units below
  'src/token/resilient-record-store.ts',
  'src/token/force-refresh-gate.ts',
  'src/token/failure-streak.ts',
  'src/token/refresh-rules.ts',
  'src/token/single-flight.ts',
  'src/token/lock.ts',
  'src/token/rate-cap.ts',
  'src/token/backoff.ts',
  'src/token/fetchers.ts',
  'src/webhook/receive.ts', // the webhook core's steps
  'src/webhook/dispatch.ts',
  'src/webhook/respond.ts',
  'src/webhook/refusal.ts',
  'src/webhook/verify.ts',
  'src/services/proxy/', // the proxy's steps
  'src/emulator/platform/', // the emulator's endpoint handlers
  'src/cli/', // the command line is a program, not a library
];

/** `wxmp`, `wxmp/api`, …, each with its source file; `./adapters/*` is one entry per adapter file. */
function entryPoints(): Map<string, string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { types: string; default: string }>;
  };
  const entries = new Map<string, string>();
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue; // ./package.json
    const source = target.types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts');
    const name = subpath === '.' ? 'wxmp' : `wxmp/${subpath.slice(2)}`;
    if (!source.includes('*')) {
      entries.set(name, source);
      continue;
    }
    const [dir, suffix] = [source.slice(0, source.lastIndexOf('/')), source.slice(source.indexOf('*') + 1)];
    for (const file of readdirSync(join(ROOT, dir))
      .filter((f) => f.endsWith(suffix))
      .sort())
      entries.set(name.replace('*', file.slice(0, -suffix.length)), `${dir}/${file}`);
  }
  return entries;
}

interface Export {
  name: string;
  /** The declaration the name stands for, aliases resolved. */
  symbol: ts.Symbol;
  /** `src/…` of its first declaration. */
  file: string;
  isValue: boolean;
}

/** The exports of every entry point, from one program over all of them. */
function readSurface(): {
  entries: Map<string, string>;
  exports: Map<string, Export[]>;
  program: ts.Program;
} {
  const entries = entryPoints();
  const program = ts.createProgram(
    [...entries.values()].map((file) => join(ROOT, file)),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
    },
  );
  const checker = program.getTypeChecker();
  const exports = new Map<string, Export[]>();
  for (const [entry, file] of entries) {
    const source = program.getSourceFile(join(ROOT, file));
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`${entry}: ${file} is not a module`);
    exports.set(
      entry,
      checker.getExportsOfModule(module).map((s) => {
        const symbol = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
        const declaration = symbol.declarations?.[0];
        return {
          name: s.getName(),
          symbol,
          file: declaration ? relative(ROOT, declaration.getSourceFile().fileName) : '?',
          isValue: (symbol.flags & ts.SymbolFlags.Value) !== 0,
        };
      }),
    );
  }
  return { entries, exports, program };
}

/** An entry point's names as the snapshot lists them: sorted, a type-only export as `type Name`. */
function listed(list: readonly Export[]): string[] {
  return list
    .map((e) => (e.isValue ? e.name : `type ${e.name}`))
    .sort((a, b) => a.replace(/^type /, '').localeCompare(b.replace(/^type /, ''), 'en'));
}

const { entries, exports, program } = readSurface();

/**
 * `export type * from './types/….js'` in `src/api/index.ts`: each of those files holds the request and response
 * types of one API group and nothing else, so its list of names is the one list (the snapshot shows any change).
 */
function typeGroupExport(file: string, statement: ts.ExportDeclaration): boolean {
  if (!statement.isTypeOnly || statement.exportClause || !statement.moduleSpecifier) return false;
  const target = join(dirname(file), (statement.moduleSpecifier as ts.StringLiteral).text);
  return target.startsWith('src/api/types/');
}

describe('the public surface', () => {
  it('lists exactly what each entry point exports (update public-surface.json with the change)', () => {
    const snapshot = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Record<string, string[]>;
    const changes: Record<string, { added: string[]; removed: string[] }> = {};
    for (const entry of new Set([...Object.keys(snapshot), ...entries.keys()])) {
      const now = listed(exports.get(entry) ?? []);
      const then = snapshot[entry] ?? [];
      const added = now.filter((n) => !then.includes(n));
      const removed = then.filter((n) => !now.includes(n));
      if (added.length || removed.length) changes[entry] = { added, removed };
    }
    expect(changes).toEqual({});
  });

  it('gives a name exported by several entry points one meaning (the same declaration)', () => {
    const byName = new Map<string, Map<ts.Symbol, string[]>>();
    for (const [entry, list] of exports)
      for (const e of list) {
        const meanings = byName.get(e.name) ?? new Map<ts.Symbol, string[]>();
        meanings.set(e.symbol, [...(meanings.get(e.symbol) ?? []), `${entry} (${e.file})`]);
        byName.set(e.name, meanings);
      }
    const clashes = [...byName]
      .filter(([, meanings]) => meanings.size > 1)
      .map(([name, meanings]) => `${name}: ${[...meanings.values()].map((w) => w.join(', ')).join(' vs ')}`);
    expect(clashes).toEqual([]);
  });

  it('names every export in the entry points (no `export *` but of a type module of the API groups)', () => {
    const star: string[] = [];
    for (const [entry, file] of entries) {
      const source = program.getSourceFile(join(ROOT, file))!;
      for (const statement of source.statements)
        if (
          ts.isExportDeclaration(statement) &&
          (!statement.exportClause || ts.isNamespaceExport(statement.exportClause)) &&
          !typeGroupExport(file, statement)
        )
          star.push(`${entry}: ${statement.getText(source)}`);
    }
    expect(star).toEqual([]);
  });

  it('exports none of the internal building blocks', () => {
    const leaked = [...exports].flatMap(([entry, list]) =>
      list
        .filter(
          (e) =>
            INTERNAL_NAMES.includes(e.name) ||
            INTERNAL_NAMES.includes(e.symbol.getName()) ||
            (e.isValue && INTERNAL_MODULES.some((m) => e.file.startsWith(m))),
        )
        .map((e) => `${entry}: ${e.name} (${e.file})`),
    );
    expect(leaked).toEqual([]);
  });

  it('checks internal modules that exist (a moved file must move here too)', () => {
    expect(INTERNAL_MODULES.filter((m) => !existsSync(join(ROOT, m)))).toEqual([]);
  });

  it('reads every package.json export from an existing source file', () => {
    expect([...entries].filter(([, file]) => !existsSync(join(ROOT, file)))).toEqual([]);
    expect([...entries.keys()]).toEqual(expect.arrayContaining(['wxmp', 'wxmp/api', 'wxmp/adapters/node']));
  });
});
