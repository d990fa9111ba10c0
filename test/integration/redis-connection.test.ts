import { connect, createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectRedis } from '../../src/redis-connection.js';
import { REDIS_URL, redisAvailable } from '../support/redis.js';
import { captureLogger } from '../support/token-test-kit.js';
import { closedPort } from '../support/tcp-proxy.js';

const hasRedis = await redisAvailable();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const parsed = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('connectRedis', () => {
  it('throws node-redis TypeError for a malformed URL, at once', () => {
    expect(() => connectRedis('http://127.0.0.1:6379')).toThrow(TypeError);
    expect(() => connectRedis('not a url')).toThrow('Invalid URL');
  });

  it('with Redis unreachable: one warning per outage, commands fail at once (no offline queue), close ends retries', async () => {
    const logger = captureLogger();
    const connection = connectRedis(`redis://127.0.0.1:${await closedPort()}`, { logger, purpose: 'dedup' });
    await connection.firstAttempt;
    await sleep(400); // several reconnect attempts (50, 100, 200 ms)
    expect(parsed(logger.lines)).toEqual([
      {
        level: 'warn',
        purpose: 'dedup',
        err: expect.stringContaining('ECONNREFUSED') as string,
        msg: 'redis unreachable; retrying',
      },
    ]);
    await expect(connection.client.get('k')).rejects.toThrow();
    await connection.close();
    await connection.close(); // idempotent
    expect(connection.client.isOpen).toBe(false);
  });

  describe.skipIf(!hasRedis)('with Redis up', () => {
    it('connects in the background and closes politely', async () => {
      const logger = captureLogger();
      const connection = connectRedis(REDIS_URL, { logger });
      await connection.firstAttempt;
      expect(connection.client.isReady).toBe(true);
      expect(await connection.client.ping()).toBe('PONG');
      await connection.close();
      expect(connection.client.isOpen).toBe(false);
      expect(logger.lines).toEqual([]);
    });

    it('logs the start and the end of an outage, once each', async () => {
      // Redis "comes up" at a port that was closed: a pass-through to the real one starts listening there.
      const target = new URL(REDIS_URL);
      const port = await closedPort();
      const logger = captureLogger();
      target.port = String(port);
      const connection = connectRedis(target.href, { logger });
      await connection.firstAttempt;
      await sleep(300); // several failed reconnect attempts
      const ready = new Promise((resolve) => connection.client.once('ready', resolve));
      const redis = await passThroughTo(REDIS_URL, port);
      await ready;
      expect(parsed(logger.lines).map((l) => [l['level'], l['msg']])).toEqual([
        ['warn', 'redis unreachable; retrying'],
        ['info', 'redis reachable again'],
      ]);
      expect(await connection.client.ping()).toBe('PONG');
      await connection.close();
      redis.close();
    });
  });
});

/** Listens on `port` and pipes each connection to the Redis at `url`. */
async function passThroughTo(url: string, port: number): Promise<Server> {
  const target = new URL(url);
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}
