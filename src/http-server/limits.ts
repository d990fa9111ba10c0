/**
 * The limits every wxmp server puts on its connections (the webhook server, the token server, the API proxy and the
 * emulator): a cap on concurrent connections, and timeouts for a connection that sends nothing, for headers, and
 * for a whole request. A hostile or broken client can then hold a slot for seconds, not minutes, and under overload
 * a new connection is refused at once (a reset) instead of everyone timing out.
 *
 * Node's own timeouts cover a request once its first byte has arrived (`headersTimeout`, `requestTimeout`, checked
 * every `connectionsCheckingInterval`) and the pause between keep-alive requests (`keepAliveTimeout`); a connection
 * that never sends a byte has no timeout in Node 20, so {@link applyServerLimits} adds one.
 * @module
 */
import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The connection limits of one server.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * const limits: ServerLimits = { ...WEBHOOK_SERVER_LIMITS, maxConnections: 2000 };
 * const server = createServer(serverOptions(limits), (req, res) => res.end('ok'));
 * applyServerLimits(server, limits);
 * ```
 */
export interface ServerLimits {
  /** Concurrent connections; past it a new connection is closed at once. Keep it under the open-file limit. */
  maxConnections: number;
  /** A connection that sends no byte for this long is closed: before its first request, and between requests. */
  idleTimeoutMs: number;
  /** The request line and headers must arrive within this (from the request's first byte). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this; else 408 and the partial body is dropped. */
  requestTimeoutMs: number;
}

/** Limits with the common idle timeout (5 s) and cap (512, well under the usual open-file limit of 1024). */
function limitsOf(headersTimeoutMs: number, requestTimeoutMs: number, maxConnections = 512): ServerLimits {
  return Object.freeze({ maxConnections, idleTimeoutMs: 5000, headersTimeoutMs, requestTimeoutMs });
}

/**
 * `wxmp serve`: WeChat waits 5 s for an answer, so a push's request (a few KB) that has not arrived in 3 s never
 * will in time; 512 connections stay well under the usual open-file limit of 1024.
 *
 * @example
 * ```ts
 * import { startWebhookServer } from 'wxmp/services';
 * await startWebhookServer({ webhook, limits: { ...WEBHOOK_SERVER_LIMITS, maxConnections: 2000 } });
 * ```
 */
export const WEBHOOK_SERVER_LIMITS: Readonly<ServerLimits> = limitsOf(2000, 3000, 512);

/**
 * The token server: small JSON requests from services on the same network.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * const server = createServer(serverOptions(TOKEN_SERVER_LIMITS), (req, res) => res.end('ok'));
 * applyServerLimits(server, { ...TOKEN_SERVER_LIMITS, maxConnections: 1000 });
 * ```
 */
export const TOKEN_SERVER_LIMITS: Readonly<ServerLimits> = limitsOf(3000, 5000, 512);

/**
 * The API proxy: uploads of up to 20 MiB, so a request may take longer (20 MiB in 15 s is 1.4 MB/s).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * const slowUplink = { ...PROXY_LIMITS, requestTimeoutMs: 60_000 };
 * applyServerLimits(createServer(serverOptions(slowUplink), (req, res) => res.end('ok')), slowUplink);
 * ```
 */
export const PROXY_LIMITS: Readonly<ServerLimits> = limitsOf(3000, 15_000, 512);

/**
 * The emulator: a development tool (media uploads up to 16 MB, a few live event streams).
 *
 * @example
 * ```ts
 * import { createEmulator, serveEmulator } from 'wxmp/emulator';
 * await serveEmulator(createEmulator(), { limits: { ...EMULATOR_LIMITS, maxConnections: 64 } });
 * ```
 */
export const EMULATOR_LIMITS: Readonly<ServerLimits> = limitsOf(3000, 30_000, 256);

/**
 * The options of `http.createServer` that carry the limits. Node checks its request timeouts on a timer; 250 ms
 * keeps a 2 s timeout within 2.25 s (Node's default checks every 30 s, which made a 60 s timeout last 90 s).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * const server = createServer(serverOptions(WEBHOOK_SERVER_LIMITS), (req, res) => res.end('ok'));
 * applyServerLimits(server, WEBHOOK_SERVER_LIMITS);
 * ```
 */
export function serverOptions(limits: ServerLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs),
    keepAliveTimeout: limits.idleTimeoutMs,
    connectionsCheckingInterval: Math.min(250, limits.headersTimeoutMs),
  };
}

/**
 * Puts the limits on a server created with {@link serverOptions}: the connection cap, and a timer that closes a
 * connection which has sent no byte within `idleTimeoutMs` (per connection, not per request: one timer, cleared
 * when the connection closes).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * const server = createServer(serverOptions(TOKEN_SERVER_LIMITS), (req, res) => res.end('ok'));
 * applyServerLimits(server, TOKEN_SERVER_LIMITS);
 * ```
 */
export function applyServerLimits(server: Server, limits: ServerLimits): void {
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs);
  server.keepAliveTimeout = limits.idleTimeoutMs;
  server.on('connection', (socket: Socket) => {
    const timer = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, limits.idleTimeoutMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  });
}
