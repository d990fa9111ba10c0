/**
 * Says at once, on stderr, that `REDIS_URL` cannot be reached, instead of letting a command run on (tokens and dedup
 * then stay in the process) with the first sign a timeout much later. With Redis required, it is a config error.
 * @module
 */
import { connectRedis } from '../redis-connection.js';
import { WeChatError, errorMessage } from '../errors.js';

/** The commands that use `REDIS_URL` (tokens, locks, dedup). */
export const REDIS_COMMANDS: ReadonlySet<string> = new Set([
  'serve',
  'token',
  'token-server',
  'proxy',
  'menu',
  'api',
]);

/**
 * The URL without its password, fit for a message.
 *
 * @example
 * ```ts
 * redactRedisUrl('redis://:s3cret@cache:6379/2'); // 'redis://:***@cache:6379/2'
 * ```
 */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(a malformed URL)';
  }
}

/**
 * Whether Redis answers at `url` within the connection timeout: `undefined` when it does, else why not.
 *
 * @example
 * ```ts
 * const problem = await probeRedis('redis://127.0.0.1:6379');
 * if (problem) console.error(problem);
 * ```
 */
export async function probeRedis(url: string): Promise<string | undefined> {
  let connection;
  try {
    connection = connectRedis(url);
  } catch (err) {
    return errorMessage(err);
  }
  const { client, close } = connection;
  let failure = 'no answer';
  client.once('error', (err: unknown) => (failure = errorMessage(err) || 'connection failed'));
  await connection.firstAttempt;
  let problem: string | undefined;
  if (!client.isReady) problem = failure;
  else {
    try {
      await client.ping();
    } catch (err) {
      problem = errorMessage(err);
    }
  }
  await close();
  return problem;
}

/**
 * Probes `REDIS_URL` for a command that uses it: unreachable, it prints one line on stderr saying what that means,
 * or, with `required`, throws the config error that stops the command (exit 2).
 *
 * @example
 * ```ts
 * await checkRedisAtStart('redis://127.0.0.1:6379', { required: false });
 * ```
 */
export async function checkRedisAtStart(
  url: string,
  options: { required: boolean; command?: string },
): Promise<boolean> {
  const problem = await probeRedis(url);
  if (problem === undefined) return true;
  const where = `REDIS_URL (${redactRedisUrl(url)}) cannot be reached: ${problem}`;
  if (options.required) {
    throw new WeChatError(
      'CONFIG_INVALID',
      `${where}; Redis is required (--require-redis, WXMP_REQUIRE_REDIS)`,
      {
        hint: 'Start Redis or correct REDIS_URL',
      },
    );
  }
  const refuse = options.command === 'serve' ? ' (pass --require-redis to refuse to start instead)' : '';
  console.error(
    `wxmp: ${where}. Going on without it: the token, locks and dedup stay in this process until Redis answers${refuse}`,
  );
  return false;
}
