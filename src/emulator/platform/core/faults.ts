/**
 * Faults injected into endpoints (`POST /__emulator/faults`): an error answer, a delay, or no answer at all, taken
 * by the endpoint runner before an API runs.
 * @module
 */
import type { EmulatorState } from '../../state.js';
import { WxError } from './respond.js';

/**
 * A fault injected into one endpoint: an error answer, a delay, no answer at all, or a raw HTTP answer that is not
 * WeChat's JSON (what a gateway in front of WeChat sends, e.g. a 502 page), for the next `times` calls (every call
 * when `times` is absent).
 */
export interface Fault {
  path: string;
  errcode?: number;
  errmsg?: string;
  delayMs?: number;
  /** Never answer: hold the request until the client gives up (bounded by `maxHoldMs`). */
  timeout?: boolean;
  /** Answer this HTTP status with `body` instead of running the endpoint (played by the controls' middleware). */
  status?: number;
  /** The body of a `status` answer; default empty. */
  body?: string;
  /** The content type of a `status` answer; default `text/html; charset=utf-8`. */
  contentType?: string;
  times?: number;
}

/**
 * The faults waiting for their calls, in the order they were added (saved with the state).
 *
 * @example
 * ```ts
 * injectedFaults(state).push({ path: '/cgi-bin/menu/get', errcode: -1, times: 1 });
 * ```
 */
export function injectedFaults(state: EmulatorState): Fault[] {
  return state.slot<{ list: Fault[] }>('faults', () => ({ list: [] })).list;
}

/**
 * Takes the fault for the next call of `path`, if any (faults of one path apply in the order they were added;
 * one without `times` applies forever).
 *
 * @example
 * ```ts
 * injectedFaults(state).push({ path: '/cgi-bin/menu/get', errcode: -1, times: 1 });
 * takeFault(state, '/cgi-bin/menu/get'); // the fault, now used up
 * takeFault(state, '/cgi-bin/menu/get'); // undefined
 * ```
 */
export function takeFault(state: EmulatorState, path: string): Fault | undefined {
  const list = injectedFaults(state);
  const index = list.findIndex((f) => f.path === path);
  const fault = list[index];
  if (fault === undefined) return undefined;
  if (fault.times !== undefined) {
    fault.times -= 1;
    if (fault.times <= 0) list.splice(index, 1);
  }
  return fault;
}

/**
 * Plays a fault: waits `delayMs`, holds a `timeout` until the request is aborted (or `maxHoldMs`), and returns the
 * error to answer with (`-1` after a hold nobody aborted), or undefined to go on normally.
 *
 * @example
 * ```ts
 * const fault: Fault = { path: '/cgi-bin/menu/get', delayMs: 100, errcode: -1 };
 * const error = await playFault(fault, new AbortController().signal, 30_000); // after 100 ms: WxError(-1)
 * ```
 */
export async function playFault(
  fault: Fault,
  signal: AbortSignal,
  maxHoldMs: number,
): Promise<WxError | undefined> {
  if (fault.delayMs) await sleep(fault.delayMs, signal);
  if (fault.timeout) {
    await sleep(maxHoldMs, signal);
    return new WxError(-1);
  }
  return fault.errcode === undefined ? undefined : new WxError(fault.errcode, fault.errmsg);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
