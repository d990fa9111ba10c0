/**
 * Real-Redis test support: suites call `redisAvailable()` and skip loudly when Redis is unreachable, except in CI,
 * where an unreachable Redis is a failure.
 */
import { createClient } from 'redis';
import { afterAll } from 'vitest';

/**
 * The Redis the suites use: `REDIS_URL` (default the local one), in a database of their own — 15 unless the URL names
 * one — so a test run never mixes its keys with a developer's data in database 0.
 */
export const REDIS_URL = testDatabase(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');

function testDatabase(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === '' || parsed.pathname === '/') parsed.pathname = '/15';
  return parsed.toString();
}

let probe: Promise<boolean> | undefined;

/** True when Redis answers PING; under CI=true an unreachable Redis throws instead of skipping. */
export function redisAvailable(): Promise<boolean> {
  probe ??= (async () => {
    const client = createClient({
      url: REDIS_URL,
      socket: { connectTimeout: 1000, reconnectStrategy: false },
    });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.ping();
      await client.quit();
      return true;
    } catch (err) {
      if (process.env['CI'] === 'true') {
        throw new Error(`Redis is required in CI but ${REDIS_URL} did not answer: ${String(err)}`);
      }
      console.warn(
        `\n!!! REDIS SUITES SKIPPED: ${REDIS_URL} did not answer (${String(err)}).\n!!! Start Redis or set REDIS_URL to run them.\n`,
      );
      return false;
    }
  })();
  return probe;
}

/** The prefixes this test file made: their keys are deleted after its last test. */
const made = new Set<string>();

/** A key prefix unique to one test run, so parallel suites never share keys; its keys go once the file is done. */
export function uniquePrefix(name: string): string {
  const prefix = `wxmp-test:${name}:${process.pid}:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 8)}:`;
  made.add(prefix);
  return prefix;
}

/** Deletes every key under `prefixes` (SCAN, so a large database is never blocked). */
export async function deleteKeys(prefixes: Iterable<string>): Promise<number> {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => {});
  let deleted = 0;
  try {
    await client.connect();
    for (const prefix of prefixes) {
      for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
        if (keys.length > 0) deleted += await client.del(keys);
      }
    }
  } finally {
    if (client.isOpen) await client.quit();
  }
  return deleted;
}

// `npm test` leaves no keys behind: each file that made prefixes removes their keys at its end.
afterAll(async () => {
  if (made.size > 0) await deleteKeys(made);
});
