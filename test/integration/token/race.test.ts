import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulatedWeChat } from '../../support/emulated-wechat.js';
import { REDIS_URL, redisAvailable, uniquePrefix } from '../../support/redis.js';

const hasRedis = await redisAvailable();
const WORKER = fileURLToPath(new URL('./race-worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MODES = ['classic', 'stable'] as const;

interface RoundResult {
  tokens: string[];
  count: number;
}

/** A worker process; `next()` resolves with its next stdout line. */
function startWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  const pending: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else pending.push(line);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const line = pending.shift();
      if (line !== undefined) return resolve(line);
      waiting.push(resolve);
      void exited.then((code) => reject(new Error(`worker exited with ${code}: ${stderr}`)));
    });
  return { child, next, exited };
}

describe.skipIf(!hasRedis)('several processes on one Redis', () => {
  // The workers are processes: they reach the emulator over a loopback port.
  const wechat = createEmulatedWeChat();
  const { appId: APP_ID, appSecret: APP_SECRET } = wechat;
  /** Calls of both token endpoints so far. */
  const upstreamCalls = async () => (await wechat.calls('token.get')) + (await wechat.calls('token.stable'));
  let server: { url: string; close: () => Promise<void> };
  const redis = createClient({ url: REDIS_URL });
  const rounds = MODES.map((mode) => ({ mode, prefix: uniquePrefix(`race-${mode}`) }));
  let workers: ReturnType<typeof startWorker>[] = [];

  beforeAll(async () => {
    // Every token answer takes 100 ms, so that the callers of all four processes really overlap.
    await wechat.fault('token.get', { delayMs: 100 });
    await wechat.fault('token.stable', { delayMs: 100 });
    server = await wechat.listen();
    await redis.connect();
    // An expired token in each round's store, as after a night without traffic.
    for (const { prefix } of rounds) {
      await redis.set(
        `${prefix}${APP_ID}:access_token`,
        JSON.stringify({
          value: 'EXPIRED-TOKEN',
          expiresAt: Date.now() - 1000,
          fetchedAt: Date.now() - 7_201_000,
        }),
        { expiration: { type: 'PX', value: 60_000 } },
      );
    }
    // One set of four processes plays every round, so the suite pays for process start-up once.
    const env = {
      API_BASE: server.url,
      REDIS_URL,
      ROUNDS: JSON.stringify(rounds),
      CALLERS: '100',
      APP_ID,
      APP_SECRET,
    };
    workers = Array.from({ length: 4 }, () => startWorker(env));
  });
  afterAll(async () => {
    for (const w of workers) w.child.kill();
    await server.close();
    await wechat.close();
    await redis.close();
  });

  for (const [index, mode] of MODES.entries()) {
    it(`4 processes x 100 concurrent callers on an expired token make exactly 1 upstream call (${mode})`, async () => {
      expect(rounds[index]!.mode).toBe(mode);
      expect(await Promise.all(workers.map((w) => w.next()))).toEqual(['ready', 'ready', 'ready', 'ready']);
      const before = await upstreamCalls();
      for (const w of workers) w.child.stdin.write('go\n'); // the start barrier: all four race from here
      const results = (await Promise.all(workers.map((w) => w.next()))).map(
        (l) => JSON.parse(l) as RoundResult,
      );

      expect(await upstreamCalls()).toBe(before + 1);
      expect(results.map((r) => r.count)).toEqual([100, 100, 100, 100]);
      const tokens = new Set(results.flatMap((r) => r.tokens));
      expect(tokens.size).toBe(1);
      expect([...tokens][0]).not.toBe('EXPIRED-TOKEN');
    });
  }
});
