/**
 * `wxmp serve`: run a webhook server for an example bot or your own handler file.
 * @module
 */
import type { Command } from 'commander';
import { configError, type WxmpEnv } from '../../config.js';
import { configRules } from '../../config-rules.js';
import type { EncryptionMode } from '../../crypto/mode.js';
import { exampleBots } from '../../examples/index.js';
import { createLogger, type Logger } from '../../logger.js';
import { DEFAULT_JOURNAL_PATH } from '../../services/file-journal.js';
import { defaultSlowStrategies } from '../../webhook/slow/strategy.js';
import { stopOnSignals } from '../../http-server/graceful-close.js';
import { WEBHOOK_SERVER_LIMITS } from '../../http-server/limits.js';
import { startWebhookServer, type ServerHealth } from '../../services/webhook-server.js';
import { createMetricsRegistry } from '../../services/metrics/registry.js';
import { UpstreamMetrics } from '../../services/metrics/upstream-metrics.js';
import { measureMiddleware, measureWebhook } from '../../services/metrics/webhook-instrument.js';
import { WebhookMetrics } from '../../services/metrics/webhook-metrics.js';
import { createWebhook } from '../../webhook/handler.js';
import { cliEnv, parseCount, parsePort, required } from '../options.js';
import { listenError } from '../serve-app.js';
import {
  customerServiceFromEnv,
  serveApp,
  servingStateFromEnv,
  slowStrategiesOf,
  type CustomerService,
  type ServingState,
} from '../serve-wiring.js';
import type { Router, Middleware } from '../../webhook/router.js';
import type { Webhook } from '../../webhook/handler.js';
import type { WebhookOptions } from '../../webhook/settings.js';

/** Flags of `wxmp serve`. */
interface ServeFlags {
  example?: string;
  handler?: string;
  port?: string;
  host: string;
  path: string;
  messageMode?: string;
  maxBodyBytes?: string;
  maxConnections?: string;
  requireRedis?: boolean;
  slow?: string;
  pullText?: string;
  journal?: string;
  shutdownGrace?: string;
}

const UNSET_MODE_WARNING =
  'WECHAT_MESSAGE_MODE is not set: the mode of each push is detected from the push itself, so a push with its ' +
  'encryption parameters dropped is read as a plain one; set it (or --message-mode) to the mode of the console';

/** `--message-mode`, else `WECHAT_MESSAGE_MODE`, else undefined (detected per push, with a warning at start). */
function messageModeOf(flag: string | undefined, env: WxmpEnv): EncryptionMode | undefined {
  if (flag === undefined) return env.messageMode;
  const parsed = configRules.messageMode.safeParse(flag);
  if (!parsed.success) configError('--message-mode', parsed.error.issues[0]?.message ?? 'is invalid');
  return parsed.data;
}

/**
 * `/healthz` of `wxmp serve`: the store of dedup and tokens (memory, or Redis up or down), and whether Redis being down
 * makes the server unavailable (`--require-redis`) or only degraded (each instance on its own).
 *
 * @example
 * ```ts
 * storeHealth(false, true); // { status: 'unavailable', store: 'redis', redis: 'down', required: true }
 * ```
 */
export function storeHealth(redisReady: boolean | undefined, required: boolean): ServerHealth {
  if (redisReady === undefined) return { status: 'ok', store: 'memory' };
  if (redisReady) return { status: 'ok', store: 'redis', redis: 'up', required };
  return { status: required ? 'unavailable' : 'degraded', store: 'redis', redis: 'down', required };
}

/**
 * Registers `wxmp serve`, as in `WECHAT_TOKEN=tok wxmp serve --example echo --port 3000 --path /wx`.
 *
 * @example
 * ```ts
 * import { Command } from 'commander';
 * const program = new Command('wxmp');
 * register(program);
 * process.env.WECHAT_TOKEN = 'tok';
 * await program.parseAsync(['node', 'wxmp', 'serve', '--example', 'echo', '--port', '3000', '--path', '/wx']);
 * ```
 */
export function register(program: Command): void {
  program
    .command('serve')
    .description(
      'run a webhook server (config: WECHAT_TOKEN, WECHAT_APPID, WECHAT_ENCODING_AES_KEY, PORT; with WECHAT_APPSECRET, late replies go out through the customer-service API)',
    )
    .option('--example <name>', `run an example bot: ${Object.keys(exampleBots).join(', ')}`)
    .option('--handler <file>', 'run your own bot: a module whose default export is a Router or middleware')
    .option('--port <n>', 'port to listen on (default: PORT or 3000)')
    .option('--host <host>', 'address to bind', '0.0.0.0')
    .option('--path <path>', 'path of the webhook', '/wx')
    .option(
      '--message-mode <mode>',
      "the console's message mode: plain, compatible or safe (default: WECHAT_MESSAGE_MODE, else detected per push)",
    )
    .option('--max-body-bytes <n>', 'largest push body accepted (default: 131072, 128 KiB)')
    .option(
      '--max-connections <n>',
      `concurrent connections; more are refused at once (default: ${WEBHOOK_SERVER_LIMITS.maxConnections})`,
    )
    .option(
      '--require-redis',
      'refuse to start while REDIS_URL cannot be reached, and answer /healthz with 503 while it is down (also WXMP_REQUIRE_REDIS=1)',
    )
    .option(
      '--slow <list>',
      'slow-handler strategies in order: stretch, customer-service, pull, or none (default: WXMP_SLOW, else customer-service with WECHAT_APPSECRET, stretch,pull without)',
    )
    .option(
      '--pull-text <text>',
      'what the pull strategy answers meanwhile (default: WXMP_PULL_TEXT, else 还在思考…)',
    )
    .option(
      '--journal <file>',
      `the journal of acknowledged pushes without REDIS_URL (default: WXMP_JOURNAL, else ${DEFAULT_JOURNAL_PATH})`,
    )
    .option(
      '--shutdown-grace <ms>',
      'on SIGTERM, how long answers in flight may take before the rest is left in the journal (default: 10000)',
    )
    .action(serve);
}

