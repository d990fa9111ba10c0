/**
 * Reads every `@example` of the TSDoc in `src/` and type-checks it, as a user would paste it: each example becomes a
 * module of its own beside the file it documents, importing what that file exports (but the names the example binds
 * itself) and whatever the example imports, with `wxmp` and `wxmp/…` resolved to `src/`. Its statements are the
 * body of an async function; its imports and `declare`s stand at the top, and an example that exports (a worker's
 * `export default { fetch }`) is checked as a module as it stands. The few variables examples take as given
 * (`client`, `bot`, `webhook`, `logger`, `state`) are declared once in `globals.d.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
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

/**
 * An example split for its module: the statements that must stand at the top level (imports, `declare`s — a
 * reader's `declare const req: IncomingMessage;` — and, in an example that is a module of its own such as a
 * worker's `export default { fetch }`, everything), the rest (the body of an async function, so an example may
 * `await` and even `return`), and the names the example binds at its top level, which it then does not take from
 * the documented file.
 */
function splitExample(code: string): { hoisted: Chunk[]; body: Chunk[]; bound: Set<string> } {
  const source = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
  const exports = source.statements.some(
    (s) =>
      ts.isExportAssignment(s) ||
      ts.isExportDeclaration(s) ||
      (ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)),
  );
  const hoisted: Chunk[] = [];
  const rest: Chunk[] = [];
  const bound = new Set<string>();
  for (const statement of source.statements) {
    const chunk = {
      text: code.slice(statement.getFullStart(), statement.getEnd()),
      at: statement.getFullStart(),
    };
    const top =
      exports ||
      ts.isImportDeclaration(statement) ||
      (ts.canHaveModifiers(statement) &&
        ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword));
    (top ? hoisted : rest).push(chunk);
    for (const name of boundNames(statement)) bound.add(name);
  }
  return { hoisted, body: rest, bound };
}

/** A piece of an example's code and where it starts in the example. */
interface Chunk {
  text: string;
  at: number;
}

/**
 * An example's module text and, for each piece of the example in it, where it stands, so that an error can name
 * its line in the example.
 */
function exampleModule(
  example: Example,
  ownExports: string[],
): { text: string; pieces: { start: number; chunk: Chunk }[] } {
  const { hoisted, body, bound } = splitExample(example.code);
  const fromOwn = ownExports.filter((name) => !bound.has(name));
  const dir = dirname(join(ROOT, example.file));
  let text = `/// <reference path="${relative(dir, GLOBALS)}" />\n`;
  if (fromOwn.length)
    text += `import { ${fromOwn.join(', ')} } from './${basename(example.file, '.ts')}.js';\n`;
  const pieces: { start: number; chunk: Chunk }[] = [];
  const add = (chunk: Chunk) => {
    pieces.push({ start: text.length, chunk });
    text += `${chunk.text}\n`;
  };
  hoisted.forEach(add);
  text += 'export async function example() {\n';
  body.forEach(add);
  text += '}\n';
  return { text, pieces };
}

/** The 1-based line in the example of a position in its module; 0 for the lines the checker adds. */
function lineInExample(code: string, pieces: { start: number; chunk: Chunk }[], position: number): number {
  const piece = pieces.find((p) => position >= p.start && position <= p.start + p.chunk.text.length);
  if (!piece) return 0;
  return code.slice(0, piece.chunk.at + position - piece.start).split('\n').length;
}

/** The names one top-level statement of an example binds: its imports, variables, functions, classes, types. */
function boundNames(statement: ts.Statement): string[] {
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (!clause) return [];
    const bindings = clause.namedBindings;
    return [
      ...(clause.name ? [clause.name.text] : []),
      ...(bindings && ts.isNamespaceImport(bindings) ? [bindings.name.text] : []),
      ...(bindings && ts.isNamedImports(bindings) ? bindings.elements.map((e) => e.name.text) : []),
    ];
  }
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => namesIn(d.name));
  }
  const named =
    ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isEnumDeclaration(statement);
  return named && statement.name ? [statement.name.text] : [];
}

/** The identifiers a (possibly destructuring) binding declares. */
function namesIn(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : namesIn(e.name)));
}

/** The names a module exports, as an import list (values and types alike). */
function exportsOf(program: ts.Program, path: string): string[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(path);
  const symbol = source && checker.getSymbolAtLocation(source);
  if (!symbol) return [];
  return checker
    .getExportsOfModule(symbol)
    .map((s) => s.getName())
    .filter((name) => name !== 'default');
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
  // Absolute, so no `baseUrl` (deprecated in TypeScript 6) is needed.
  paths: {
    wxmp: [join(ROOT, 'src/index.ts')],
    'wxmp/adapters/*': [join(ROOT, 'src/webhook/adapters/*.ts')],
    'wxmp/config': [join(ROOT, 'src/config.ts')],
    'wxmp/*': [join(ROOT, 'src/*/index.ts')],
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
  return { checked: examples.length, errors: [...unfenced, ...typeOnly, ...typeCheck(files, examples)] };
}

/**
 * Type-checks code blocks of the Markdown pages (`docs/`, `README.md`) as the TSDoc examples are: each block a module
 * of its own, its statements in an async function, `wxmp` resolved to `src/`, the given variables of `globals.d.ts`
 * and, for a block that needs more, the declarations of an HTML comment right above it (`<!-- given: declare const
 * appId: string; -->`, invisible on the page).
 */
export function checkMarkdown(pages: string[]): { checked: number; errors: ExampleError[] } {
  const blocks: Example[] = pages.flatMap((page) => {
    const text = readFileSync(join(ROOT, page), 'utf8');
    return [...text.matchAll(/(?:<!-- given: ([\s\S]*?) -->\n+)?```(?:ts|typescript)\n([\s\S]*?)```/g)].map(
      (m) => ({
        file: page,
        line: text.slice(0, (m.index ?? 0) + m[0].indexOf('```')).split('\n').length,
        code: `${m[1] ? `${m[1].trim()}\n` : ''}${m[2] ?? ''}`,
      }),
    );
  });
  return { checked: blocks.length, errors: typeCheck(sourceFiles(), blocks, false) };
}

/** Each example as a module beside its file (or its page), type-checked in one program. */
function typeCheck(files: string[], examples: Example[], importOwn = true): ExampleError[] {
  // First pass: the exports of each documented file.
  const base = ts.createProgram(files, OPTIONS);
  // Each example's module stands beside the file it documents (never written to disk), so an example of an
  // internal helper may import its siblings as that file does (`./settings.js`).
  const virtual = new Map<string, ReturnType<typeof exampleModule> & { example: Example }>();
  examples.forEach((example, index) => {
    const path = join(ROOT, example.file);
    const own = importOwn ? exportsOf(base, path) : [];
    virtual.set(join(dirname(path), `__example-${index}.ts`), { ...exampleModule(example, own), example });
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
  const errors: ExampleError[] = [
    ...program.getOptionsDiagnostics().map((d) => ({
      at: "the checker's compiler options",
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    })),
  ];
  for (const [name, entry] of virtual) {
    const source = program.getSourceFile(name);
    if (!source) continue;
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    for (const d of diagnostics) {
      const line = d.start === undefined ? 0 : lineInExample(entry.example.code, entry.pieces, d.start);
      errors.push({
        at: `${entry.example.file}:${entry.example.line} (example line ${line})`,
        message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      });
    }
  }
  return errors;
}
