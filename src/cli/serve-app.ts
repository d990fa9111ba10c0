/**
 * Running a Hono app from a command until SIGINT/SIGTERM: the shared tail of `wxmp token-server` and `wxmp proxy`.
 * @module
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';

/**
 * Listens, logs `name listening` with `details`, and on a signal stops accepting, runs `onClose`, and exits.
 *
 * @example
 * ```ts
 * await serveUntilSignal({ fetch: app.fetch, port: 3100, host: '0.0.0.0', logger, name: 'token server', onClose: () => server.close() });
 * ```
 */
export async function serveUntilSignal(options: {
  fetch: (request: Request) => Response | Promise<Response>;
  port: number;
  host: string;
  logger: Logger;
  name: string;
  details?: Record<string, unknown>;
  onClose: () => Promise<void>;
}): Promise<void> {
  const { logger, name } = options;
  const http = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const listening = serve(
      { fetch: options.fetch, port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        logger.info({ port: info.port, host: options.host, ...options.details }, `${name} listening`);
        resolve(listening);
      },
    );
  });
  const stop = (signal: string) => {
    logger.info({ signal }, `${name} stopping`);
    http.close(() => {
      void options.onClose().finally(() => process.exit(0));
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
