/**
 * Readiness: `/readyz` answers 200 while every dependency the server was configured with answers, 503 otherwise,
 * so a load balancer or orchestrator takes an instance out while Redis (when `REDIS_URL` is set) is unreachable.
 * Liveness (`/healthz`) does not depend on it: restarting a process does not bring Redis back.
 * @module
 */
import type { Logger } from '../../logger.js';

/** The answer of one readiness check. */
export interface Readiness {
  ready: boolean;
  /** Each dependency checked, and whether it answered (`{ redis: false }`). */
  checks: Record<string, boolean>;
}

/** A readiness check and what it holds open. */
export interface ReadinessProbe {
  check(): Promise<Readiness>;
  close(): Promise<void>;
}

/** How long a Redis PING may take before the instance counts as not ready. */
const PING_TIMEOUT_MS = 1000;

/**
 * The readiness of a server: with a `redisUrl`, ready while a PING on its own connection answers within 1 s;
 * without one, always ready (nothing is required).
 *
 * @example
 * ```ts
 * const probe = readinessProbe(process.env.REDIS_URL, logger);
 * const { ready, checks } = await probe.check(); // true { redis: true }
 * await probe.close();
 * ```
 */
export function readinessProbe(redisUrl: string | undefined, logger?: Logger): ReadinessProbe {
  if (redisUrl === undefined)
    return { check: () => Promise.resolve({ ready: true, checks: {} }), close: () => Promise.resolve() };
  // node-redis is loaded only here, with a REDIS_URL: every server imports this file for `/readyz`.
  const connecting = import('../../redis-connection.js').then(({ connectRedis }) =>
    connectRedis(redisUrl, { purpose: 'readiness', ...(logger ? { logger } : {}) }),
  );
  return {
    async check() {
      const { client } = await connecting;
      const redis = client.isReady && (await pingWithin(client, PING_TIMEOUT_MS));
      return { ready: redis, checks: { redis } };
    },
    close: async () => (await connecting).close(),
  };
}

async function pingWithin(client: { ping(): Promise<string> }, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      client.ping().then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The HTTP answer to `/readyz`: 200 `{ status: 'ready', checks }` or 503 `{ status: 'not ready', checks }`.
 *
 * @example
 * ```ts
 * const answer = readyzAnswer({ ready: false, checks: { redis: false } });
 * console.log(answer.status); // 503
 * ```
 */
export function readyzAnswer(readiness: Readiness): { status: number; body: string } {
  return {
    status: readiness.ready ? 200 : 503,
    body: JSON.stringify({ status: readiness.ready ? 'ready' : 'not ready', checks: readiness.checks }),
  };
}
