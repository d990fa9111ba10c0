/**
 * GET /metrics and /readyz of the three servers, on loopback: each counter named in docs/operations.md moves when
 * the thing it counts happens, and readiness follows Redis.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildPush, inbound } from '../../../src/push/index.js';
import { createProxy } from '../../../src/services/proxy.js';
import { readinessProbe, type ReadinessProbe } from '../../../src/services/metrics/readiness.js';
import { createMetricsRegistry } from '../../../src/services/metrics/registry.js';
import { UpstreamMetrics } from '../../../src/services/metrics/upstream-metrics.js';
import { measureMiddleware, measureWebhook } from '../../../src/services/metrics/webhook-instrument.js';
import { WebhookMetrics } from '../../../src/services/metrics/webhook-metrics.js';
import { createTokenServer } from '../../../src/services/token-server.js';
import { startWebhookServer, type RunningServer } from '../../../src/services/webhook-server.js';
import { createTokenManager } from '../../../src/token/manager.js';
import { createWebhook } from '../../../src/webhook/handler.js';
import { Router } from '../../../src/webhook/router.js';
import { createEmulatedWeChat, EMULATOR_BASE } from '../../support/emulated-wechat.js';
import { REDIS_URL, redisAvailable } from '../../support/redis.js';
import { closedPort } from '../../support/tcp-proxy.js';

const hasRedis = await redisAvailable();
const TOKEN = 'AAAAA';
const KEY = 'client-key-0123456789-abcdef';

/** The value of one sample line of the Prometheus text (0 when absent). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function webhookServer(readiness?: ReadinessProbe): Promise<RunningServer> {
  const registry = createMetricsRegistry();
  const metrics = new WebhookMetrics(registry);
  const bot = new Router();
  bot.on('text', (ctx) => `echo: ${ctx.message.content}`);
  bot.on('event.subscribe', () => undefined);
  const webhook = measureWebhook(
    createWebhook(measureMiddleware(bot, metrics), { token: TOKEN, observe: metrics.observer }),
    metrics,
  );
  const server = await startWebhookServer({
    webhook,
    port: 0,
    host: '127.0.0.1',
    metrics: { registry, ...(readiness ? { readiness } : {}) },
  });
  cleanups.push(() => server.close());
  return server;
}

async function post(server: RunningServer, search: string, body: string): Promise<Response> {
  return fetch(`${server.url}/wx${search}`, { method: 'POST', body });
}

describe('wxmp serve: GET /metrics', () => {
  it('counts pushes by type and mode, handler runs, retries answered from dedup, passive answers and refusals', async () => {
    const server = await webhookServer();
    const text = buildPush(inbound.text({ to: 'gh_1', from: 'oFan' }, 'hi'), { token: TOKEN, mode: 'plain' });
    expect(await (await post(server, text.search, text.body)).text()).toContain('echo: hi');
    // WeChat's retry: the very same request again.
    expect(await (await post(server, text.search, text.body)).text()).toContain('echo: hi');
    const event = buildPush(inbound.event({ to: 'gh_1', from: 'oFan' }, 'subscribe'), {
      token: TOKEN,
      mode: 'plain',
    });
    expect(await (await post(server, event.search, event.body)).text()).toBe('success');
    const forged = text.search.replace(/signature=[0-9a-f]+/, `signature=${'0'.repeat(40)}`);
    expect((await post(server, forged, text.body)).status).toBe(401);

    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const metrics = await res.text();
    // Each of WeChat's attempts is a push; the handler ran once per message.
    expect(sample(metrics, 'wxmp_pushes_total{type="text",mode="plain"}')).toBe(2);
    expect(sample(metrics, 'wxmp_pushes_total{type="event.subscribe",mode="plain"}')).toBe(1);
    expect(sample(metrics, 'wxmp_handler_runs_total')).toBe(2);
    expect(sample(metrics, 'wxmp_duplicates_total')).toBe(1);
    // One answer: the retry's copy of it is no new answer to the fan.
    expect(sample(metrics, 'wxmp_answers_total{via="passive"}')).toBe(1);
    expect(sample(metrics, 'wxmp_rejected_total{reason="SIGNATURE_INVALID"}')).toBe(1);
    expect(sample(metrics, 'wxmp_push_response_duration_seconds_count{status="200"}')).toBe(3);
    expect(sample(metrics, 'wxmp_push_response_duration_seconds_count{status="401"}')).toBe(1);
    expect(sample(metrics, 'wxmp_handler_duration_seconds_count')).toBe(2);
    expect(metrics).toContain('process_resident_memory_bytes');
  });

  it('answers /readyz 200 without Redis required, and /healthz', async () => {
    const server = await webhookServer();
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: {} });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('answers /readyz 503 while the Redis it requires is unreachable, and /healthz still 200', async () => {
    const probe = readinessProbe(`redis://127.0.0.1:${await closedPort()}`);
    cleanups.push(() => probe.close());
    const server = await webhookServer(probe);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not ready', checks: { redis: false } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it.skipIf(!hasRedis)('answers /readyz 200 while the Redis it requires answers (real Redis)', async () => {
    const probe = readinessProbe(REDIS_URL);
    cleanups.push(() => probe.close());
    const server = await webhookServer(probe);
    await expect.poll(async () => (await fetch(`${server.url}/readyz`)).status, { timeout: 5000 }).toBe(200);
  });
});

describe('token server and proxy: GET /metrics', () => {
  it('the token server counts the token fetched from WeChat, times its routes, and serves /metrics without a key', async () => {
    const wechat = createEmulatedWeChat();
    cleanups.push(() => wechat.close());
    const registry = createMetricsRegistry();
    const fetch = new UpstreamMetrics(registry).measure(wechat.fetch);
    const tokens = createTokenManager({
      appId: wechat.appId,
      appSecret: wechat.appSecret,
      apiBase: EMULATOR_BASE,
      fetch,
    });
    const server = createTokenServer({ tokens, clientKeys: [KEY], metrics: { registry } });
    cleanups.push(() => server.close());
    const auth = { authorization: `Bearer ${KEY}` };
    expect((await server.app.request('/token', { headers: auth })).status).toBe(200);
    expect((await server.app.request('/token', { headers: auth })).status).toBe(200);
    expect((await server.app.request('/token')).status).toBe(401);
    const res = await server.app.request('/metrics');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(sample(text, 'wxmp_token_refreshes_total{credential="access_token",outcome="ok"}')).toBe(1);
    expect(
      sample(text, 'wxmp_upstream_calls_total{endpoint="/cgi-bin/stable_token",outcome="2xx"}') +
        sample(text, 'wxmp_upstream_calls_total{endpoint="/cgi-bin/token",outcome="2xx"}'),
    ).toBe(1);
    expect(sample(text, 'wxmp_http_request_duration_seconds_count{route="/token",status="200"}')).toBe(2);
    // Refused by the client-key middleware, which is where the request stopped.
    expect(sample(text, 'wxmp_http_request_duration_seconds_count{route="/token/*",status="401"}')).toBe(1);
    expect((await server.app.request('/readyz')).status).toBe(200);
  });

  it('the proxy counts a retried call at WeChat and its upstream calls, and serves /metrics, /readyz, /healthz without a key', async () => {
    const wechat = createEmulatedWeChat();
    cleanups.push(() => wechat.close());
    const registry = createMetricsRegistry();
    const upstream = new UpstreamMetrics(registry);
    const fetch = upstream.measure(wechat.fetch);
    const tokens = createTokenManager({
      appId: wechat.appId,
      appSecret: wechat.appSecret,
      apiBase: EMULATOR_BASE,
      fetch,
    });
    cleanups.push(() => tokens.close());
    const { app } = createProxy({
      tokenProvider: tokens,
      clientKeys: [KEY],
      apiBase: EMULATOR_BASE,
      fetch,
      metrics: { registry },
      onRetry: (endpoint, reason) => upstream.retry(endpoint, reason),
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
    });
    await wechat.fault('menu.get', { errcode: -1, times: 1 });
    const res = await app.request('/cgi-bin/menu/get', { headers: { authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(200);
    const text = await (await app.request('/metrics')).text();
    expect(sample(text, 'wxmp_api_retries_total{endpoint="/cgi-bin/menu/get",reason="backoff"}')).toBe(1);
    expect(sample(text, 'wxmp_upstream_calls_total{endpoint="/cgi-bin/menu/get",outcome="2xx"}')).toBe(2);
    expect((await app.request('/readyz')).status).toBe(200);
    expect((await app.request('/healthz')).status).toBe(200);
  });
});
