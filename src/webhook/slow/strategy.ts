/**
 * The slow-handler strategies: what the webhook does with a handler that has not answered within the reply budget.
 * WeChat cuts each attempt at 5 s and tries three times (about 15 s in all), then shows the fan "该公众号暂时无法提供服务".
 * @module
 */
import { WeChatError } from '../../errors.js';

/**
 * `stretch`: hold WeChat's first two attempts open and answer on whichever is open when the answer is ready (up to
 * ~14.5 s after the first); `customer-service`: acknowledge, show "typing" and send the answer as a
 * customer-service message (服务号 and verified accounts); `pull`: answer a short text and hand the kept answer over
 * as the passive reply to the fan's next message (any account).
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * const slow: SlowStrategy[] = ['stretch', 'pull'];
 * createWebhook(bot, { token: 'AAAAA', slow });
 * ```
 */
export type SlowStrategy = 'stretch' | 'customer-service' | 'pull';

/**
 * Every strategy, in the order of the docs' table.
 *
 * @example
 * ```ts
 * SLOW_STRATEGIES.includes('pull'); // true
 * ```
 */
export const SLOW_STRATEGIES: readonly SlowStrategy[] = ['stretch', 'customer-service', 'pull'];

/**
 * What `pull` answers when even WeChat's last attempt would time out.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * createWebhook(bot, { token: 'AAAAA', slow: ['pull'], pull: { text: `${DEFAULT_PULL_TEXT}（约 30 秒）` } });
 * ```
 */
export const DEFAULT_PULL_TEXT = '还在思考，稍后回复任意内容获取结果';

/**
 * Ends each part of a long answer that the fan pulls one message at a time, so nothing is cut silently.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * createWebhook(bot, { token: 'AAAAA', pull: { moreText: DEFAULT_PULL_MORE_TEXT.replace('任意内容', '1') } });
 * ```
 */
export const DEFAULT_PULL_MORE_TEXT = '\n（未完，回复任意内容查看后续）';

/**
 * How long a pulled answer is kept for the fan: a day.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * createWebhook(bot, { token: 'AAAAA', pull: { ttlMs: DEFAULT_PULL_TTL_MS / 24 } }); // an hour
 * ```
 */
export const DEFAULT_PULL_TTL_MS = 24 * 3600_000;

/**
 * Reads a list such as `stretch,pull` (the `--slow` flag, `WXMP_SLOW`); `none` is the empty list (answer `success`
 * past the budget and hand the reply to `lateReply`, as before the strategies). Throws `CONFIG_INVALID` naming
 * `source` for an unknown or repeated name.
 *
 * @example
 * ```ts
 * parseSlowStrategies('stretch, pull', 'WXMP_SLOW'); // ['stretch', 'pull']
 * ```
 */
export function parseSlowStrategies(list: string, source: string): SlowStrategy[] {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 1 && names[0] === 'none') return [];
  const strategies: SlowStrategy[] = [];
  for (const name of names) {
    if (!(SLOW_STRATEGIES as readonly string[]).includes(name))
      throw new WeChatError(
        'CONFIG_INVALID',
        `${source}: "${name}" is not a slow-handler strategy (one of ${SLOW_STRATEGIES.join(', ')}, or none)`,
      );
    if (strategies.includes(name as SlowStrategy))
      throw new WeChatError('CONFIG_INVALID', `${source}: "${name}" is listed twice`);
    strategies.push(name as SlowStrategy);
  }
  if (strategies.length === 0)
    throw new WeChatError('CONFIG_INVALID', `${source}: name at least one strategy, or none`);
  return strategies;
}

/**
 * The default: `customer-service` when the customer-service API can be used (a `lateReply`, i.e. the AppSecret is
 * configured), else `stretch,pull`, which need nothing but the webhook.
 *
 * @example
 * ```ts
 * defaultSlowStrategies(false); // ['stretch', 'pull']
 * ```
 */
export function defaultSlowStrategies(customerService: boolean): SlowStrategy[] {
  return customerService ? ['customer-service'] : ['stretch', 'pull'];
}
