/**
 * The `wxmp` program without its commands: the commander set-up, one-line usage errors and exit codes. `main.ts`
 * registers every command; `serve-main.ts` only `serve`, so a webhook server loads none of the other commands.
 * @module
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { loadDotEnv } from '../config.js';
import { WeChatError } from '../errors.js';
import type { RegisterCommand } from './commands/index.js';

/** The version of the installed package (src/cli and dist/cli are both two levels below package.json). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Whether `wxmp serve` must have Redis: `--require-redis`, or `WXMP_REQUIRE_REDIS` set to 1 or true. */
function redisRequired(command: Command): boolean {
  const flag = command.opts<{ requireRedis?: boolean }>().requireRedis === true;
  return flag || /^(1|true)$/i.test(process.env['WXMP_REQUIRE_REDIS'] ?? '');
}

/**
 * The program with `commands` registered.
 *
 * @example
 * ```ts
 * import { commands } from './commands/index.js';
 * await createProgram(commands).parseAsync(['node', 'wxmp', 'sign', '--token', 'AAAAA', '--timestamp', '1', '--nonce', '2']);
 * ```
 */
export function createProgram(commands: readonly RegisterCommand[]): Command {
  const program = new Command('wxmp')
    .description(
      'WeChat Official Account toolkit: webhook server, emulator, token server, API proxy and tools',
    )
    .version(packageVersion(), '-V, --version', 'print the version of wxmp')
    // Usage errors as one line, like every other bad flag or config: `wxmp: unknown option '--x' (… --help …)`.
    .configureOutput({ outputError: (message, write) => write(`${oneLineUsageError(message)}\n`) })
    .exitOverride()
    // A REDIS_URL that cannot be reached is said at once, before the command runs (see redis-check.ts).
    .hook('preAction', async (_program, action) => {
      const name = action.parent?.name() === 'wxmp' ? action.name() : action.parent?.name();
      // Listing endpoints and checking a menu file call nothing.
      const { list, dryRun } = action.opts<{ list?: boolean; dryRun?: boolean }>();
      if (name === undefined || list === true || dryRun === true) return;
      loadDotEnv();
      const url = process.env['REDIS_URL'];
      if (!url) return;
      // Loaded only with a REDIS_URL: node-redis stays out of a `wxmp serve` that has none.
      const { checkRedisAtStart, REDIS_COMMANDS } = await import('./redis-check.js');
      if (REDIS_COMMANDS.has(name))
        await checkRedisAtStart(url, { required: name === 'serve' && redisRequired(action), command: name });
    });
  for (const register of commands) register(program);
  return program;
}

/**
 * Turns commander's `error: …` message (which may carry a second line of suggestions) into one `wxmp: …` line.
 *
 * @example
 * ```ts
 * oneLineUsageError("error: unknown option '--tokn'\n(Did you mean --token?)\n");
 * // "wxmp: unknown option '--tokn' (Did you mean --token?) (run with --help for usage)"
 * ```
 */
export function oneLineUsageError(message: string): string {
  const text = message
    .trim()
    .replace(/^error:\s*/, '')
    .replace(/\s*\n\s*/g, ' ');
  return `wxmp: ${text} (run with --help for usage)`;
}

/**
 * Runs `program`; bad flags or config print one line saying what to fix and exit with code 2.
 *
 * @example
 * ```ts
 * import { commands } from './commands/index.js';
 * await runProgram(createProgram(commands), process.argv);
 * ```
 */
export async function runProgram(program: Command, argv: readonly string[]): Promise<void> {
  // `wxmp api --list | head`: the reader went away; stop quietly instead of dying on EPIPE with a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(process.exitCode ?? 0);
    });
  }
  try {
    await program.parseAsync([...argv]);
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander already printed its message (or the help). --help and --version exit 0; every usage error exits 2
      // like a config error, so scripts can tell it from a command's own failure (exit 1).
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (err instanceof WeChatError) {
      console.error(`wxmp: ${err.message}`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}
