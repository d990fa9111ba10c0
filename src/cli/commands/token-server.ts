/**
 * `wxmp token-server`: serves the access_token and the jsapi_ticket to other services (see services/token-server).
 * @module
 */
import type { Command } from 'commander';
import { loadDotEnv, readEnv } from '../../config.js';
import { createLogger } from '../../logger.js';
import { createTokenServerFromEnv } from '../../services/token-server.js';
import { parseCount, parsePort } from '../options.js';
import { TOKEN_SERVER_LIMITS } from '../../http-server/limits.js';
import { serveUntilSignal } from '../serve-app.js';
import { readinessProbe } from '../../services/metrics/readiness.js';
import { createMetricsRegistry } from '../../services/metrics/registry.js';
import { UpstreamMetrics } from '../../services/metrics/upstream-metrics.js';

/**
 * Port used when neither `--port` nor `PORT` is given.
 *
 * @example
 * ```ts
 * import { serve } from '@hono/node-server';
 * import { readEnv } from 'wxmp/config';
 * import { createTokenServerFromEnv } from 'wxmp/services';
 * const env = readEnv();
 * const { app } = createTokenServerFromEnv(env, { clientKeys: process.env.WXMP_CLIENT_KEYS });
 * serve({ fetch: app.fetch, port: env.port ?? DEFAULT_TOKEN_SERVER_PORT });
 * ```
 */
export const DEFAULT_TOKEN_SERVER_PORT = 3100;

/**
 * Registers `wxmp token-server`.
 *
 * @example
 * ```ts
 * import { Command } from 'commander';
 * const program = new Command('wxmp');
 * register(program);
 * await program.parseAsync(['node', 'wxmp', 'token-server', '--port', '3100']);
 * ```
 */
export function register(program: Command): void {
  program
    .command('token-server')
    .description(
      'serve the access_token and jsapi_ticket over HTTP to services holding a client key (WECHAT_APPID, WECHAT_APPSECRET, WXMP_CLIENT_KEYS; REDIS_URL for several instances)',
    )
    .option('--port <port>', `port to listen on (default: $PORT or ${DEFAULT_TOKEN_SERVER_PORT})`)
    .option('--host <host>', 'interface to listen on', '0.0.0.0')
    .option(
      '--max-connections <n>',
      `concurrent connections; more are refused at once (default: ${TOKEN_SERVER_LIMITS.maxConnections})`,
    )
    .action(async (flags: { port?: string; host: string; maxConnections?: string }) => {
      loadDotEnv();
      const env = readEnv();
      const port = parsePort(flags.port, '--port') ?? env.port ?? DEFAULT_TOKEN_SERVER_PORT;
      const logger = createLogger({ name: 'wxmp-token-server' });
      const registry = createMetricsRegistry();
      const readiness = readinessProbe(env.redisUrl, logger);
      const server = createTokenServerFromEnv(env, {
        clientKeys: process.env['WXMP_CLIENT_KEYS'],
        logger,
        fetch: new UpstreamMetrics(registry).measure(globalThis.fetch.bind(globalThis)),
        metrics: { registry, readiness },
      });
      await serveUntilSignal({
        fetch: server.app.fetch,
        port,
        host: flags.host,
        limits: {
          ...TOKEN_SERVER_LIMITS,
          maxConnections:
            parseCount(flags.maxConnections, '--max-connections') ?? TOKEN_SERVER_LIMITS.maxConnections,
        },
        logger,
        name: 'token server',
        details: { store: env.redisUrl ? 'redis' : 'memory' },
        onClose: async () => {
          await server.close();
          await readiness.close();
        },
      });
    });
}
