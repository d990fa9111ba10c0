/**
 * A ready-to-run webhook server on node:http: the webhook at one path, `/healthz`, 404 elsewhere.
 * @module
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import { nodeHandler } from '../webhook/adapters/node.js';
import type { Webhook } from '../webhook/handler.js';

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * Serves a webhook at `path` (default `/wx`).
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
}): Promise<RunningServer> {
  const path = options.path ?? '/wx';
  const handle = nodeHandler(options.webhook);
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const pathname = url.split('?', 1)[0];
    if (pathname === path) return handle(req, res);
    if (pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: the webhook is at ${path}`);
  });
  // WeChat holds connections open; keep-alive beyond its 5 s window is wasted memory.
  server.keepAliveTimeout = 6000;
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
