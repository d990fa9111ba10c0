import { describe, expect, it } from 'vitest';
import { redisReconnectDelay } from '../../src/redis-connection.js';

describe('redisReconnectDelay', () => {
  it('starts at 50 ms and doubles up to 2 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(redisReconnectDelay)).toEqual([
      50, 100, 200, 400, 800, 1600, 2000, 2000,
    ]);
  });
});
