/**
 * A production-shaped deployment on loopback, for the deploy e2e test and the cluster, soak and secrets proofs:
 * the emulator (WeChat: the fans, the push with its 5 s cut and 3 attempts, the API for customer-service replies)
 * → Debian's nginx with the shipped site → N `wxmp serve` instances in safe mode sharing the real Redis (dedup,
 * tokens) → the cluster bot, which counts its runs per message in Redis.
 */
import { serve } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { createEmulator, createFan, type ChatEntry, type Emulator } from '../../../src/emulator/index.js';
import { REDIS_URL, uniquePrefix } from '../redis.js';
import { closedPort } from '../tcp-proxy.js';
import { serveInstance, type Instance } from './instances.js';
import { startNginx, type RunningNginx } from './nginx.js';

/** What the deployment was started with, and its parts. */
export interface Cluster {
  emulator: Emulator;
  nginx: RunningNginx;
  instances: Instance[];
  dir: string;
  /** The secrets of the run: AppSecret, Token, EncodingAESKey, client key, and every access_token issued. */
  secrets(): string[];
  /** Every log of the run: each instance's output, nginx's error and access logs. */
  logs(): string;
  /** How often the bot ran for each text (across instances and restarts). */
  runs(): Promise<Map<string, number>>;
  /** What the account sent a fan (passive replies, customer-service messages, WeChat's notices). */
  sentTo(openid: string): ChatEntry[];
  /** Adds `count` following fans and returns their openids. */
  addFans(count: number): string[];
  stop(): Promise<void>;
}

const random = (bytes: number) => randomBytes(bytes).toString('hex');

/** Starts the emulator, `instances` wxmp serve processes and nginx in front of them. */
export async function startCluster(options: {
  instances: number;
  slowMs?: number;
  /** Extra flags of `wxmp serve`. */
  serveArgs?: string[];
  /** Extra environment of `wxmp serve`. */
  env?: Record<string, string>;
}): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'wxmp-cluster-'));
  const account = {
    appId: `wx${random(8)}`,
    appSecret: random(16),
    token: random(16),
    encodingAESKey: random(22).slice(0, 43),
    mode: 'safe' as const,
  };
  const clientKey = `client-${random(16)}`;
  const [httpPort, httpsPort, ...ports] = await Promise.all(
    Array.from({ length: options.instances + 2 }, () => closedPort()),
  );
  const emulator = createEmulator({
    account: { ...account, webhookUrl: `http://127.0.0.1:${httpPort}/wx` },
    platform: { jobFinishDelayMs: 0 },
  });
  const api = await new Promise<{ url: string; close: () => void }>((resolve) => {
    const server = serve(
      { fetch: emulator.app.fetch, hostname: '127.0.0.1', port: 0 },
      (info: AddressInfo) => {
        emulator.origin = `http://127.0.0.1:${info.port}`;
        resolve({
          url: emulator.origin,
          close: () => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close();
          },
        });
      },
    );
  });
  const runsKey = `${uniquePrefix('cluster-runs')}runs`;
  const env = {
    WECHAT_TOKEN: account.token,
    WECHAT_APPID: account.appId,
    WECHAT_APPSECRET: account.appSecret,
    WECHAT_ENCODING_AES_KEY: account.encodingAESKey,
    WECHAT_MESSAGE_MODE: 'safe',
    WECHAT_API_BASE: api.url,
    REDIS_URL,
    WXMP_CLIENT_KEYS: clientKey,
    WXMP_TEST_RUNS_KEY: runsKey,
    WXMP_TEST_SLOW_MS: String(options.slowMs ?? 6000),
    // Deployments sharing this Redis (other test runs) keep their answers and journals apart.
    WXMP_REDIS_PREFIX: uniquePrefix('cluster'),
    ...options.env,
  };
  const instances = ports.map((port) =>
    serveInstance({ port: port, dir, env, ...(options.serveArgs ? { args: options.serveArgs } : {}) }),
  );
  await Promise.all(instances.map((instance) => instance.start()));
  const nginx = await startNginx({
    httpPort: httpPort!,
    httpsPort: httpsPort!,
    upstreams: ports,
  });
  const redis = createClient({ url: REDIS_URL });
  redis.on('error', () => {});
  await redis.connect();
  let fans = 0;
  return {
    emulator,
    nginx,
    instances,
    dir,
    secrets: () => {
      const slot = emulator.state.platform['tokens'] as { issued: { value: string }[] } | undefined;
      const tokens = (slot?.issued ?? []).map((t) => t.value);
      return [account.appSecret, account.token, account.encodingAESKey, clientKey, ...tokens];
    },
    logs: () =>
      [
        ...readdirSync(dir)
          .filter((f) => f.endsWith('.log'))
          .map((f) => readFileSync(join(dir, f), 'utf8')),
        nginx.logs(),
      ].join('\n'),
    runs: async () => {
      const all = await redis.hGetAll(runsKey);
      return new Map(Object.entries(all).map(([text, n]) => [text, Number(n)]));
    },
    sentTo: (openid) => (emulator.state.chats.get(openid) ?? []).filter((e) => e.direction === 'out'),
    addFans: (count) =>
      Array.from({ length: count }, () => {
        fans += 1;
        const openid = `oCluster${String(fans).padStart(6, '0')}${random(4)}`;
        createFan(emulator.state, { openid, following: true });
        return openid;
      }),
    stop: async () => {
      await Promise.all(instances.map((instance) => instance.stop('SIGTERM')));
      await nginx.stop();
      await redis.del(runsKey);
      await redis.quit();
      api.close();
      await emulator.close();
    },
  };
}
