/**
 * The `wxmp` program without its commands: the commander set-up, one-line usage errors and exit codes. `main.ts`
 * registers every command; `serve-main.ts` only `serve`, so a webhook server loads none of the other commands.
 * @module
 */
import { Command, CommanderError } from 'commander';
import { WeChatError } from '../errors.js';
import type { RegisterCommand } from './commands/index.js';

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
    // Usage errors as one line, like every other bad flag or config: `wxmp: unknown option '--x' (… --help …)`.
    .configureOutput({ outputError: (message, write) => write(`${oneLineUsageError(message)}\n`) })
    .exitOverride();
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
