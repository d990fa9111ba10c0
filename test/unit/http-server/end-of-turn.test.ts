import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { atEndOfTurn } from '../../../src/http-server/end-of-turn.js';

describe('atEndOfTurn', () => {
  it('writes nothing while the turn runs, then every answer of the turn in the order they were given', async () => {
    const written: string[] = [];
    const write = atEndOfTurn((target: string, answer: number) => written.push(`${target}:${answer}`));
    write('a', 1);
    write('b', 2);
    await Promise.resolve(); // microtasks of the same turn: still nothing
    write('c', 3);
    expect(written).toEqual([]);
    await nextTurn();
    expect(written).toEqual(['a:1', 'b:2', 'c:3']);
  });

  it('sends what a write queues with the next turn, not into the batch being written', async () => {
    const written: string[] = [];
    const write: (target: string, answer: number) => void = atEndOfTurn((target: string, answer: number) => {
      written.push(`${target}:${answer}`);
      if (answer === 1) write('late', 9);
    });
    write('a', 1);
    write('b', 2);
    await nextTurn();
    expect(written).toEqual(['a:1', 'b:2']);
    await nextTurn();
    expect(written).toEqual(['a:1', 'b:2', 'late:9']);
  });

  it('keeps writers apart: each flushes its own answers once', async () => {
    const first: number[] = [];
    const second: number[] = [];
    const one = atEndOfTurn((_: null, n: number) => first.push(n));
    const two = atEndOfTurn((_: null, n: number) => second.push(n));
    one(null, 1);
    two(null, 2);
    one(null, 3);
    await nextTurn();
    await nextTurn();
    expect(first).toEqual([1, 3]);
    expect(second).toEqual([2]);
  });
});
