/**
 * `wxmp proxy`: serves the API proxy (see services/proxy) so that business services call WeChat without holding
 * the access_token or the AppSecret.
 * @module
 */
import type { Command } from 'commander';
import { configError, loadDotEnv, readEnv } from '../../config.js';
import { createLogger } from '../../logger.js';
import { createProxy, DEFAULT_RATE_LIMIT_PER_MINUTE } from '../../services/proxy.js';
import { parseExtraEndpoints } from '../../services/proxy/allowlist.js';
import { parseClientKeys } from '../../services/client-keys.js';
import { createTokenManagerFromEnv, requireCredentials } from '../../token/from-env.js';
import { parseCount, parsePort } from '../options.js';
import { PROXY_LIMITS } from '../../http-server/limits.js';
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
 * import { createProxy } from 'wxmp/services';
 * import { createTokenManager } from 'wxmp/token';
 * const tokenProvider = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! });
 * const { app } = createProxy({ tokenProvider, clientKeys: ['service-a-0123456789'] });
 * serve({ fetch: app.fetch, port: DEFAULT_PROXY_PORT });
 * ```
 */
export const DEFAULT_PROXY_PORT = 3200;

/** Flags of `wxmp proxy`. */
interface ProxyFlags {
  port?: string;
  host: string;
  rateLimit?: string;
  maxConnections?: string;
}

/**
 * Registers `wxmp proxy`.
 *
 * @example
 * ```ts
 * import { Command } from 'commander';
 * const program = new Command('wxmp');
 * register(program);
 * await program.parseAsync(['node', 'wxmp', 'proxy', '--port', '3200']);
 * ```
 */
export function register(program: Command): void {
  program
    .command('proxy')
    .description(
      'forward WeChat API calls of services holding a client key, adding the access_token (WECHAT_APPID, WECHAT_APPSECRET, WXMP_CLIENT_KEYS; REDIS_URL for several instances; WXMP_PROXY_EXTRA_ENDPOINTS for paths outside the table)',
    )
    .option('--port <port>', `port to listen on (default: $PORT or ${DEFAULT_PROXY_PORT})`)
    .option('--host <host>', 'interface to listen on', '0.0.0.0')
    .option(
      '--max-connections <n>',
      `concurrent connections; more are refused at once (default: ${PROXY_LIMITS.maxConnections})`,
    )
    .option(
      '--rate-limit <n>',
      `requests per minute per client key (default: ${DEFAULT_RATE_LIMIT_PER_MINUTE})`,
    )
    .action(async (flags: ProxyFlags) => {
      loadDotEnv();
      const env = readEnv();
      const port = parsePort(flags.port, '--port') ?? env.port ?? DEFAULT_PROXY_PORT;
      const rateLimitPerMinute =
        flags.rateLimit === undefined ? DEFAULT_RATE_LIMIT_PER_MINUTE : parseRate(flags.rateLimit);
      const clientKeys = parseClientKeys(process.env['WXMP_CLIENT_KEYS']);
      const extraEndpoints = parseExtraEndpoints(process.env['WXMP_PROXY_EXTRA_ENDPOINTS']);
      const { appId, appSecret } = requireCredentials(env);
      const logger = createLogger({ name: 'wxmp-proxy' });
      const registry = createMetricsRegistry();
      const upstream = new UpstreamMetrics(registry);
      const measuredFetch = upstream.measure(globalThis.fetch.bind(globalThis));
      const readiness = readinessProbe(env.redisUrl, logger);
      const tokens = createTokenManagerFromEnv(env, { logger, fetch: measuredFetch });
      const { app } = createProxy({
        tokenProvider: tokens,
        clientKeys,
        apiBase: env.apiBase,
        appId,
        appSecret,
        rateLimitPerMinute,
        logger,
        extraEndpoints,
        fetch: measuredFetch,
        metrics: { registry, readiness },
        onRetry: (endpoint, reason) => upstream.retry(endpoint, reason),
      });
      await serveUntilSignal({
        fetch: app.fetch,
        port,
        host: flags.host,
        limits: {
          ...PROXY_LIMITS,
          maxConnections:
            parseCount(flags.maxConnections, '--max-connections') ?? PROXY_LIMITS.maxConnections,
        },
        logger,
        name: 'API proxy',
        details: { apiBase: env.apiBase },
        onClose: async () => {
          await tokens.close();
          await readiness.close();
        },
      });
    });
}

function parseRate(raw: string): number {
  const rate = Number(raw);
  if (!Number.isInteger(rate) || rate < 1)
    configError('--rate-limit', 'must be a whole number of requests per minute, at least 1');
  return rate;
}
