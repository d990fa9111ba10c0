/**
 * The load generator child: autocannon, driven over IPC by bench/run.ts, pinned to its own core.
 *
 * Each connection gets its own slice of the pool and cycles through it, so at any moment the connections send
 * different pushes, and over a run every push of the pool is sent many times.
 * @module
 */
import autocannon from 'autocannon';
import type { LoadCommand, LoadFailure, LoadResult } from './ipc.js';

const pools = new Map<string, autocannon.Request[]>();

function send(message: LoadResult | LoadFailure): void {
  process.send?.(message);
}

/** Splits the pool into one slice per connection (round-robin, so slices differ by at most one request). */
function slices(requests: autocannon.Request[], connections: number): autocannon.Request[][] {
  const out: autocannon.Request[][] = Array.from({ length: connections }, () => []);
  requests.forEach((request, i) => out[i % connections]!.push(request));
  return out.filter((slice) => slice.length > 0);
}

/** Nearest-rank percentile of sorted values (NaN when there are none). */
function percentile(sorted: Float64Array, p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

async function run(command: Extract<LoadCommand, { type: 'run' }>): Promise<LoadResult> {
  const pool = pools.get(command.name);
  if (!pool) throw new Error(`no pool named ${command.name}`);
  const perConnection = slices(pool, command.connections);
  let next = 0;
  // Latencies in ms, recorded here because autocannon's histogram truncates to whole milliseconds.
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: command.url,
        connections: command.connections,
        duration: command.durationSec,
        requests: [perConnection[0]![0]!],
        setupClient: (client) => client.setRequests(perConnection[next++ % perConnection.length]!),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = Float64Array.from(latencies).sort();
  return {
    type: 'result',
    reqPerSec: result.requests.total / result.duration,
    completed: result.requests.total,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    cpuShare: (cpu.user + cpu.system) / 1000 / wallMs,
  };
}

if (!process.send) throw new Error('bench/load.ts is started by bench/run.ts (it reports over IPC)');
process.on('disconnect', () => process.exit(0));
process.on('message', (command: LoadCommand) => {
  if (command.type === 'exit') process.exit(0);
  if (command.type === 'pool') {
    const headers = { 'content-type': 'text/xml' };
    pools.set(
      command.name,
      command.requests.map((r) => ({ method: 'POST', path: r.path, body: r.body, headers })),
    );
    return;
  }
  run(command).then(send, (err: unknown) =>
    send({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
  );
});
