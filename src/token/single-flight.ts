/**
 * Single-flight for credential refreshes: concurrent callers share the one refresh in progress, so a hundred callers
 * on an empty cache make one call to WeChat. One twist: a forced refresh never joins a plain one (which would not
 * send force_refresh); it starts when that one ends, and later callers, plain or forced, join it.
 * @module
 */

/**
 * One run of a task at a time, shared by every caller that arrives while it runs.
 *
 * @example
 * ```ts
 * const flight = new SingleFlight<string>();
 * let fetches = 0;
 * const fetchToken = async () => `TOKEN_${++fetches}`;
 * await Promise.all([flight.run(false, fetchToken), flight.run(false, fetchToken)]); // ['TOKEN_1', 'TOKEN_1']
 * ```
 */
export class SingleFlight<T> {
  #running: { forced: boolean; promise: Promise<T> } | undefined;

  /** Whether a run is in progress. */
  get busy(): boolean {
    return this.#running !== undefined;
  }

  /**
   * Joins the run in progress, or starts `task`. A `forced` caller joins only a forced run; otherwise its task
   * starts after the running one settles, however that ends.
   */
  run(forced: boolean, task: () => Promise<T>): Promise<T> {
    const running = this.#running;
    if (running !== undefined && (running.forced || !forced)) return running.promise;
    const started = running === undefined ? task() : running.promise.then(task, task);
    const promise = started.finally(() => {
      if (this.#running?.promise === promise) this.#running = undefined;
    });
    this.#running = { forced, promise };
    return promise;
  }
}
