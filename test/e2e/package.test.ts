/**
 * The package as npm ships it: `npm pack` contents (LICENSE, no source maps to files not shipped, every README link
 * inside the package, every `exports` target present), publint and @arethetypeswrong/cli clean, and the tarball installed into a fresh project runs the
 * README's bot with `import` and with CommonJS `require`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { transformSync } from 'esbuild';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbound, readReply, signedRequest } from '../../dist/testing/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  exports: Record<string, { types: string; default: string } | string>;
};

let packed: string[] = [];
let tarball = '';
const scratch = mkdtempSync(join(tmpdir(), 'wxmp-pack-'));

beforeAll(async () => {
  // `npm test` builds first (pretest); pack what was built, without running scripts again.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], {
    cwd: ROOT,
    maxBuffer: 32 * 1024 * 1024,
  });
  const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  packed = info!.files.map((f) => f.path);
  tarball = join(scratch, info!.filename);
}, 120_000);

describe('npm pack', () => {
  it('ships the LICENSE, the README, the CLI and the build, and no source map nor build cache', () => {
    for (const file of [
      'LICENSE',
      'README.md',
      'package.json',
      'bin/wxmp.js',
      'dist/index.js',
      'dist/index.d.ts',
    ])
      expect(packed, file).toContain(file);
    expect(packed.filter((f) => f.endsWith('.map') || f.endsWith('.tsbuildinfo'))).toEqual([]);
    expect(packed.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
  });

  it('holds every file the README links to', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1]!)
      .filter((href) => !/^[a-z]+:/i.test(href) && !href.startsWith('#'))
      .map((href) => href.split('#')[0]!);
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) expect(packed, link).toContain(link.replace(/^\.\//, ''));
  });

  it('is clean for publint (strict), read from the tarball', async () => {
    const { messages } = await publint({
      pack: { tarball: new Uint8Array(readFileSync(tarball)).buffer },
      strict: true,
    });
    expect(messages.map((m) => `${m.type} ${m.code} ${m.path.join('.')}`)).toEqual([]);
  });

  it('is clean for @arethetypeswrong/cli on the tarball (ESM-only profile: CommonJS loads it with require(esm))', async () => {
    // The package is ESM; Node ≥ 20.19 loads it with require() too (the fresh-project test below runs that), which
    // attw's node10 and node16-CJS resolutions do not model: the esm-only profile leaves those two out.
    const attw = join(ROOT, 'node_modules', '.bin', 'attw');
    const result = await run(attw, [tarball, '--profile', 'esm-only', '--format', 'json'], {
      maxBuffer: 32 * 1024 * 1024,
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (err: { code?: number; stdout?: string }) => ({ code: err.code ?? 1, stdout: err.stdout ?? '' }),
    );
    const { analysis } = JSON.parse(result.stdout) as {
      analysis: { problems: { kind: string; entrypoint?: string; resolutionKind?: string }[] };
    };
    const ignored = new Set(['node10', 'node16-cjs']);
    const problems = analysis.problems.filter((p) => !ignored.has(p.resolutionKind ?? ''));
    expect(problems.map((p) => `${p.kind} ${p.entrypoint ?? ''} ${p.resolutionKind ?? ''}`)).toEqual([]);
    expect(result.code).toBe(0);
  }, 120_000);

  it('holds every target of package.json exports', () => {
    for (const [entry, target] of Object.entries(pkg.exports)) {
      const targets = typeof target === 'string' ? [target] : [target.types, target.default];
      for (const t of targets) {
        const path = t.replace(/^\.\//, '');
        if (path.includes('*')) {
          const re = new RegExp(`^${path.replace(/[.]/g, '\\.').replace('*', '[^/]+')}$`);
          expect(
            packed.some((f) => re.test(f)),
            `${entry} → ${t}`,
          ).toBe(true);
        } else expect(packed, `${entry} → ${t}`).toContain(path);
      }
    }
  });
});

/** The README's bot, with a free port instead of 3000. */
function readmeBot(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## A bot in ten lines'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  expect(code).toContain('.listen(3000)');
  return code.replace('.listen(3000)', '.listen(Number(process.env.PORT))');
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('the tarball installed into a fresh project', () => {
  const project = join(scratch, 'project');
  const bots: ChildProcess[] = [];

  beforeAll(async () => {
    mkdirSync(join(project, 'node_modules', 'wxmp'), { recursive: true });
    await run('tar', ['-xzf', tarball, '-C', join(project, 'node_modules', 'wxmp'), '--strip-components=1']);
    // Its dependencies as npm would install them (linked from this checkout: the suite runs offline).
    for (const dep of [...Object.keys(pkg.dependencies), '@types']) {
      const target = join(project, 'node_modules', ...dep.split('/'));
      mkdirSync(join(target, '..'), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules', ...dep.split('/')), target, 'dir');
    }
    // node-redis's own packages and hono's server sit beside it.
    for (const name of readdirSync(join(ROOT, 'node_modules', '@redis'))) {
      mkdirSync(join(project, 'node_modules', '@redis'), { recursive: true });
      symlinkSync(
        join(ROOT, 'node_modules', '@redis', name),
        join(project, 'node_modules', '@redis', name),
        'dir',
      );
    }
    writeFileSync(join(project, 'bot.ts'), readmeBot());
  }, 60_000);
  afterAll(() => {
    for (const bot of bots) bot.kill();
  });

  it('type-checks the README bot against the installed package', async () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
    const args = [
      ...['--noEmit', '--strict', '--noUncheckedIndexedAccess', '--exactOptionalPropertyTypes'],
      ...['--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node'],
      'bot.ts',
    ];
    const result = await run(process.execPath, [tsc, ...args], { cwd: project }).catch(
      (err: { stdout?: string }) => ({ stdout: err.stdout ?? 'failed' }),
    );
    expect(result.stdout).toBe('');
  });

  for (const format of ['esm', 'cjs'] as const) {
    it(`runs the README bot with ${format === 'esm' ? 'import' : 'CommonJS require'} and answers a push`, async () => {
      const source = transformSync(readmeBot(), { loader: 'ts', format }).code;
      if (format === 'cjs') expect(source).toContain('require("wxmp")');
      const file = join(project, format === 'esm' ? 'bot.mjs' : 'bot.cjs');
      writeFileSync(file, source);
      const port = await freePort();
      const keys = {
        token: 'AAAAA',
        appId: 'wxba5fad812f8e6fb9',
        encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
        mode: 'safe',
      } as const;
      let output = '';
      const bot = spawn(process.execPath, [file], {
        cwd: project,
        env: {
          PATH: process.env['PATH'],
          PORT: String(port),
          WECHAT_TOKEN: keys.token,
          WECHAT_APPID: keys.appId,
          WECHAT_ENCODING_AES_KEY: keys.encodingAESKey,
        },
      });
      bots.push(bot);
      bot.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
      const req = signedRequest.push(inbound.text({ to: 'gh_test00000000', from: 'oFan' }, '你好'), {
        ...keys,
        from: 'oFan',
        url: `http://127.0.0.1:${port}/wx`,
      });
      let answer: Response | undefined;
      for (let i = 0; i < 100 && !answer; i++) {
        answer = await fetch(req.url, req).catch(async () => {
          await new Promise((r) => setTimeout(r, 100));
          return undefined;
        });
      }
      expect(answer, output).toBeDefined();
      await expect(readReply(answer!, { ...keys, from: 'oFan' })).resolves.toEqual({
        type: 'text',
        content: '你说: 你好',
      });
      expect(output).toBe('');
    });
  }
});
