/**
 * Running a Hono app from a command until SIGINT/SIGTERM: the shared tail of `wxmp token-server` and `wxmp proxy`.
 * @module
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WeChatError } from '../errors.js';
import { stopOnSignals } from '../http-server/graceful-close.js';
import { applyServerLimits, serverOptions, type ServerLimits } from '../http-server/limits.js';
import type { Logger } from '../logger.js';

/**
 * Turns a failure to listen into the CLI's one-line config error when the port is taken (`EADDRINUSE`) or not
 * allowed (`EACCES`), naming the flag and variable to change; other errors come back unchanged.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * import { startWebhookServer } from 'wxmp/services';
 * const webhook = createWebhook(bot, { token: 'AAAAA' });
 * await startWebhookServer({ webhook, port: 3000, host: '0.0.0.0' }).catch((err: unknown) => {
 *   throw listenError(err, 3000, '0.0.0.0');
 * });
 * // wxmp: Port 3000 on 0.0.0.0 is already in use: pass --port with a free port (or set PORT), or stop the other server
 * ```
 */
export function listenError(err: unknown, port: number, host: string): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') {
    return new WeChatError(
      'CONFIG_INVALID',
      `Port ${port} on ${host} is already in use: pass --port with a free port (or set PORT), or stop the other server`,
      { cause: err },
    );
  }
  if (code === 'EACCES') {
    return new WeChatError(
      'CONFIG_INVALID',
      `Port ${port} on ${host} is not allowed for this user (ports below 1024 usually need root): ` +
        'pass --port with a port from 1024 up (or set PORT)',
      { cause: err },
    );
  }
  if (code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL') {
    return new WeChatError(
      'CONFIG_INVALID',
      `Cannot listen on ${host}: it is not an address of this machine; pass --host with one (e.g. 127.0.0.1 or 0.0.0.0)`,
      { cause: err },
    );
  }
  return err;
}

/**
 * Listens with the connection `limits`, logs `name listening` with `details`, and on a signal stops accepting,
 * answers the requests in flight (within the grace period), runs `onClose`, and exits with code 0.
 *
 * @example
 * ```ts
 * import { createTokenServerFromEnv } from 'wxmp/services';
 * import { readEnv } from 'wxmp/config';
 * import { TOKEN_SERVER_LIMITS } from '../http-server/limits.js';
 * const server = createTokenServerFromEnv(readEnv(), { clientKeys: process.env.WXMP_CLIENT_KEYS });
 * await serveUntilSignal({
 *   fetch: server.app.fetch,
 *   port: 3100,
 *   host: '0.0.0.0',
 *   limits: TOKEN_SERVER_LIMITS,
 *   logger,
 *   name: 'token server',
 *   onClose: () => server.close(),
 * });
 * ```
 */
export async function serveUntilSignal(options: {
  fetch: (request: Request) => Response | Promise<Response>;
  port: number;
  host: string;
  limits: ServerLimits;
  logger: Logger;
  name: string;
  details?: Record<string, unknown>;
  onClose: () => Promise<void>;
}): Promise<void> {
  const { logger, name, limits } = options;
  let http: Server;
  try {
    http = await new Promise<Server>((resolve, reject) => {
      const listening = serve(
        {
          fetch: options.fetch,
          port: options.port,
          hostname: options.host,
          serverOptions: serverOptions(limits),
        },
        (info: AddressInfo) => {
          listening.off('error', reject);
          logger.info(
            {
              port: info.port,
              host: options.host,
              maxConnections: limits.maxConnections,
              ...options.details,
            },
            `${name} listening`,
          );
          resolve(listening as Server);
        },
      );
      applyServerLimits(listening as Server, limits);
      // A taken port is reported as an 'error' event, which would otherwise crash with a stack trace.
      listening.once('error', reject);
    });
  } catch (err) {
    // Release what the command opened (token manager, Redis) so the process can exit.
    await options.onClose().catch(() => undefined);
    throw listenError(err, options.port, options.host);
  }
  stopOnSignals(http, { name, logger, onClose: options.onClose });
}
