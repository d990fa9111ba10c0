/**
 * Cached getToken() throughput, warm cache: from the memory store, and from the Redis store.
 *
 * The Redis figure is honest about what it measures: every getToken() reads the record from Redis (one GET, no
 * local cache in front), with many calls in flight over one connection so node-redis pipelines them.
 *
 * Run: `npx tsx bench/token.ts` (REDIS_URL, default redis://127.0.0.1:6379). Targets: memory >= 1,000,000 ops/s,
 * Redis >= 20,000 ops/s.
 */
import { createClient } from 'redis';
import { createTokenManager, type TokenManager } from '../src/token/manager.js';
import { createMemoryStore } from '../src/token/stores/memory.js';
import { createRedisStoreFromUrl } from '../src/token/stores/node-redis.js';

const APP_ID = 'wxbench0000000000';
const SECONDS = 3;
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Answers stable_token once for the warm-up; the measured loops never reach it. */
const fakeWeChat: typeof fetch = () =>
  Promise.resolve(Response.json({ access_token: `BENCH-${'x'.repeat(150)}`, expires_in: 7200 }));

/** Runs `lanes` loops of sequential getToken() calls for `seconds`; returns calls per second. */
async function measure(manager: TokenManager, lanes: number, seconds: number): Promise<number> {
  const expected = await manager.getToken(); // warm the cache
  let ops = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const lane = async () => {
    while (performance.now() < end) {
      // Check a batch per clock read: performance.now() would otherwise cost as much as a memory getToken().
      for (let i = 0; i < 256; i++) {
        if ((await manager.getToken()) !== expected) throw new Error('token changed during the benchmark');
      }
      ops += 256;
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return ops / ((performance.now() - start) / 1000);
}

const format = (n: number) => Math.round(n).toLocaleString('en-US');

const memory = createTokenManager({
  appId: APP_ID,
  appSecret: 'benchsecret0000000000000000000000',
  fetch: fakeWeChat,
  store: createMemoryStore(),
});
console.log(
  `token memory: ${format(await measure(memory, 1, SECONDS))} ops/s (memory store, 1 caller in a loop)`,
);
await memory.close();

const probe = createClient({ url: REDIS_URL, socket: { connectTimeout: 1000, reconnectStrategy: false } });
probe.on('error', () => {});
const reachable = await probe.connect().then(
  () => true,
  () => false,
);
if (!reachable) {
  console.log(`token redis: skipped (${REDIS_URL} unreachable)`);
} else {
  const prefix = `wxmp-bench:${process.pid}:`;
  const store = createRedisStoreFromUrl(REDIS_URL, { prefix });
  const redis = createTokenManager({
    appId: APP_ID,
    appSecret: 'benchsecret0000000000000000000000',
    fetch: fakeWeChat,
    store,
  });
  const lanes = 256;
  console.log(
    `token redis: ${format(await measure(redis, lanes, SECONDS))} ops/s (Redis GET on every call, ${lanes} in flight on one connection)`,
  );
  await redis.close();
  await store.close?.();
  for (const key of await probe.keys(`${prefix}*`)) await probe.del(key);
  await probe.close();
}
