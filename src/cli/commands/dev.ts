/**
 * `wxmp dev` (what `npm start` runs): the emulator, the phone page and an example bot in one process, on embedded
 * development defaults. Open the printed URL and chat; or point it at your own server with `--webhook`.
 * @module
 */
import type { Command } from 'commander';
import { DEFAULT_DEV_PORT } from '../../emulator/defaults.js';
import { startDev } from '../../emulator/dev.js';
import { parseSlowStrategies, type SlowStrategy } from '../../webhook/slow/strategy.js';
import { exampleBots } from '../../examples/index.js';
import { createLogger } from '../../logger.js';
import { cliEnv, parseCount, parsePort } from '../options.js';
import { EMULATOR_LIMITS } from '../../http-server/limits.js';
import { listenError } from '../serve-app.js';
import { accountFrom, banner, stopOnSignals, type EmulatorFlags } from '../../emulator/startup.js';

/** `--slow`, else `WXMP_SLOW`, else undefined (the default). */
function slowOf(flag: string | undefined): SlowStrategy[] | undefined {
  const list = flag ?? process.env['WXMP_SLOW'];
  if (list === undefined || list === '') return undefined;
  return parseSlowStrategies(list, flag === undefined ? 'WXMP_SLOW' : '--slow');
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
    .option('--state <file>', 'keep the emulated world in this JSON file')
    .option(
      '--slow <list>',
      "the example bot's slow-handler strategies: stretch, customer-service, pull, or none (default: WXMP_SLOW, else customer-service); try `sleep 12`",
    )
    .action(async (opts: EmulatorFlags & { example?: string; slow?: string }) => {
      const env = cliEnv();
      const port = parsePort(opts.port, '--port') ?? env.port ?? DEFAULT_DEV_PORT;
      const dev = await startDev({
        port,
        host: opts.host,
        example: opts.webhook ? undefined : opts.example,
        webhookUrl: opts.webhook,
        account: accountFrom(env, opts),
        stateFile: opts.state,
        maxConnections: parseCount(opts.maxConnections, '--max-connections'),
        slow: slowOf(opts.slow),
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
      stopOnSignals(dev.close);
    });
}
