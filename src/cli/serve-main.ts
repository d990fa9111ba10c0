/**
 * `wxmp serve` on its own: bin/wxmp.js runs this instead of `main.ts` when the command is `serve`, so a webhook
 * server loads none of the other commands (the emulator, the proxy, the API tools: ~8 MB of RSS).
 * @module
 */
import { register } from './commands/serve.js';
import { createProgram, runProgram } from './program.js';

/**
 * Runs `wxmp serve …` with only `serve` registered.
 *
 * @example
 * ```ts
 * await run(['node', 'wxmp', 'serve', '--example', 'echo']);
 * ```
 */
export async function run(argv: readonly string[]): Promise<void> {
  await runProgram(createProgram([register]), argv);
}
