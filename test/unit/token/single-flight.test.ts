import { describe, expect, it } from 'vitest';
import { SingleFlight } from '../../../src/token/single-flight.js';
import { deferred } from '../../support/token-test-kit.js';

describe('SingleFlight', () => {
  it('runs the task once for every caller that arrives while it runs', async () => {
    const flight = new SingleFlight<number>();
    const gate = deferred();
    let runs = 0;
    const task = async () => {
      runs += 1;
      await gate.promise;
      return runs;
    };
    const all = Promise.all(Array.from({ length: 10 }, () => flight.run(false, task)));
    expect(flight.busy).toBe(true);
    gate.resolve();
    expect(await all).toEqual(Array.from({ length: 10 }, () => 1));
    expect(flight.busy).toBe(false);
    expect(await flight.run(false, task)).toBe(2); // a new run once the first has ended
  });

  it('a forced caller does not join a plain run: it runs after it, and later callers join the forced one', async () => {
    const flight = new SingleFlight<string>();
    const gate = deferred();
    const order: string[] = [];
    const plain = flight.run(false, async () => {
      await gate.promise;
      order.push('plain');
      return 'plain';
    });
    const forced = flight.run(true, () => {
      order.push('forced');
      return Promise.resolve('forced');
    });
    const joiner = flight.run(false, () => Promise.resolve('never runs'));
    gate.resolve();
    expect(await plain).toBe('plain');
    expect(await forced).toBe('forced');
    expect(await joiner).toBe('forced');
    expect(order).toEqual(['plain', 'forced']);
  });

  it('a forced caller runs after a plain run that failed, and a failure frees the flight', async () => {
    const flight = new SingleFlight<string>();
    const failing = flight.run(false, () => Promise.reject(new Error('down')));
    const forced = flight.run(true, () => Promise.resolve('forced'));
    await expect(failing).rejects.toThrow('down');
    expect(await forced).toBe('forced');
    expect(flight.busy).toBe(false);
  });
});
