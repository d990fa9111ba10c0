import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from '../../../../src/services/metrics/registry.js';
import { WebhookMetrics } from '../../../../src/services/metrics/webhook-metrics.js';

/** The value of one sample line of the Prometheus text, or undefined when the line is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('WebhookMetrics', () => {
  it('counts what the webhook observer reports: refusals by reason, answers by route, the journal backlog', async () => {
    const registry = createMetricsRegistry({ processMetrics: false });
    const { observer } = new WebhookMetrics(registry);
    observer.onReject?.('SIGNATURE_INVALID');
    observer.onReject?.('SIGNATURE_INVALID');
    observer.onAnswer?.('stretched');
    observer.onJournal?.(3);
    observer.onJournal?.(1);
    const text = await registry.metrics();
    expect(sample(text, 'wxmp_rejected_total{reason="SIGNATURE_INVALID"}')).toBe(2);
    expect(sample(text, 'wxmp_answers_total{via="stretched"}')).toBe(1);
    expect(sample(text, 'wxmp_journal_pending')).toBe(1);
  });

  it('shows every answer route and the duplicate count at zero before any push', async () => {
    const registry = createMetricsRegistry({ processMetrics: false });
    new WebhookMetrics(registry);
    const text = await registry.metrics();
    for (const via of ['passive', 'stretched', 'customer_service', 'pulled'])
      expect(sample(text, `wxmp_answers_total{via="${via}"}`)).toBe(0);
    expect(sample(text, 'wxmp_duplicates_total')).toBe(0);
    expect(sample(text, 'wxmp_journal_pending')).toBe(0);
  });

  it('keeps two registries apart: two webhooks in one process each count their own', async () => {
    const a = createMetricsRegistry({ processMetrics: false });
    const b = createMetricsRegistry({ processMetrics: false });
    const ma = new WebhookMetrics(a);
    new WebhookMetrics(b);
    ma.push('text', 'safe');
    expect(sample(await a.metrics(), 'wxmp_pushes_total{type="text",mode="safe"}')).toBe(1);
    expect(sample(await b.metrics(), 'wxmp_pushes_total{type="text",mode="safe"}')).toBeUndefined();
  });

  it('each scrape shows the totals so far: counts made between scrapes are added once', async () => {
    const registry = createMetricsRegistry({ processMetrics: false });
    const metrics = new WebhookMetrics(registry);
    const { observer } = metrics;
    const scrape = async () => {
      const text = await registry.metrics();
      return [
        sample(text, 'wxmp_pushes_total{type="text",mode="plain"}'),
        sample(text, 'wxmp_pushes_total{type="event.CLICK",mode="safe"}'),
        sample(text, 'wxmp_handler_runs_total'),
        sample(text, 'wxmp_answers_total{via="passive"}'),
      ];
    };
    metrics.push('text', 'plain');
    metrics.push('text', 'plain');
    observer.onHandlerRun?.();
    observer.onAnswer?.('passive');
    expect(await scrape()).toEqual([2, undefined, 1, 1]);
    expect(await scrape()).toEqual([2, undefined, 1, 1]);
    metrics.push('text', 'plain');
    metrics.push('event.CLICK', 'safe');
    observer.onHandlerRun?.();
    observer.onHandlerRun?.();
    observer.onAnswer?.('passive');
    expect(await scrape()).toEqual([3, 1, 3, 2]);
  });

  it('includes Node process metrics unless turned off', async () => {
    expect(await createMetricsRegistry().metrics()).toContain('process_resident_memory_bytes');
    expect(await createMetricsRegistry({ processMetrics: false }).metrics()).not.toContain('process_');
  });
});