/** `wxmp serve …`: checks every flag, opens what the configuration needs, serves until SIGTERM. */
async function serve(opts: ServeFlags): Promise<void> {
  const env = cliEnv();
  const { app, name } = await serveApp(opts);
  if (!opts.path.startsWith('/')) configError('--path', `must start with "/", got "${opts.path}"`);
  // Every flag is checked before anything is opened (token manager, Redis).
  const messageMode = messageModeOf(opts.messageMode, env);
  const maxBodyBytes = parseCount(opts.maxBodyBytes, '--max-body-bytes');
  const maxConnections = parseCount(opts.maxConnections, '--max-connections');
  const shutdownGraceMs = parseCount(opts.shutdownGrace, '--shutdown-grace') ?? 10_000;
  const slowFromConfig = slowStrategiesOf(opts.slow);
  const pullText = opts.pullText ?? process.env['WXMP_PULL_TEXT'];
  const port = parsePort(opts.port, '--port') ?? env.port ?? 3000;
  const requireRedis =
    opts.requireRedis === true || /^(1|true)$/i.test(process.env['WXMP_REQUIRE_REDIS'] ?? '');
  if (requireRedis && !env.redisUrl) configError('--require-redis', 'needs REDIS_URL');
  const logger = createLogger({ name: 'wxmp' });
  // One registry per server: GET /metrics (see docs/operations.md for every figure).
  const registry = createMetricsRegistry();
  const metrics = new WebhookMetrics(registry);
  const service = await customerServiceFromEnv(env, logger, new UpstreamMetrics(registry));
  const slow = slowFromConfig ?? defaultSlowStrategies(service.lateReply !== undefined);
  if (slow.includes('customer-service') && !service.lateReply)
    logger.warn({}, 'the customer-service strategy needs WECHAT_APPID and WECHAT_APPSECRET; it is skipped');
  const state = await servingStateFromEnv(env, {
    slow,
    port,
    journalFile: opts.journal,
    logger,
    onShared: () => metrics.duplicate(),
  });
  const closeAll = async () => {
    await service.tokens?.close();
    await state.close();
  };
  const webhook = measuredWebhook(app, metrics, env, logger, service, state, {
    slow,
    ...(messageMode ? { messageMode } : {}),
    ...(maxBodyBytes ? { maxBodyBytes } : {}),
    ...(pullText ? { pull: { text: pullText } } : {}),
  });
  const { shared, journal } = state;
  const server = await startWebhookServer({
    webhook,
    port,
    host: opts.host,
    path: opts.path,
    logger,
    health: () => storeHealth(shared?.ready(), requireRedis),
    limits: { maxConnections: maxConnections ?? WEBHOOK_SERVER_LIMITS.maxConnections },
    metrics: { registry, readiness: state.readiness },
  }).catch(async (err: unknown) => {
    // Release the token manager and Redis so the process exits after the one-line error.
    await webhook.close({ graceMs: 0 });
    await closeAll();
    throw listenError(err, port, opts.host);
  });
  console.log(`wxmp: ${name ? `example "${name}"` : opts.handler} listening at ${server.url}${opts.path}`);
  if (messageMode === undefined) logger.warn({}, UNSET_MODE_WARNING);
  logger.info(
    { slow, journal: journal ? (env.redisUrl ? 'redis' : 'file') : 'none' },
    'slow-handler strategies',
  );
  stopOnSignals(server.server, {
    name: 'webhook server',
    logger,
    // Room for an attempt to reach its reply budget (4.5 s) before the connections are cut.
    graceMs: Math.max(shutdownGraceMs, 5000) + 1000,
    // Held attempts answer at once (journaled); answers in flight get the grace, the rest waits in the journal.
    onStopping: () => webhook.close({ graceMs: shutdownGraceMs }),
    onClose: closeAll,
  });
}

/** The webhook of `wxmp serve`, measured for `/metrics`, with customer service and the shared state wired in. */
function measuredWebhook(
  app: Router | Middleware,
  metrics: WebhookMetrics,
  env: WxmpEnv,
  logger: Logger,
  service: CustomerService,
  state: ServingState,
  options: Pick<WebhookOptions, 'slow' | 'messageMode' | 'maxBodyBytes' | 'pull'>,
): Webhook {
  const { lateReply, typing } = service;
  const { shared, answers, journal } = state;
  return measureWebhook(
    createWebhook(measureMiddleware(app, metrics), {
      ...options,
      ...(lateReply ? { lateReply } : {}),
      ...(shared ? { dedup: shared.dedup } : {}),
      ...(typing ? { typing } : {}),
      ...(answers ? { answers } : {}),
      ...(journal ? { journal } : {}),
      observe: metrics.observer,
      token: required(env.token, 'WECHAT_TOKEN'),
      appId: env.appId,
      encodingAESKey: env.encodingAESKey,
      previousEncodingAESKey: env.previousEncodingAESKey,
      logger,
    }),
    metrics,
  );
}
