/**
 * A ready-to-run webhook server on node:http: the webhook at one path, `/healthz`, with metrics `/metrics` and
 * `/readyz`, 404 elsewhere.
 * @module
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeGracefully } from '../http-server/graceful-close.js';
import {
  applyServerLimits,
  serverOptions,
  WEBHOOK_SERVER_LIMITS,
  type ServerLimits,
} from '../http-server/limits.js';
import type { Logger } from '../logger.js';
import type { ServerMetricsOptions } from './metrics/http-metrics.js';
import { readyzAnswer } from './metrics/readiness.js';
import { metricsAnswer } from './metrics/registry.js';
import { nodeHandler } from '../webhook/adapters/node.js';
import type { Webhook } from '../webhook/handler.js';

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  port: number;
  server: Server;
  /** Stops accepting, answers the requests in flight, then closes (cutting what is left after the grace period). */
  close(): Promise<void>;
}

/**
 * What a server's `/healthz` says: `ok`; `degraded` (serving, with something missing, such as a store that is down
 * while not required); `unavailable` (503: a required store is down). Other fields say why.
 *
 * @example
 * ```ts
 * const health: ServerHealth = { status: 'degraded', store: 'redis', redis: 'down' };
 * await startWebhookServer({ webhook, port: 3000, health: () => health });
 * ```
 */
export interface ServerHealth {
  status: 'ok' | 'degraded' | 'unavailable';
  [detail: string]: unknown;
}

/**
 * Serves a webhook at `path` (default `/wx`), with the connection limits of {@link WEBHOOK_SERVER_LIMITS} unless
 * `limits` says otherwise.
 *
 * @example
 * ```ts
 * const { url } = await startWebhookServer({ webhook, port: 3000 });
 * console.log(`${url}/wx`);
 * ```
 */
export async function startWebhookServer(options: {
  webhook: Webhook;
  port?: number;
  host?: string;
  path?: string;
  logger?: Logger;
  /** Connection cap and timeouts; default {@link WEBHOOK_SERVER_LIMITS}. */
  limits?: Partial<ServerLimits>;
  /** How long `close()` waits for requests in flight; default 12 s. */
  shutdownGraceMs?: number;
  /**
   * What `/healthz` reports (JSON; 503 when `status` is `unavailable`), e.g. the state of the store; without it,
   * `/healthz` answers `ok`.
   */
  health?: () => ServerHealth;
  /**
   * Serves `GET /metrics` (the registry, Prometheus text) and `GET /readyz` (200 while the readiness probe's
   * dependencies answer, else 503). Measure the webhook itself with `measureWebhook`.
   */
  metrics?: ServerMetricsOptions;
}): Promise<RunningServer> {
  const path = options.path ?? '/wx';
  const { metrics } = options;
  const handle = nodeHandler(options.webhook);
  const limits = { ...WEBHOOK_SERVER_LIMITS, ...options.limits };
  const server = createServer(serverOptions(limits), (req, res) => {
    const url = req.url ?? '/';
    const pathname = url.split('?', 1)[0];
    if (pathname === path) return handle(req, res);
    if (pathname === '/healthz') {
      if (!options.health) {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const health = options.health();
      res
        .writeHead(health.status === 'unavailable' ? 503 : 200, { 'content-type': 'application/json' })
        .end(JSON.stringify(health));
      return;
    }
    if (metrics && (pathname === '/metrics' || pathname === '/readyz')) {
      void operational(metrics, pathname).then(
        ({ status, contentType, body }) => res.writeHead(status, { 'content-type': contentType }).end(body),
        (err: unknown) => {
          options.logger?.error({ err }, `${pathname} failed`);
          res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
        },
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: the webhook is at ${path}`);
  });
  applyServerLimits(server, limits);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  options.logger?.info({ url: `${url}${path}` }, 'webhook listening');
  return {
    url,
    port,
    server,
    close: async () => {
      await closeGracefully(
        server,
        options.shutdownGraceMs === undefined ? {} : { graceMs: options.shutdownGraceMs },
      );
    },
  };
}

/** The answer to `/metrics` or `/readyz`. */
async function operational(
  metrics: ServerMetricsOptions,
  pathname: string,
): Promise<{ status: number; contentType: string; body: string }> {
  if (pathname === '/metrics') return { status: 200, ...(await metricsAnswer(metrics.registry)) };
  const readiness = metrics.readiness ? await metrics.readiness.check() : { ready: true, checks: {} };
  return { ...readyzAnswer(readiness), contentType: 'application/json' };
}
