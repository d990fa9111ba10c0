/**
 * Asynchronous jobs (mass sends, template sends, publishing): WeChat answers the submission at once and reports the
 * result later as a job-finish event pushed to the developer's webhook. The emulator does the same after
 * `jobFinishDelayMs`.
 * @module
 */
import { inbound } from '../../../push/inbound.js';
import type { XmlInputElement } from '../../../xml/build.js';
import type { EmulatorState } from '../../state.js';
import type { PlatformOptions } from './handler.js';

/**
 * Who job-finish events of the mass-send and publish jobs come from: WeChat's mass-send assistant, as the
 * documentation describes it (reference §6.4). Template results come from the fan instead.
 */
export const MPHELPER = 'mphelper';

/**
 * Runs `finish` after the job delay, then pushes the event it returns (`undefined`: nothing to push). Push
 * failures are not ours to report: the fan side records every attempt in the push log.
 *
 * @example
 * ```ts
 * import { silentLogger } from 'wxmp';
 * const options = { push: async () => undefined, jobFinishDelayMs: 500, maxHoldMs: 30_000, logger: silentLogger };
 * finishLater(state, options, () => ({
 *   from: 'oFan1',
 *   event: 'TEMPLATESENDJOBFINISH',
 *   fields: { MsgID: '200163836', Status: 'success' },
 * }));
 * ```
 */
export function finishLater(
  state: EmulatorState,
  options: Required<PlatformOptions>,
  finish: () => { from: string; event: string; fields: XmlInputElement } | undefined,
): void {
  const timer = setTimeout(() => {
    const job = finish();
    state.markModified();
    if (job === undefined) return;
    const createTime = Math.floor(state.now() / 1000);
    const xml = inbound.event({ to: state.account.ghId, from: job.from, createTime }, job.event, job.fields);
    void Promise.resolve()
      .then(() => options.push(job.from, xml, `event.${job.event}`))
      .catch(() => undefined);
  }, options.jobFinishDelayMs);
  // A pending job must not keep a CLI or a test process alive.
  timer.unref();
}
