/**
 * Logging: a minimal interface wxmp code logs through, and a pino-backed default that redacts secrets.
 * @module
 */
import { createRequire } from 'node:module';
import type { pino as Pino } from 'pino';

// pino is loaded on first use: a webhook that logs through its own logger (or none) saves its ~9 MB of memory.
// The require is made there too, not at import: Cloudflare Workers leave `import.meta.url` undefined, and
// `createRequire(undefined)` throws, which stopped any Worker that imported wxmp from starting.

/**
 * What wxmp needs from a logger; pino, and most structured loggers, fit as they are.
 */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Field paths pino removes from every log line, at any depth we log. */
export const REDACTED_PATHS = [
  'token',
  'appSecret',
  'secret',
  'encodingAESKey',
  'previousEncodingAESKey',
  'access_token',
  'accessToken',
  'ticket',
  '*.token',
  '*.appSecret',
  '*.secret',
  '*.encodingAESKey',
  '*.access_token',
  '*.accessToken',
  'headers.authorization',
  '*.headers.authorization',
];

/**
 * Creates the default logger: JSON lines on stdout, secrets redacted.
 *
 * @example
 * ```ts
 * const logger = createLogger({ level: 'debug' });
 * logger.info({ port: 3000 }, 'listening');
 * ```
 */
export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  const { pino } = createRequire(import.meta.url)('pino') as { pino: typeof Pino };
  return pino({
    level: options.level ?? process.env['LOG_LEVEL'] ?? 'info',
    ...(options.name ? { name: options.name } : {}),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  });
}

/**
 * A logger that drops everything; handy in tests and benchmarks.
 *
 * @example
 * ```ts
 * import { Router, createWebhook } from 'wxmp';
 * const webhook = createWebhook(new Router(), { token: 'AAAAA', logger: silentLogger });
 * ```
 */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** One line on stderr for a warning or an error: `wxmp: msg (key=value, err=message)`. */
function stderrLine(obj: object, msg: string | undefined): void {
  const fields = Object.entries(obj)
    .map(([k, v]) => `${k}=${v instanceof Error ? v.message : typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
  console.error(`wxmp: ${msg ?? ''}${fields ? ` (${fields})` : ''}`);
}

/**
 * Warnings and errors as one line each on stderr, the rest dropped: what the webhook reports a lost reply to when no
 * logger was given, and nothing else (the fields logged there are message keys and error messages, never secrets).
 *
 * @example
 * ```ts
 * stderrWarnings.warn({ key: 'msg:1' }, 'late reply dropped'); // stderr: wxmp: late reply dropped (key=msg:1)
 * ```
 */
export const stderrWarnings: Logger = {
  debug() {},
  info() {},
  warn: stderrLine,
  error: stderrLine,
};
