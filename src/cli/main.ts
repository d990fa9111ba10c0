/**
 * The `wxmp` command line: one file per command under `commands/`, each exporting `register(program)`.
 * @module
 */
import type { Command } from 'commander';
import { commands } from './commands/index.js';
import { createProgram, runProgram } from './program.js';

export { oneLineUsageError } from './program.js';

/**
 * Builds the program with every command registered; exported so tests can run it in-process.
 *
 * @example
 * ```ts
 * await buildProgram().parseAsync(['node', 'wxmp', 'sign', '--token', 'AAAAA', '--timestamp', '1', '--nonce', '2']);
 * ```
 */
export function buildProgram(): Command {
  return createProgram(commands);
}

/**
 * Runs the CLI; bad flags or config print one line saying what to fix and exit with code 2.
 *
 * @example
 * ```ts
 * await run(process.argv);
 * ```
 */
export async function run(argv: readonly string[]): Promise<void> {
  await runProgram(buildProgram(), argv);
}
