/**
 * `wxmp dev` (what `npm start` runs): the emulator, the phone page and an example bot in one process, on embedded
 * development defaults. Open the printed URL and chat; or point it at your own server with `--webhook`.
 * @module
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_DEV_PORT } from '../../emulator/defaults.js';
import { startDev } from '../../emulator/dev.js';
import { exampleBots } from '../../examples/index.js';
import { createLogger } from '../../logger.js';
import { cliEnv, parseCount, parsePort } from '../options.js';
import { EMULATOR_LIMITS } from '../../http-server/limits.js';
import { listenError } from '../serve-app.js';
import { accountFrom, banner, stopOnSignals, type EmulatorFlags } from '../../emulator/startup.js';

/** Where `wxmp dev --webhook` keeps the emulated world unless told otherwise (`.wxmp/` is git-ignored). */
export const DEV_STATE_FILE = '.wxmp/dev-state.json';

/**
 * The state file of `wxmp dev`: `--state FILE`; none with `--no-state`; by default {@link DEV_STATE_FILE} when
 * pushing to your own server (its fans, chats and menu outlive your restarts of both), none for an example bot.
 *
 * @example
 * ```ts
 * devStateFile(undefined, true); // '.wxmp/dev-state.json'
 * devStateFile(false, true); // undefined
 * ```
 */
export function devStateFile(flag: string | false | undefined, webhook: boolean): string | undefined {
  if (flag === false) return undefined;
  return flag ?? (webhook ? DEV_STATE_FILE : undefined);
}

/**
 * Registers `wxmp dev`, as in `wxmp dev --webhook http://127.0.0.1:8080/wx --mode safe`.
 *
 * @example
 * ```ts
 * import { Command } from 'commander';
 * const program = new Command('wxmp');
 * register(program);
 * await program.parseAsync(['node', 'wxmp', 'dev', '--webhook', 'http://127.0.0.1:8080/wx', '--mode', 'safe']);
 * ```
 */
export function register(program: Command): void {
  program
    .command('dev')
    .description('emulator + phone page + example bot in one process (what `npm start` runs; honours PORT)')
    .option('--port <n>', `port to listen on (default: PORT or ${DEFAULT_DEV_PORT})`)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option(
      '--example <name>',
      `example bot served at /wx: ${Object.keys(exampleBots).join(', ')} (default menu)`,
    )
    .option('--webhook <url>', 'push to your own server instead of an example bot')
    .option('--mode <mode>', 'message encryption: plain, compatible or safe (default plain)')
    .option(
      '--max-connections <n>',
      `concurrent connections; more are refused at once (default: ${EMULATOR_LIMITS.maxConnections})`,
    )
    .option(
      '--state <file>',
      `keep the emulated world in this JSON file (default with --webhook: ${DEV_STATE_FILE} in the working directory)`,
    )
    .option('--no-state', 'keep nothing across restarts')
    .action(async (flags: Omit<EmulatorFlags, 'state'> & { example?: string; state?: string | false }) => {
      const env = cliEnv();
      const stateFile = devStateFile(flags.state, flags.webhook !== undefined);
      const { state: _state, ...rest } = flags;
      const opts: EmulatorFlags & { example?: string } = {
        ...rest,
        ...(stateFile === undefined ? {} : { state: stateFile }),
      };
      // The default's folder is made; a folder named by --state must exist (a typo is said, not created).
      if (stateFile === DEV_STATE_FILE) mkdirSync(dirname(resolve(stateFile)), { recursive: true });
      const port = parsePort(opts.port, '--port') ?? env.port ?? DEFAULT_DEV_PORT;
      const dev = await startDev({
        port,
        host: opts.host,
        example: opts.webhook ? undefined : opts.example,
        webhookUrl: opts.webhook,
        account: accountFrom(env, opts),
        stateFile,
        maxConnections: parseCount(opts.maxConnections, '--max-connections'),
        // Only what needs attention (a handler past the reply budget, a late reply that could not be delivered):
        // the page shows the rest.
        logger: createLogger({ name: 'wxmp-dev', level: process.env['LOG_LEVEL'] ?? 'warn' }),
      }).catch((err: unknown) => {
        throw listenError(err, port, opts.host);
      });
      const origin = dev.url.replace(/\/$/, '');
      console.log(banner('wxmp dev', origin, dev.emulator.state.account, env));
      console.log(
        dev.example
          ? `  bot             example "${dev.example}" at ${origin}/wx`
          : '  bot             your server (--webhook)',
      );
      console.log(
        stateFile === undefined
          ? '  state           kept in memory only (gone on restart; --state FILE keeps it)'
          : `  state           ${resolve(stateFile)} (fans, chats, menu… kept across restarts; --no-state to start fresh)`,
      );
      stopOnSignals(dev.close);
    });
}
