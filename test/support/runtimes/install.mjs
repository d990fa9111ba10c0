#!/usr/bin/env node
/**
 * Installs the Bun, Deno and Miniflare (with workerd) that test/e2e/runtimes.test.ts runs the fetch adapter on, at
 * the versions pinned in versions.json, into $WXMP_RUNTIMES_DIR (default node_modules/.cache/wxmp-runtimes; a
 * relative path is taken from the repository root), then writes runtimes.json there for the test to read.
 *
 *   node test/support/runtimes/install.mjs
 *
 * They are not in package.json: ~300 MB that users' `npm ci` must not fetch. Install scripts stay off, whatever the
 * npm version does by default: each binary is taken from the platform package its wrapper lists as an optional
 * dependency, and run once before it is recorded. Miniflare stays on major 3: 4 needs Node >= 22, the project 20.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const DIR = resolve(ROOT, process.env.WXMP_RUNTIMES_DIR || 'node_modules/.cache/wxmp-runtimes');
const MANIFEST = join(DIR, 'runtimes.json');
const pins = JSON.parse(readFileSync(new URL('versions.json', import.meta.url), 'utf8'));

/** The platform packages' names and where their binary sits in them (the wrappers' own install scripts know this). */
function binaries() {
  const { platform, arch } = process;
  if (!['linux', 'darwin'].includes(platform) || !['x64', 'arm64'].includes(arch))
    throw new Error(`no pinned runtimes for ${platform}-${arch}: the runtime suite runs on Linux and macOS`);
  const musl = platform === 'linux' && !process.report.getReport().header.glibcVersionRuntime;
  if (musl) throw new Error('Deno publishes no musl build: run the runtime suite on a glibc system');
  return {
    bun: `@oven/bun-${platform}-${arch === 'arm64' ? 'aarch64' : 'x64'}/bin/bun`,
    deno: `@deno/${platform}-${arch}${platform === 'linux' ? '-glibc' : ''}/deno`,
  };
}

/** Runs a binary once and checks it reports the pinned version. */
function check(bin, expected) {
  const said = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  if (!said.includes(expected)) throw new Error(`${bin} --version said "${said}", expected ${expected}`);
  return said.split('\n')[0];
}

function sizeOf(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return stat?.size ?? 0;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

function installed() {
  try {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    const current = ['bun', 'deno', 'miniflare'].every((name) => manifest[name]?.version === pins[name]);
    return current && [manifest.bun.bin, manifest.deno.bin, manifest.miniflare.workerd].every(existsSync);
  } catch {
    return false;
  }
}

const started = Date.now();
if (installed() && !process.argv.includes('--force')) {
  console.log(`runtimes: bun ${pins.bun}, deno ${pins.deno}, miniflare ${pins.miniflare} already in ${DIR}`);
  process.exit(0);
}
const paths = binaries();
mkdirSync(DIR, { recursive: true });
// A package.json of its own, so npm treats DIR as the project and never walks up into the repository's.
writeFileSync(join(DIR, 'package.json'), '{ "private": true, "description": "wxmp test runtimes" }\n');
const packages = ['bun', 'deno', 'miniflare'].map((name) => `${name}@${pins[name]}`);
execFileSync(
  'npm',
  [
    'install',
    ...['--prefix', DIR, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--include=optional'],
    ...packages,
  ],
  { stdio: 'inherit' },
);

const modules = join(DIR, 'node_modules');
const bun = join(modules, paths.bun);
const deno = join(modules, paths.deno);
// The workerd package resolves its own platform binary; Miniflare finds it the same way.
const requireHere = createRequire(join(DIR, 'package.json'));
const workerd = requireHere('workerd');
const manifest = {
  bun: { version: pins.bun, bin: bun, said: check(bun, pins.bun) },
  deno: { version: pins.deno, bin: deno, said: check(deno, pins.deno) },
  miniflare: {
    version: pins.miniflare,
    entry: requireHere.resolve('miniflare'),
    workerd: workerd.default,
    compatibilityDate: workerd.compatibilityDate,
    said: check(workerd.default, workerd.compatibilityDate),
  },
};
writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
const mb = (sizeOf(modules) / 1e6).toFixed(0);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`runtimes: ${packages.join(', ')} in ${DIR} (${mb} MB, ${seconds} s)`);
