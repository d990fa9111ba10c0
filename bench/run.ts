/**
 * `npm run bench`: the echo bot on node:http (createWebhook + nodeHandler) against a bare node:http server, in plain
 * and safe mode, in one run; and, for scale, the same bot written by hand for this job alone (servers/hand.ts).
 *
 * Each server is a child process pinned to core 0, autocannon a child pinned to core 1 (`taskset`); 50 connections
 * replay a pool of 1,000 distinct signed (safe: encrypted) pushes. Before measuring, every push of the pool is sent
 * once and its answer checked with `checkReply`, as WeChat checks it. Then a warm-up per server, and rounds
 * interleaved across the servers (so drift hits all alike); the median round is reported. Loopback only.
 *
 * Options: --rounds 3 --duration 5 --warmup 3 --connections 50 --from dist|src --cpu-prof (profiles the
 * servers into a temp directory) --skip-token (do not run bench/token.ts).
 * @module
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import { checkReply, pushCrypto } from '../src/push/index.js';
import type { LoadCommand, LoadResult, ReadyMessage, ServerCommand, ServerStats } from './ipc.js';
import { BENCH_ACCOUNT, benchKeys, buildPool, POOL_SIZE, type BenchMode, type PoolEntry } from './pool.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: opts } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    from: { type: 'string', default: 'dist' },
    'cpu-prof': { type: 'boolean', default: false },
    'skip-token': { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(opts.rounds);
const DURATION_SEC = Number(opts.duration);
const WARMUP_SEC = Number(opts.warmup);
const CONNECTIONS = Number(opts.connections);
const FROM = opts.from === 'src' ? 'src' : 'dist';

/** The issue's targets. */
const TARGETS = { plainRatio: 0.45, safeRatio: 0.18, p99Ms: 10, rssMB: 100 };

// ---------------------------------------------------------------------------------------------------------------
// Child processes: tracked, so that they all go away with the runner, however it ends.

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the bench servers and the load generator`);
    process.exit(130);
  });
}

/** `taskset` pins to a core when it exists and there are two cores; otherwise the bench runs unpinned. */
const PINNED = availableParallelism() >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** Runs a script on `core`: a .ts file through tsx, a .js file on bare node. */
function spawnNode(script: string, args: string[], core: 0 | 1, nodeFlags: string[] = []): ChildProcess {
  const node = [...nodeFlags, ...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), script, ...args];
  const [command, argv] = PINNED
    ? ['taskset', ['-c', String(core), process.execPath, ...node]]
    : [process.execPath, node];
  // taskset execs node in place, so the IPC channel and the PID (for /proc/PID/status) are node's.
  const env = { ...process.env, WXMP_BENCH_ROOT: ROOT };
  const child = spawn(command, argv, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Waits for the next IPC message of `type` from `child` (fails if it exits first or takes too long). */
function nextMessage<T extends { type: string }>(
  child: ChildProcess,
  type: T['type'],
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: { type: string; message?: string }) => {
      if (message.type === 'error') {
        cleanup();
        reject(new Error(message.message));
      } else if (message.type === type) {
        cleanup();
        resolve(message as T);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`a bench child exited (code ${code}) while the runner waited for "${type}"`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no "${type}" from a bench child within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

function command(child: ChildProcess, message: ServerCommand | LoadCommand): void {
  child.send(message);
}

/** Asks a child to exit (so --cpu-prof can write its profile), killing it if it does not within 5 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  command(child, { type: 'exit' });
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * Transpiles the child scripts to plain JS in node_modules/.cache (rewritten each run, so an interrupted run leaves
 * nothing behind; autocannon resolves from there), so they run on bare node: under tsx, its loader thread alone adds
 * ~33 MB to every process's RSS (43.5 → 76.5 MB for an empty node:http server), and tsx rewrites even dist/'s JS
 * (it inserts `__name()` calls into hot functions).
 */
function transpileChildren(): string {
  const dir = join(ROOT, 'node_modules', '.cache', 'wxmp-bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const file of [
    'bench/account.ts',
    'bench/servers/child.ts',
    'bench/servers/bare.ts',
    'bench/servers/hand.ts',
    'bench/servers/webhook.ts',
    'bench/load.ts',
  ]) {
    const { outputText } = ts.transpileModule(readFileSync(join(ROOT, file), 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
    });
    const out = join(dir, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  }
  return dir;
}

/** Busy and total jiffies of each core, from /proc/stat (undefined where it does not exist). */
function coreTimes(): { busy: number; total: number }[] | undefined {
  try {
    return readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .filter((line) => /^cpu\d/.test(line))
      .map((line) => {
        const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line
          .split(/\s+/)
          .slice(1)
          .map(Number);
        const busy = user + nice + system + irq + softirq + steal;
        return { busy, total: busy + idle + iowait };
      });
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Servers.

interface BenchServer {
  name: string;
  /** Which pool it is benchmarked with; the bare server gets the plain pool. */
  pool: BenchMode;
  child: ChildProcess;
  url: string;
}

/**
 * Where the children run from: transpiled JS on bare node (default), or the .ts files under tsx with `--from src`
 * (wxmp's sources are TypeScript then; every server, bare included, then carries tsx's ~33 MB).
 */
const CHILD_DIR = FROM === 'dist' ? join(transpileChildren(), 'bench') : join(ROOT, 'bench');
const CHILD_EXT = FROM === 'dist' ? 'js' : 'ts';

async function startServer(
  name: string,
  file: 'bare' | 'hand' | 'webhook',
  args: string[],
  pool: BenchMode,
  flags: string[] = [],
): Promise<BenchServer> {
  const child = spawnNode(join(CHILD_DIR, 'servers', `${file}.${CHILD_EXT}`), args, 0, flags);
  const { port } = await nextMessage<ReadyMessage>(child, 'ready', 30_000);
  return { name, pool, child, url: `http://127.0.0.1:${port}` };
}

