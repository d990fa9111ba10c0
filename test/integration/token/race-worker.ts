/**
 * One "process" of the multi-process race. ROUNDS is a JSON list of `{ mode, prefix }`; for each round the worker
 * connects to Redis, says `ready`, waits for `go` on stdin (the start barrier), fires CALLERS concurrent getToken()
 * calls and prints the distinct tokens it got as one JSON line.
 *
 * Run by race.test.ts as `node --import tsx race-worker.ts` with API_BASE, REDIS_URL, ROUNDS, CALLERS, APP_ID and
 * APP_SECRET set.
 */
import { createInterface } from 'node:readline';
import { createTokenManager } from '../../../src/token/manager.js';
import { createRedisStoreFromUrl } from '../../../src/token/stores/node-redis.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
};

const rounds = JSON.parse(env('ROUNDS')) as { mode: 'stable' | 'classic'; prefix: string }[];
const callers = Number(env('CALLERS'));
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

for (const round of rounds) {
  const store = createRedisStoreFromUrl(env('REDIS_URL'), { prefix: round.prefix });
  const manager = createTokenManager({
    appId: env('APP_ID'),
    appSecret: env('APP_SECRET'),
    apiBase: env('API_BASE'),
    mode: round.mode,
    store,
  });
  await store.get('warm-up'); // the connection is open before the barrier, so the race is about tokens only
  process.stdout.write('ready\n');
  while ((await lines.next()).value !== 'go');
  const tokens = await Promise.all(Array.from({ length: callers }, () => manager.getToken()));
  process.stdout.write(`${JSON.stringify({ tokens: [...new Set(tokens)], count: tokens.length })}\n`);
  await manager.close();
  await store.close?.();
}
process.stdin.destroy();
