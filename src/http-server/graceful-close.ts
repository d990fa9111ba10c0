/**
 * Stopping a server without dropping the requests it is answering: stop accepting, close connections as soon as they
 * are idle (a keep-alive connection becomes idle when its request is answered), and only after a grace period cut
 * whatever is left. Every wxmp server stops this way on SIGTERM and SIGINT.
 * @module
 */
import type { Server } from 'node:http';
import type { Logger } from '../logger.js';

/**
 * Longest wait for requests in flight on shutdown: above WeChat's 5 s (a push being answered) and the proxy's 10 s
 * upstream deadline.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * const server = createServer((req, res) => res.end('ok')).listen(0);
 * await closeGracefully(server, { graceMs: DEFAULT_SHUTDOWN_GRACE_MS / 2 });
 * ```
 */
export const DEFAULT_SHUTDOWN_GRACE_MS = 12_000;

/** How often idle connections are looked for while draining. */
const DRAIN_POLL_MS = 50;

/**
 * Stops accepting connections, lets the requests in flight be answered, closes each connection once idle, and
 * resolves when none is left; after `graceMs` the rest are cut. `forced` tells whether anything was cut.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * const server = createServer((req, res) => res.end('ok')).listen(0);
 * const { forced } = await closeGracefully(server, { graceMs: 5000 });
 * ```
 */
export function closeGracefully(
  server: Server,
  options: { graceMs?: number } = {},
): Promise<{ forced: boolean }> {
  const graceMs = options.graceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  return new Promise((resolve) => {
    let forced = false;
    const drain = setInterval(() => server.closeIdleConnections(), DRAIN_POLL_MS);
    const cut = setTimeout(() => {
      forced = true;
      server.closeAllConnections();
    }, graceMs);
    const done = () => {
      clearInterval(drain);
      clearTimeout(cut);
      resolve({ forced });
    };
    if (!server.listening) {
      server.closeAllConnections();
      done();
      return;
    }
    server.close(done);
    server.closeIdleConnections();
  });
}

/**
 * On SIGTERM or SIGINT: logs `<name> stopping`, closes the server gracefully, runs `onClose` (token managers, Redis),
 * and exits with code 0. A second signal cuts the connections left at once.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * const server = createServer((req, res) => res.end('ok')).listen(3000);
 * stopOnSignals(server, { name: 'webhook', logger, onClose: async () => console.log('closed') });
 * ```
 */
export function stopOnSignals(
  server: Server,
  options: {
    name: string;
    logger?: Logger;
    graceMs?: number;
    /** Runs at the signal, alongside the draining of the server (a webhook lets go of the attempts it holds). */
    onStopping?: () => Promise<unknown>;
    onClose?: () => Promise<void>;
  },
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      server.closeAllConnections();
      return;
    }
    stopping = true;
    options.logger?.info({ signal }, `${options.name} stopping`);
    const drained = options
      .onStopping?.()
      .catch((err: unknown) => options.logger?.error({ err }, `${options.name}: error while stopping`));
    void closeGracefully(server, options.graceMs === undefined ? {} : { graceMs: options.graceMs })
      .then(async ({ forced }) => {
        if (forced) options.logger?.warn({}, `${options.name}: connections cut after the grace period`);
        await drained;
        return options.onClose?.();
      })
      .catch((err: unknown) => options.logger?.error({ err }, `${options.name}: error while stopping`))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