async function serverStats(server: BenchServer): Promise<ServerStats> {
  const reply = nextMessage<ServerStats>(server.child, 'stats', 5000);
  command(server.child, { type: 'stats' });
  return reply;
}

/** VmHWM (peak RSS) from /proc, in MB; undefined where /proc does not exist. */
function procPeakRssMB(pid: number | undefined): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Checks before measuring: a benchmark of a broken server is worthless.

async function post(url: string, entry: PoolEntry): Promise<{ status: number; body: string }> {
  const res = await fetch(`${url}${entry.path}`, {
    method: 'POST',
    body: entry.body,
    headers: { 'content-type': 'text/xml' },
  });
  return { status: res.status, body: await res.text() };
}

/** Sends every push of the pool once, 16 at a time, and checks each answer as WeChat would. */
async function verifyWebhook(server: BenchServer, pool: PoolEntry[]): Promise<void> {
  const keys = benchKeys(server.pool);
  const crypto = pushCrypto(keys);
  const before = await serverStats(server);
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < pool.length; i = next++) {
      const entry = pool[i]!;
      const { status, body } = await post(server.url, entry);
      const verdict = checkReply(status, body, {
        keys,
        crypto,
        fan: entry.fan,
        account: BENCH_ACCOUNT.id,
        answersUserMessage: true,
      });
      if (!verdict.ok) failures.push(`push ${i}: ${verdict.reason}`);
      else if (verdict.reply.type !== 'text' || verdict.reply.content !== entry.content) {
        failures.push(
          `push ${i}: expected the echo of "${entry.content}", got ${JSON.stringify(verdict.reply)}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  if (failures.length > 0)
    throw new Error(`${server.name}: ${failures.length} answers failed checkReply, e.g. ${failures[0]}`);

  // A push with a wrong signature must be refused: proof that requests are really verified.
  const entry = pool[0]!;
  const param = server.pool === 'safe' ? 'msg_signature' : 'signature';
  const tampered = {
    ...entry,
    path: entry.path.replace(new RegExp(`([?&]${param}=)[0-9a-f]{8}`), '$100000000'),
  };
  const refused = await post(server.url, tampered);
  if (refused.status !== 401)
    throw new Error(`${server.name}: a push with a wrong ${param} got HTTP ${refused.status}, not 401`);

  const after = await serverStats(server);
  const runs = after.handlerRuns - before.handlerRuns;
  if (runs !== pool.length || after.dedupCalls - before.dedupCalls !== runs) {
    throw new Error(
      `${server.name}: ${pool.length} pushes ran the bot ${runs} times (expected each exactly once)`,
    );
  }
  console.log(
    `  ${server.name.padEnd(11)} ${pool.length} pushes answered and accepted by checkReply; a wrong ${param} → 401`,
  );
}

async function verifyBare(server: BenchServer, pool: PoolEntry[]): Promise<void> {
  const { status, body } = await post(server.url, pool[0]!);
  if (status !== 200 || body !== 'success') throw new Error(`bare server answered ${status} ${body}`);
  console.log(`  ${server.name.padEnd(11)} answers 200 success`);
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring.

interface Round extends LoadResult {
  /** Server CPU during the round, as a share of its core. */
  serverCpu: number;
  /** Server CPU time per completed request, in µs: robust to other load on the machine, unlike req/s. */
  cpuUsPerReq: number;
  /** CPU other processes took from the two benchmark cores during the round, in cores (noise: should be ~0). */
  otherCpu: number | undefined;
  handlerRuns: number;
  dedupCalls: number;
}

async function measure(load: ChildProcess, server: BenchServer, durationSec: number): Promise<Round> {
  const before = await serverStats(server);
  const coresBefore = coreTimes();
  const started = performance.now();
  const result = nextMessage<LoadResult>(load, 'result', (durationSec + 30) * 1000);
  command(load, {
    type: 'run',
    name: server.pool,
    url: `${server.url}/wx`,
    connections: CONNECTIONS,
    durationSec,
  });
  const measured = await result;
  const wallMs = performance.now() - started;
  const coresAfter = coreTimes();
  const after = await serverStats(server);
  const serverCpu = (after.cpuMs - before.cpuMs) / wallMs;
  let otherCpu: number | undefined;
  if (PINNED && coresBefore && coresAfter) {
    const busy = (core: number) => {
      const a = coresAfter[core]!;
      const b = coresBefore[core]!;
      return (a.busy - b.busy) / Math.max(1, a.total - b.total);
    };
    // Whatever kept the two cores busy besides the server and autocannon (the runner itself is idle meanwhile).
    otherCpu = Math.max(0, busy(0) - serverCpu) + Math.max(0, busy(1) - measured.cpuShare);
  }
  return {
    ...measured,
    serverCpu,
    cpuUsPerReq: ((after.cpuMs - before.cpuMs) * 1000) / Math.max(1, measured.completed),
    otherCpu,
    handlerRuns: after.handlerRuns - before.handlerRuns,
    dedupCalls: after.dedupCalls - before.dedupCalls,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (n: number) => `${Math.round(n * 100)}%`;
const fixed = (n: number, digits = 2) => n.toFixed(digits);

function describeRound(name: string, r: Round, label: string): string {
  const runs = name === 'bare' ? '' : `  bot ran ${int(r.handlerRuns)}× (dedup calls ${int(r.dedupCalls)})`;
  return (
    `  ${label} ${name.padEnd(11)} ${int(r.reqPerSec).padStart(7)} req/s  p50 ${fixed(r.p50Ms)} ms  p99 ${fixed(r.p99Ms)} ms` +
    `  err/non-2xx ${r.errors + r.timeouts}/${r.non2xx}  CPU server ${pct(r.serverCpu)} (${fixed(r.cpuUsPerReq, 1)} µs/req) loadgen ${pct(r.cpuShare)}` +
    `${r.otherCpu === undefined ? '' : ` others ${pct(r.otherCpu)}`}${runs}`
  );
}

/** A round is sound when nothing failed and (wxmp) every completed response ran the bot, none came from a cache. */
function roundProblems(name: string, r: Round): string[] {
  const problems: string[] = [];
  if (r.errors + r.timeouts + r.non2xx > 0)
    problems.push(`${name}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx`);
  if (name !== 'bare') {
    if (r.dedupCalls !== r.handlerRuns)
      problems.push(`${name}: ${r.dedupCalls - r.handlerRuns} answers came from the dedup cache`);
    // Responses still in flight when autocannon stops are handled but not counted: at most one per connection.
    if (r.handlerRuns < r.completed || r.handlerRuns > r.completed + CONNECTIONS) {
      problems.push(`${name}: the bot ran ${r.handlerRuns} times for ${r.completed} responses`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------

async function runTokenBench(): Promise<string | undefined> {
  const script = join(ROOT, 'bench', 'token.ts');
  if (opts['skip-token'] || !existsSync(script)) return undefined;
  console.log('\n── bench/token.ts ──');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    process.stdout.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  // The whole bench should stay under ~3 minutes.
  const timer = setTimeout(() => {
    output += '\n(bench/token.ts killed after 90 s)\n';
    child.kill('SIGKILL');
  }, 90_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(timer);
  children.delete(child);
  if (code !== 0) output += `\n(bench/token.ts exited with code ${code})\n`;
  return output;
}

async function main(): Promise<void> {
  const started = performance.now();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`wxmp bench — Node ${process.version}, ${cpu}, ${availableParallelism()} cores`);
  console.log(
    PINNED
      ? 'servers pinned to core 0, autocannon to core 1 (taskset)'
      : 'WARNING: taskset or a second core is missing: servers and autocannon share the CPU, numbers are not comparable',
  );
  console.log(
    `${CONNECTIONS} connections, warm-up ${WARMUP_SEC} s, ${ROUNDS} × ${DURATION_SEC} s per server (median reported), ` +
      `pool of ${POOL_SIZE} distinct pushes per mode, wxmp loaded from ${FROM}/`,
  );

  const pools = { plain: buildPool('plain'), safe: buildPool('safe') };
  const profileDir = opts['cpu-prof'] ? mkdtempSync(join(tmpdir(), 'wxmp-bench-prof-')) : undefined;
  const profFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];

  const servers = [
    await startServer('bare', 'bare', [], 'plain', profFlags),
    await startServer('hand plain', 'hand', ['plain'], 'plain', profFlags),
    await startServer('wxmp plain', 'webhook', ['plain', FROM], 'plain', profFlags),
    await startServer('hand safe', 'hand', ['safe'], 'safe', profFlags),
    await startServer('wxmp safe', 'webhook', ['safe', FROM], 'safe', profFlags),
  ];
  const load = spawnNode(join(CHILD_DIR, `load.${CHILD_EXT}`), [], 1);

  console.log('\nchecking the servers before measuring:');
  await verifyBare(servers[0]!, pools.plain);
  for (const server of servers.slice(1)) await verifyWebhook(server, pools[server.pool]);

  for (const mode of ['plain', 'safe'] as const) {
    command(load, {
      type: 'pool',
      name: mode,
      requests: pools[mode].map(({ path, body }) => ({ path: path, body })),
    });
  }

  console.log(`\nwarm-up (${WARMUP_SEC} s each, not counted):`);
  for (const server of servers)
    console.log(describeRound(server.name, await measure(load, server, WARMUP_SEC), 'warm-up'));

  const rounds = new Map<string, Round[]>(servers.map((s) => [s.name, []]));
  const problems: string[] = [];
  console.log(`\nrounds (${DURATION_SEC} s each, interleaved):`);
  for (let i = 1; i <= ROUNDS; i++) {
    for (const server of servers) {
      const round = await measure(load, server, DURATION_SEC);
      rounds.get(server.name)!.push(round);
      problems.push(...roundProblems(server.name, round));
      console.log(describeRound(server.name, round, `${i}/${ROUNDS}`));
    }
  }

  // Peak RSS over the whole life of each server (start, checks, warm-up, rounds).
  const peaks = new Map<string, number>();
  for (const server of servers) {
    const stats = await serverStats(server);
    peaks.set(server.name, procPeakRssMB(server.child.pid) ?? stats.maxRssMB);
  }
  await Promise.all([...servers.map((s) => stop(s.child)), stop(load)]);
  const benchSec = (performance.now() - started) / 1000;

  const tokenOutput = await runTokenBench();

  // ---- Summary ----
  const summary = servers.map((server) => {
    const rs = rounds.get(server.name)!;
    return {
      name: server.name,
      reqPerSec: median(rs.map((r) => r.reqPerSec)),
      p50: median(rs.map((r) => r.p50Ms)),
      p99: median(rs.map((r) => r.p99Ms)),
      rss: peaks.get(server.name)!,
      errors: rs.reduce((n, r) => n + r.errors + r.timeouts, 0),
      non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
      serverCpu: median(rs.map((r) => r.serverCpu)),
      cpuUsPerReq: median(rs.map((r) => r.cpuUsPerReq)),
      loadCpu: median(rs.map((r) => r.cpuShare)),
      otherCpu: median(rs.map((r) => r.otherCpu ?? 0)),
    };
  });
  const row = (name: string) => summary.find((s) => s.name === name)!;
  const [bare, plain, safe] = [row('bare'), row('wxmp plain'), row('wxmp safe')];
  const [handPlain, handSafe] = [row('hand plain'), row('hand safe')];

  console.log(
    `\n── summary (median of ${ROUNDS} rounds; node:http, ${CONNECTIONS} connections, loopback) ──`,
  );
  console.log(
    'server          req/s   × bare   p50 ms   p99 ms   peak RSS MB   errors/non-2xx   server CPU   CPU µs/req   loadgen CPU',
  );
  for (const s of summary) {
    console.log(
      `${s.name.padEnd(11)} ${int(s.reqPerSec).padStart(9)}   ${fixed(s.reqPerSec / bare.reqPerSec).padStart(6)}   ` +
        `${fixed(s.p50).padStart(6)}   ${fixed(s.p99).padStart(6)}   ${fixed(s.rss, 1).padStart(11)}   ` +
        `${`${s.errors}/${s.non2xx}`.padStart(14)}   ${pct(s.serverCpu).padStart(10)}   ${fixed(s.cpuUsPerReq, 1).padStart(10)}   ` +
        `${pct(s.loadCpu).padStart(11)}`,
    );
  }

  const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const plainRatio = plain.reqPerSec / bare.reqPerSec;
  const safeRatio = safe.reqPerSec / bare.reqPerSec;
  console.log('\ntargets:');
  console.log(
    `  wxmp plain ≥ ${TARGETS.plainRatio}× bare req/s    ${fixed(plainRatio)}×              ${mark(plainRatio >= TARGETS.plainRatio)}`,
  );
  console.log(
    `  wxmp safe  ≥ ${TARGETS.safeRatio}× bare req/s    ${fixed(safeRatio)}×              ${mark(safeRatio >= TARGETS.safeRatio)}`,
  );
  console.log(
    `  p99 ≤ ${TARGETS.p99Ms} ms                  plain ${fixed(plain.p99)} / safe ${fixed(safe.p99)} ms   ` +
      mark(Math.max(plain.p99, safe.p99) <= TARGETS.p99Ms),
  );
  console.log(
    `  peak RSS ≤ ${TARGETS.rssMB} MB             plain ${fixed(plain.rss, 1)} / safe ${fixed(safe.rss, 1)} MB   ` +
      mark(Math.max(plain.rss, safe.rss) <= TARGETS.rssMB),
  );
  if (bare.loadCpu >= 0.85) {
    console.log(
      `\nnote: autocannon used ${pct(bare.loadCpu)} of its core against the bare server, so the bare number is partly the ` +
        'load generator’s limit: bare req/s is a lower bound and the ratios are upper bounds.',
    );
  }
  // The hand-written echo bot is the floor on this machine: how far wxmp is from it says more than × bare alone.
  console.log(
    `\nwxmp against the hand-written echo bot (bench/servers/hand.ts) in the same run: ` +
      `plain ${pct(plain.reqPerSec / handPlain.reqPerSec)} of its req/s (it reaches ${fixed(handPlain.reqPerSec / bare.reqPerSec)}× bare), ` +
      `safe ${pct(safe.reqPerSec / handSafe.reqPerSec)} (it reaches ${fixed(handSafe.reqPerSec / bare.reqPerSec)}× bare)`,
  );
  // Server CPU per request does not depend on what else runs: its ratio is the capacity ratio on a quiet machine.
  console.log(
    `\nserver CPU per request relative to bare (capacity if each server had its core to itself): ` +
      `plain ${fixed(bare.cpuUsPerReq / plain.cpuUsPerReq)}×, safe ${fixed(bare.cpuUsPerReq / safe.cpuUsPerReq)}×`,
  );
  const noisiest = Math.max(...summary.map((s) => s.otherCpu));
  if (noisiest > 0.1) {
    console.log(
      `\nnote: other processes took up to ${pct(noisiest)} of a core from the benchmark cores during the rounds ` +
        '(median per server): the numbers are noisy; run again on a quiet machine.',
    );
  }
  if (problems.length > 0) {
    console.log(`\nPROBLEMS (${problems.length}):`);
    for (const p of problems) console.log(`  ${p}`);
  }
  if (profileDir)
    console.log(`\nCPU profiles of the servers (bare, plain, safe in PID order): ${profileDir}`);
  if (tokenOutput !== undefined) {
    const lines = tokenOutput.trim().split('\n');
    console.log(`\nbench/token.ts:\n${lines.map((line) => `  ${line}`).join('\n')}`);
  } else if (!opts['skip-token']) console.log('\n(bench/token.ts does not exist yet: skipped)');
  console.log(`\nwebhook bench took ${fixed(benchSec, 0)} s`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
