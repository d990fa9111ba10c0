/**
 * Real-Redis test support: suites call `redisAvailable()` and skip loudly when Redis is unreachable, except in CI,
 * where an unreachable Redis is a failure.
 */
import { createClient } from 'redis';

export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

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

/** A key prefix unique to one test run, so parallel suites never share keys. */
export function uniquePrefix(name: string): string {
  return `wxmp-test:${name}:${process.pid}:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 8)}:`;
}
