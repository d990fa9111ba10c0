/**
 * Call statistics of the platform API (`GET /__emulator/stats`): every path called and how often.
 * @module
 */
import type { EmulatorState } from '../../state.js';

/**
 * Counts a call of `path` for `GET /__emulator/stats`.
 *
 * @example
 * ```ts
 * countCall(state, '/cgi-bin/token');
 * ```
 */
export function countCall(state: EmulatorState, path: string): void {
  const stats = callStats(state);
  stats.calls[path] = (stats.calls[path] ?? 0) + 1;
}

/**
 * Every path called and how often.
 *
 * @example
 * ```ts
 * countCall(state, '/cgi-bin/token');
 * callStats(state).calls['/cgi-bin/token']; // 1 on a new state
 * ```
 */
export function callStats(state: EmulatorState): { calls: Record<string, number> } {
  return state.slot<{ calls: Record<string, number> }>('stats', () => ({ calls: {} }));
}
