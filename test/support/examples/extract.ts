/**
 * Reads every `@example` of the TSDoc in `src/` and type-checks it, as a user would paste it: each example becomes a
 * module of its own that imports what the file it documents exports (and whatever the example imports itself, with
 * `wxmp` and `wxmp/…` resolved to `src/`), with the example's lines as the body of an async function. The few
 * variables examples take as given (`client`, `bot`, `webhook`, …) are declared once in `globals.d.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** One example: where it stands and its code. */
export interface Example {
  /** `src/…/file.ts`, relative to the project root. */
  file: string;
  /** 1-based line of the `@example` tag. */
  line: number;
  code: string;
}

/** A type error in an example. */
export interface ExampleError {
  at: string;
  message: string;
}

const ROOT = resolve(import.meta.dirname, '../../..');
const GLOBALS = join(import.meta.dirname, 'globals.d.ts');

/** Source files whose TSDoc is checked: the TypeScript of `src/`. */
export function sourceFiles(dir = join(ROOT, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const COMMENT = /\/\*\*[\s\S]*?\*\//g;
const FENCE = /^```(?:ts|typescript)\n([\s\S]*?)```/;

/**
 * The code under each `@example` tag of one file. An example must be a fenced TypeScript block; one that is not
 * comes back with `code: undefined`, so the test can name it.
 */
export function examplesOf(path: string): (Example | (Omit<Example, 'code'> & { code: undefined }))[] {
  const text = readFileSync(path, 'utf8');
  const found: (Example | (Omit<Example, 'code'> & { code: undefined }))[] = [];
  for (const comment of text.matchAll(COMMENT)) {
    // The comment's lines without their leading `*`, indentation after it kept.
    const lines = comment[0]
      .replace(/^\/\*\*|\*\/$/g, '')
      .split('\n')
      .map((line) => line.replace(/^\s*\* ?/, ''));
    const commentLine = text.slice(0, comment.index).split('\n').length;
    lines.forEach((line, i) => {
      if (!/^\s*@example\b/.test(line)) return;
      const rest = [line.replace(/^\s*@example\s*/, ''), ...lines.slice(i + 1)]
        .join('\n')
        .replace(/^\n+/, '');
      const end = rest.search(/^\s*@\w/m);
      const block = (end < 0 ? rest : rest.slice(0, end)).trimStart();
      const code = FENCE.exec(block)?.[1];
      found.push({ file: relative(ROOT, path), line: commentLine + i, code });
    });
  }
  return found;
}

/**
 * Whether an example does nothing but give a value a type (`const o: Options = { … };`): it shows a reader no use
 * of the thing documented, and the type's own fields say more.
 */
export function onlyAssignsToAType(code: string): boolean {
  const source = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
  const statements = source.statements.filter((s) => !ts.isImportDeclaration(s));
  return (
    statements.length > 0 &&
    statements.every(
      (s) =>
        (ts.isVariableStatement(s) && s.declarationList.declarations.every((d) => d.type !== undefined)) ||
        ts.isTypeAliasDeclaration(s),
    )
  );
}

/** Splits an example into its import declarations (hoisted) and the rest (the function body). */
function splitImports(code: string): { imports: string[]; body: string } {
  const source = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
  const imports: string[] = [];
  let body = code;
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const text = statement.getText(source);
    imports.push(text);
    body = body.replace(text, '');
  }
  return { imports, body };
}

/** The names a module exports, as an import list (values and types alike). */
function exportsOf(program: ts.Program, path: string): string[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(path);
  const symbol = source && checker.getSymbolAtLocation(source);
  if (!symbol) return [];
  return checker.getExportsOfModule(symbol).map((s) => s.getName());
}

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: ['node'],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: true,
  noEmit: true,
  allowImportingTsExtensions: false,
  baseUrl: ROOT,
  paths: {
    wxmp: ['src/index.ts'],
    'wxmp/adapters/*': ['src/webhook/adapters/*.ts'],
    'wxmp/config': ['src/config.ts'],
    'wxmp/*': ['src/*/index.ts'],
  },
};

/** Type-checks every example; returns one entry per error, empty when all compile. */
export function checkExamples(files = sourceFiles()): { checked: number; errors: ExampleError[] } {
  const all = files.flatMap(examplesOf);
  const examples = all.filter((e): e is Example => e.code !== undefined);
  const unfenced = all
    .filter((e) => e.code === undefined)
    .map((e) => ({ at: `${e.file}:${e.line}`, message: 'an @example must be a fenced ```ts block' }));
  const typeOnly = examples
    .filter((e) => onlyAssignsToAType(e.code))
    .map((e) => ({
      at: `${e.file}:${e.line}`,
      message: 'this example only gives a value a type: show it in use, or drop it',
    }));
  // First pass: the exports of each documented file.
  const base = ts.createProgram(files, OPTIONS);
  const virtual = new Map<string, { text: string; example: Example; offset: number }>();
  examples.forEach((example, index) => {
    const absolute = join(ROOT, example.file);
    const dir = join(ROOT, 'test/.examples');
    const own = exportsOf(base, absolute);
    const { imports, body } = splitImports(example.code);
    const imported = new Set(
      imports.flatMap((line) => [...line.matchAll(/\b(\w+)\b(?=\s*(?:,|}|\s+as\b))/g)].map((m) => m[1])),
    );
    const fromOwn = own.filter((name) => !imported.has(name));
    const specifier = relative(dir, absolute).replace(/\.ts$/, '.js');
    const header = [
      `/// <reference path="${relative(dir, GLOBALS)}" />`,
      fromOwn.length ? `import { ${fromOwn.join(', ')} } from '${specifier}';` : '',
      ...imports,
      'export async function example() {',
    ].join('\n');
    const text = `${header}\n${body}\n}\n`;
    virtual.set(join(dir, `example-${index}.ts`), {
      text,
      example,
      offset: header.split('\n').length,
    });
  });
  const host = ts.createCompilerHost(OPTIONS);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => virtual.get(name)?.text ?? readFile(name);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  host.getSourceFile = (name, language, onError, create) => {
    const entry = virtual.get(name);
    return entry
      ? ts.createSourceFile(name, entry.text, language, true)
      : getSourceFile(name, language, onError, create);
  };
  const program = ts.createProgram([...virtual.keys()], OPTIONS, host, base);
  const errors: ExampleError[] = [...unfenced, ...typeOnly];
  for (const [name, entry] of virtual) {
    const source = program.getSourceFile(name);
    if (!source) continue;
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    for (const d of diagnostics) {
      const lineInExample =
        d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line - entry.offset + 1;
      errors.push({
        at: `${entry.example.file}:${entry.example.line} (example line ${lineInExample})`,
        message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      });
    }
  }
  return { checked: examples.length, errors };
}
