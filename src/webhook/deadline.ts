/**
 * The 5-second rule, made explicit: WeChat gives up after 5 s and retries. A reply budget (default 4.5 s) bounds
 * how long the webhook waits for a handler; past it the webhook answers `success` and the handler's eventual
 * reply is handed to `lateReply` (typically the customer-service API).
 * @module
 */

/** What `withBudget` resolves to. */
export type BudgetOutcome<T> = { inTime: true; value: T } | { inTime: false; late: Promise<T> };

/**
 * Races `work` against a timer; on time-out it calls `onTimeout` and hands back the still-running promise.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const work = new Promise<string>((resolve) => setTimeout(() => resolve('late reply'), 6000));
 * const outcome = await withBudget(work, 4500, () => controller.abort());
 * if (!outcome.inTime) void outcome.late.then((reply) => console.log('deliver later:', reply));
 * ```
 */
export function withBudget<T>(
  work: Promise<T>,
  budgetMs: number,
  onTimeout: () => void,
): Promise<BudgetOutcome<T>> {
  return new Promise<BudgetOutcome<T>>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout();
      resolve({ inTime: false, late: work });
    }, budgetMs);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve({ inTime: true, value });
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
