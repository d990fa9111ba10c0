/**
 * A clock for the pusher's `now` and `setTimer` that moves only when a test says so: a timeout happens when the test
 * fires it (as if its time had passed), so retry tests wait no real seconds and their latencies come out exact.
 */
import type { PushTimer } from '../../../src/emulator/push.js';

export interface ManualClock {
  now: () => number;
  setTimer: PushTimer;
  /** Timers started and not yet fired or cancelled. */
  pending(): number;
  /** Moves the clock to the earliest pending timer and fires it; false when none is pending. */
  fireNext(): boolean;
}

export function manualClock(start = Date.UTC(2024, 5, 1)): ManualClock {
  let now = start;
  const timers = new Set<{ at: number; fire: () => void }>();
  return {
    now: () => now,
    setTimer: (onTimeout, ms) => {
      const timer = { at: now + ms, fire: onTimeout };
      timers.add(timer);
      return () => timers.delete(timer);
    },
    pending: () => timers.size,
    fireNext: () => {
      const next = [...timers].sort((a, b) => a.at - b.at)[0];
      if (next === undefined) return false;
      timers.delete(next);
      now = Math.max(now, next.at);
      next.fire();
      return true;
    },
  };
}
