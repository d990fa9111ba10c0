/**
 * The measured server: the real `echo` bot behind `createWebhook` and `nodeHandler` on node:http.
 *
 * `webhook.ts plain|safe [dist|src]`: `dist` (default) loads the built package as users run it; `src` loads the
 * TypeScript sources (the file must then run under tsx). Same code, but under tsx it is measurably slower and bigger:
 * its esbuild inserts `__name()` calls into hot functions, and its loader thread adds ~33 MB of RSS.
 * @module
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { BENCH_ACCOUNT, POOL_TIMESTAMP_WINDOW_SEC, type BenchMode } from '../account.js';
import { serveChild, type Counters } from './child.js';
// Types only: the code itself is loaded below from dist/ or src/.
import type * as Examples from '../../src/examples/index.js';
import type * as Core from '../../src/index.js';
import type * as NodeAdapter from '../../src/webhook/adapters/node.js';

const mode = process.argv[2] as BenchMode;
const from = process.argv[3] === 'src' ? 'src' : 'dist';
if (mode !== 'plain' && mode !== 'safe') throw new Error('usage: webhook.ts plain|safe [dist|src]');

// bench/run.ts runs this file transpiled in node_modules/.cache/wxmp-bench and says where the repository is.
const repo = process.env['WXMP_BENCH_ROOT']
  ? pathToFileURL(`${process.env['WXMP_BENCH_ROOT']}/`)
  : new URL('../../', import.meta.url);
const root = new URL(`${from}/`, repo);
const load = <T>(path: string) => import(new URL(path, root).href) as Promise<T>;
const [{ createWebhook, MemoryDedup }, { createEchoBot }, { nodeHandler }] = await Promise.all([
  load<typeof Core>('index.js'),
  load<typeof Examples>('examples/index.js'),
  load<typeof NodeAdapter>('webhook/adapters/node.js'),
]);

const counters: Counters = { handlerRuns: 0, dedupCalls: 0 };

/**
 * The real MemoryDedup (so its map work is measured), with a zero TTL: the pool is replayed many times a second,
 * and with the default 60 s TTL every push after the first lap would be answered from the cache instead of being
 * handled. Counting both sides proves it: `handlerRuns === dedupCalls` means no answer came from the cache.
 */
const inner = new MemoryDedup({ ttlMs: 0 });
const dedup: Core.Dedup = {
  run(key, work) {
    counters.dedupCalls++;
    return inner.run(key, () => {
      counters.handlerRuns++;
      return work();
    });
  },
};

const webhook = createWebhook(createEchoBot(), {
  token: BENCH_ACCOUNT.token,
  // Plain mode is configured as a plain-mode account is: Token only.
  ...(mode === 'safe' ? { appId: BENCH_ACCOUNT.appId, encodingAESKey: BENCH_ACCOUNT.encodingAESKey } : {}),
  timestampWindowSec: POOL_TIMESTAMP_WINDOW_SEC,
  dedup,
});

await serveChild(createServer(nodeHandler(webhook)), counters);
