#!/usr/bin/env node
// The `wxmp` command. The CLI is compiled to dist/ by `npm run build` (run automatically by `npm ci`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `serve` alone loads only itself: a webhook server carries none of the other commands in memory.
const entry = process.argv[2] === 'serve' ? 'serve-main.js' : 'main.js';
const main = fileURLToPath(new URL(`../dist/cli/${entry}`, import.meta.url));
if (!existsSync(main)) {
  console.error('wxmp: dist/ is missing. Run `npm run build` first.');
  process.exit(1);
}
const { run } = await import(main);
await run(process.argv);
