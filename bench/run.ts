/**
 * `npm run bench`: `wxmp serve --example echo` as users run it (default options; a second row with `REDIS_URL`, so
 * retry dedup goes through Redis), against the same echo bot written by hand (servers/hand.ts) and a bare node:http
 * server answering a constant (servers/bare.ts), in plain and safe mode, in one run.
 *
 * Traffic never repeats a push, as WeChat's never does except to retry: wrk (bench/wrk/push.lua) signs each plain
 * push itself with a fresh MsgId, timestamp and nonce; safe-mode rounds send an encrypted pool written just before
 * the round, larger than the round can send (a pool that runs out is reported, never replayed). Every server is a
 * process pinned to core 0, wrk (1 thread, 50 connections) to core 1 (`taskset`). Before measuring, pushes are sent
 * to each server and their answers checked with `checkReply`, as WeChat checks them; then a warm-up per server, and
 * rounds interleaved across the servers (so drift hits all alike); the median round is reported, with peak RSS
 * (VmHWM) over each server's life and what `wxmp serve` logged during the rounds (it should log nothing per push).
 *
 * Needs `wrk` (Debian/Ubuntu: `sudo apt-get install wrk`; macOS: `brew install wrk`) and Linux (`/proc`).
 * Options: --rounds 3 --duration 5 --warmup 3 --connections 50 --skip-token (do not run bench/token.ts)
 * --skip-redis (no REDIS_URL row). REDIS_URL (default redis://127.0.0.1:6379) is the Redis of the REDIS_URL row.
 * @module
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClient } from 'redis';
import ts from 'typescript';
import { checkReply, pushCrypto } from '../src/push/index.js';
import type { ReadyMessage, ServerCommand } from './ipc.js';
import { BENCH_ACCOUNT, benchKeys, buildPool, msgIdPrefixes, writePool, type BenchMode } from './pool.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: opts } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    'skip-token': { type: 'boolean', default: false },
    'skip-redis': { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(opts.rounds);
const DURATION_SEC = Number(opts.duration);
const WARMUP_SEC = Number(opts.warmup);
const CONNECTIONS = Number(opts.connections);
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const WRK_SCRIPT = join(ROOT, 'bench', 'wrk', 'push.lua');
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** Issue 10's targets. */
const TARGETS = { plainRatio: 0.6, safeRatio: 0.3, redisRatio: 0.35, rssMB: 120, p99OfHand: 1.5 };

// ---------------------------------------------------------------------------------------------------------------
// Child processes: tracked, so that they all go away with the runner, however it ends.

const children = new Set<ChildProcess>();
const scratch = mkdtempSync(join(tmpdir(), 'wxmp-bench-'));
process.on('exit', () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the bench servers and wrk`);
    process.exit(130);
  });
}

/** `taskset` pins to a core when it exists and there are two cores; otherwise the bench runs unpinned. */
const PINNED = availableParallelism() >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;

function pinned(core: 0 | 1, command: string, args: string[]): [string, string[]] {
  return PINNED ? ['taskset', ['-c', String(core), command, ...args]] : [command, args];
}

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Waits for a `ready` message from an IPC child (fails if it exits first or takes too long). */
function ready(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('a bench server did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`a bench server exited (code ${code}) before listening`)));
    child.on('message', (message: ReadyMessage) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      resolve(message.port);
    });
  });
}

/**
 * Transpiles the hand-written and bare servers to plain JS in node_modules/.cache (rewritten each run), so they run
 * on bare node like `wxmp serve` does: under tsx, its loader thread alone adds ~33 MB to every process's RSS.
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
  return join(dir, 'bench');
}

// ---------------------------------------------------------------------------------------------------------------
// /proc: CPU and peak memory of a process, busy time of each core.

/** User + system CPU of `pid` so far, in ms. */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at ")"; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** VmHWM (peak RSS) of `pid`, in MB. */
function peakRssMB(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** Busy and total jiffies of each core, from /proc/stat. */
function coreTimes(): { busy: number; total: number }[] {
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
}

// ---------------------------------------------------------------------------------------------------------------
// Servers.

interface BenchServer {
  name: string;
  /** What it is fed: plain pushes signed by wrk, or an encrypted pool. */
  mode: BenchMode;
  /** `wxmp serve` (checked and reported against the targets), hand-written, or bare. */
  kind: 'wxmp' | 'hand' | 'bare';
  child: ChildProcess;
  pid: number;
  url: string;
  /** Lines `wxmp serve` wrote to stdout/stderr so far. */
  logLines: () => number;
  stop: () => Promise<void>;
}

const CHILD_DIR = transpileChildren();

async function startChildServer(name: string, file: 'bare' | 'hand', mode: BenchMode): Promise<BenchServer> {
  const [command, args] = pinned(0, process.execPath, [join(CHILD_DIR, 'servers', `${file}.js`), mode]);
  // taskset execs node in place, so the IPC channel and the PID (for /proc) are node's.
  const child = track(spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const port = await ready(child);
  return {
    name,
    mode,
    kind: file,
    child,
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    logLines: () => 0,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'exit' } satisfies ServerCommand);
      await exited;
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `wxmp serve --example echo` from dist/, configured through the environment only, as a user runs it. */
async function startServe(name: string, mode: BenchMode, redis: boolean): Promise<BenchServer> {
  const port = await freePort();
  // Nothing of the runner's environment that wxmp reads (WECHAT_*, REDIS_URL, LOG_LEVEL, PORT) leaks in.
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined && !/^(WECHAT_|REDIS_URL$|LOG_LEVEL$|PORT$)/.test(key)) env[key] = value;
  env['WECHAT_TOKEN'] = BENCH_ACCOUNT.token;
  if (mode === 'safe') {
    env['WECHAT_APPID'] = BENCH_ACCOUNT.appId;
    env['WECHAT_ENCODING_AES_KEY'] = BENCH_ACCOUNT.encodingAESKey;
  }
  if (redis) env['REDIS_URL'] = REDIS_URL;
  const bin = join(ROOT, 'bin', 'wxmp.js');
  const [command, args] = pinned(0, process.execPath, [
    bin,
    'serve',
    '--example',
    'echo',
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
  ]);
  // cwd: an empty directory, so no .env of the repository is read.
  const child = track(spawn(command, args, { cwd: scratch, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  let lines = 0;
  let output = '';
  const count = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (output.length < 4000) output += text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  };
  child.stdout!.on('data', count);
  child.stderr!.on('data', count);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (code ${child.exitCode}):\n${output}`);
    const res = await fetch(`${url}/wx`).catch(() => undefined);
    if (res) {
      await res.arrayBuffer();
      break;
    }
    if (Date.now() > deadline) throw new Error(`${name} did not listen within 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    name,
    mode,
    kind: 'wxmp',
    child,
    pid: child.pid!,
    url,
    logLines: () => lines,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Checks before measuring: a benchmark of a broken server is worthless.

const prefixes = msgIdPrefixes();

async function post(url: string, path: string, body: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${url}${path}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
  return { status: res.status, body: await res.text() };
}

/** Sends 200 new pushes, 16 at a time, checks each answer as WeChat would, and that a wrong signature is refused. */
async function verify(server: BenchServer): Promise<void> {
  if (server.kind === 'bare') {
    const { status, body } = await post(server.url, '/wx', '<xml/>');
    if (status !== 200 || body !== 'success') throw new Error(`bare server answered ${status} ${body}`);
    console.log(`  ${server.name.padEnd(18)} answers 200 success`);
    return;
  }
  const pool = buildPool(server.mode, 200, prefixes.next());
  const keys = benchKeys(server.mode);
  const crypto = pushCrypto(keys);
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < pool.length; i = next++) {
      const entry = pool[i]!;
      const { status, body } = await post(server.url, entry.path, entry.body);
      const verdict = checkReply(status, body, {
        keys,
        crypto,
        fan: entry.fan,
        account: BENCH_ACCOUNT.id,
        answersUserMessage: true,
      });
      if (!verdict.ok) failures.push(`push ${i}: ${verdict.reason}`);
      else if (verdict.reply.type !== 'text' || verdict.reply.content !== entry.content)
        failures.push(
          `push ${i}: expected the echo of "${entry.content}", got ${JSON.stringify(verdict.reply)}`,
        );
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  if (failures.length > 0)
    throw new Error(`${server.name}: ${failures.length} answers failed checkReply, e.g. ${failures[0]}`);
  // A push with a wrong signature must be refused: proof that requests are really verified.
  const [fresh] = buildPool(server.mode, 1, prefixes.next());
  const param = server.mode === 'safe' ? 'msg_signature' : 'signature';
  const tampered = fresh!.path.replace(new RegExp(`([?&]${param}=)[0-9a-f]{8}`), '$100000000');
  const refused = await post(server.url, tampered, fresh!.body);
  if (refused.status !== 401)
    throw new Error(`${server.name}: a push with a wrong ${param} got HTTP ${refused.status}, not 401`);
  console.log(
    `  ${server.name.padEnd(18)} ${pool.length} new pushes answered and accepted by checkReply; a wrong ${param} → 401`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring.

interface WrkOutput {
  requests: number;
  durationUs: number;
  p50Us: number;
  p99Us: number;
  connectErrors: number;
  readErrors: number;
  writeErrors: number;
  timeouts: number;
  non2xx: number;
  exhausted: number;
  /** wrk's own CPU, as a share of its core. */
  cpuShare: number;
}

interface Round {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  exhausted: number;
  /** Server CPU during the round, as a share of its core. */
  serverCpu: number;
  /** Server CPU time per completed request, in µs: robust to other load on the machine, unlike req/s. */
  cpuUsPerReq: number;
  /** wrk's own CPU, as a share of its core (near 1: the numbers are wrk's limit). */
  wrkCpu: number;
  /** How busy wrk's core was (wrk, plus whatever else ran there). */
  loadCore: number;
  /** CPU other processes took from the server's core during the round (noise: should be ~0). */
  otherCpu: number;
  /** Lines the server logged during the round. */
  logLines: number;
}

/** Highest rate any server reached so far, to size the next safe pool. */
let bestRate = 0;

/**
 * A new encrypted pool for one round, larger than any server can send in it: 1.5× the best rate seen so far (20,000/s
 * before any), plus a margin. Both safe-mode servers send it once in the round (each push reaches each server once).
 */
async function newSafePool(durationSec: number): Promise<string> {
  const size = Math.ceil(Math.max(bestRate, 20_000) * 1.5 * durationSec) + 5000;
  const file = join(scratch, `pool-${prefixes.next()}.txt`);
  const started = performance.now();
  await writePool(file, 'safe', size, prefixes.next());
  console.log(
    `  (encrypted pool of ${int(size)} pushes written in ${fixed((performance.now() - started) / 1000, 1)} s)`,
  );
  return file;
}

async function runWrk(server: BenchServer, durationSec: number, safePool: string): Promise<WrkOutput> {
  const scriptArgs =
    server.mode === 'plain' ? ['plain', BENCH_ACCOUNT.token, prefixes.next()] : ['pool', safePool];
  const [command, args] = pinned(1, 'wrk', [
    '-t1',
    `-c${CONNECTIONS}`,
    `-d${durationSec}s`,
    '--timeout',
    '10s',
    '-s',
    WRK_SCRIPT,
    `${server.url}/wx`,
    '--',
    ...scriptArgs,
  ]);
  const wrk = track(spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  // wrk's own CPU share, sampled from /proc while it runs (its last sample, ≤ 200 ms before it ends).
  const startedAt = performance.now();
  let cpuShare = 0;
  const sampler = setInterval(() => {
    try {
      cpuShare = cpuMsOf(wrk.pid!) / (performance.now() - startedAt);
    } catch {
      // It just ended.
    }
  }, 200);
  let stdout = '';
  let stderr = '';
  wrk.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  wrk.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => wrk.on('exit', resolve));
  clearInterval(sampler);
  const line = stdout.split('\n').find((l) => l.startsWith('{"requests"'));
  if (code !== 0 || !line) throw new Error(`wrk failed (exit ${code}):\n${stdout}\n${stderr}`);
  return { ...(JSON.parse(line) as Omit<WrkOutput, 'cpuShare'>), cpuShare };
}

async function measure(server: BenchServer, durationSec: number, safePool: string): Promise<Round> {
  const cpuBefore = cpuMsOf(server.pid);
  const logsBefore = server.logLines();
  const coresBefore = coreTimes();
  const out = await runWrk(server, durationSec, safePool);
  const coresAfter = coreTimes();
  const cpuMs = cpuMsOf(server.pid) - cpuBefore;
  const wallMs = out.durationUs / 1000;
  const busy = (core: number) => {
    const a = coresAfter[core]!;
    const b = coresBefore[core]!;
    return (a.busy - b.busy) / Math.max(1, a.total - b.total);
  };
  const serverCpu = cpuMs / wallMs;
  const reqPerSec = out.requests / (out.durationUs / 1e6);
  bestRate = Math.max(bestRate, reqPerSec);
  return {
    reqPerSec,
    p50Ms: out.p50Us / 1000,
    p99Ms: out.p99Us / 1000,
    errors: out.connectErrors + out.readErrors + out.writeErrors + out.timeouts,
    non2xx: out.non2xx,
    exhausted: out.exhausted,
    serverCpu,
    cpuUsPerReq: (cpuMs * 1000) / Math.max(1, out.requests),
    wrkCpu: out.cpuShare,
    loadCore: PINNED ? busy(1) : Number.NaN,
    otherCpu: PINNED ? Math.max(0, busy(0) - serverCpu) : 0,
    logLines: server.logLines() - logsBefore,
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
  return (
    `  ${label} ${name.padEnd(18)} ${int(r.reqPerSec).padStart(7)} req/s  p50 ${fixed(r.p50Ms)} ms  p99 ${fixed(r.p99Ms)} ms` +
    `  err/non-2xx ${r.errors}/${r.non2xx}  CPU server ${pct(r.serverCpu)} (${fixed(r.cpuUsPerReq, 1)} µs/req)` +
    `  wrk ${pct(r.wrkCpu)} (core 1 busy ${pct(r.loadCore)})  others on core 0 ${pct(r.otherCpu)}` +
    (r.logLines > 0 ? `  LOGGED ${r.logLines} lines` : '')
  );
}

function roundProblems(name: string, r: Round): string[] {
  const problems: string[] = [];
  if (r.errors + r.non2xx > 0)
    problems.push(`${name}: ${r.errors} socket errors/timeouts, ${r.non2xx} non-2xx`);
  if (r.exhausted > 0) problems.push(`${name}: the push pool ran out (${r.exhausted} requests past its end)`);
  if (r.logLines > 0)
    problems.push(`${name}: logged ${r.logLines} lines during a round (nothing per push expected)`);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------

async function redisReachable(): Promise<boolean> {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    await client.quit();
    return true;
  } catch {
    return false;
  }
}

async function runTokenBench(): Promise<string | undefined> {
  const script = join(ROOT, 'bench', 'token.ts');
  if (opts['skip-token'] || !existsSync(script)) return undefined;
  console.log('\n── bench/token.ts ──');
  const child = track(
    spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    process.stdout.write(chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const timer = setTimeout(() => {
    output += '\n(bench/token.ts killed after 90 s)\n';
    child.kill('SIGKILL');
  }, 90_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(timer);
  if (code !== 0) output += `\n(bench/token.ts exited with code ${code})\n`;
  return output;
}

function requireWrk(): void {
  const probe = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  if (probe.error) {
    console.error(
      'bench: `wrk` is not installed. It is the load generator of this bench (it signs each push in Lua).\n' +
        '  Debian/Ubuntu: sudo apt-get install wrk\n  macOS: brew install wrk\n' +
        '  Other systems: build it from https://github.com/wg/wrk (make; needs LuaJIT, bundled).',
    );
    process.exit(1);
  }
  if (!existsSync('/proc/self/stat')) {
    console.error('bench: needs Linux /proc (CPU and peak RSS of the servers are read there)');
    process.exit(1);
  }
}

async function main(): Promise<void> {
  requireWrk();
  const started = performance.now();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const wrkVersion = spawnSync('wrk', ['-v'], { encoding: 'utf8' }).stdout.split('\n')[0]?.split(' [')[0];
  console.log(`wxmp bench — Node ${process.version}, ${cpu}, ${availableParallelism()} cores, ${wrkVersion}`);
  console.log(
    PINNED
      ? 'servers pinned to core 0, wrk to core 1 (taskset)'
      : 'WARNING: taskset or a second core is missing: servers and wrk share the CPU, numbers are not comparable',
  );
  console.log(
    `${CONNECTIONS} connections, warm-up ${WARMUP_SEC} s, ${ROUNDS} × ${DURATION_SEC} s per server (median reported); ` +
      'every push new (plain: signed by wrk per request; safe: an encrypted pool per round, larger than it sends)',
  );
  const withRedis = !opts['skip-redis'] && (await redisReachable());
  if (!opts['skip-redis'] && !withRedis)
    console.log(
      `NOTE: ${REDIS_URL} did not answer: the REDIS_URL row is skipped (start Redis, or set REDIS_URL)`,
    );

  const servers: BenchServer[] = [];
  servers.push(await startChildServer('bare', 'bare', 'plain'));
  servers.push(await startChildServer('hand plain', 'hand', 'plain'));
  servers.push(await startServe('wxmp serve plain', 'plain', false));
  if (withRedis) servers.push(await startServe('wxmp serve +redis', 'plain', true));
  servers.push(await startChildServer('hand safe', 'hand', 'safe'));
  servers.push(await startServe('wxmp serve safe', 'safe', false));

  console.log('\nchecking the servers before measuring:');
  for (const server of servers) await verify(server);

  const problems: string[] = [];
  console.log(`\nwarm-up (${WARMUP_SEC} s each, not counted):`);
  let pool = await newSafePool(WARMUP_SEC);
  for (const server of servers) {
    const round = await measure(server, WARMUP_SEC, pool);
    console.log(describeRound(server.name, round, 'warm-up'));
  }
  const rounds = new Map<string, Round[]>(servers.map((s) => [s.name, []]));
  console.log(`\nrounds (${DURATION_SEC} s each, interleaved):`);
  for (let i = 1; i <= ROUNDS; i++) {
    rmSync(pool, { force: true });
    pool = await newSafePool(DURATION_SEC);
    for (const server of servers) {
      const round = await measure(server, DURATION_SEC, pool);
      rounds.get(server.name)!.push(round);
      problems.push(...roundProblems(server.name, round));
      console.log(describeRound(server.name, round, `${i}/${ROUNDS}`));
    }
  }

  // Peak RSS over the whole life of each server (start, checks, warm-up, rounds).
  const peaks = new Map(servers.map((s) => [s.name, peakRssMB(s.pid)]));
  await Promise.all(servers.map((s) => s.stop()));
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
      errors: rs.reduce((n, r) => n + r.errors, 0),
      non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
      serverCpu: median(rs.map((r) => r.serverCpu)),
      cpuUsPerReq: median(rs.map((r) => r.cpuUsPerReq)),
      loadCore: median(rs.map((r) => r.loadCore)),
      wrkCpu: median(rs.map((r) => r.wrkCpu)),
      otherCpu: median(rs.map((r) => r.otherCpu)),
    };
  });
  const row = (name: string) => summary.find((s) => s.name === name);
  const bare = row('bare')!;
  const [plain, safe, redis] = [row('wxmp serve plain')!, row('wxmp serve safe')!, row('wxmp serve +redis')];
  const [handPlain, handSafe] = [row('hand plain')!, row('hand safe')!];

  console.log(
    `\n── summary (median of ${ROUNDS} rounds; ${CONNECTIONS} connections, loopback, server on 1 core) ──`,
  );
  console.log(
    'server                 req/s   × bare   p50 ms   p99 ms   peak RSS MB   err/non-2xx   server CPU   CPU µs/req   wrk CPU',
  );
  for (const s of summary) {
    console.log(
      `${s.name.padEnd(18)} ${int(s.reqPerSec).padStart(9)}   ${fixed(s.reqPerSec / bare.reqPerSec).padStart(6)}   ` +
        `${fixed(s.p50).padStart(6)}   ${fixed(s.p99).padStart(6)}   ${fixed(s.rss, 1).padStart(11)}   ` +
        `${`${s.errors}/${s.non2xx}`.padStart(11)}   ${pct(s.serverCpu).padStart(10)}   ${fixed(s.cpuUsPerReq, 1).padStart(10)}   ` +
        `${pct(s.wrkCpu).padStart(8)}`,
    );
  }

  const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const ratio = (s: { reqPerSec: number }) => s.reqPerSec / bare.reqPerSec;
  // The RSS target is for the defaults; the REDIS_URL row's RSS is shown for information.
  const maxRss = Math.max(plain.rss, safe.rss);
  console.log('\ntargets (issue 10):');
  console.log(
    `  serve plain ≥ ${TARGETS.plainRatio}× bare               ${fixed(ratio(plain))}×   ${mark(ratio(plain) >= TARGETS.plainRatio)}`,
  );
  console.log(
    `  serve safe  ≥ ${TARGETS.safeRatio}× bare               ${fixed(ratio(safe))}×   ${mark(ratio(safe) >= TARGETS.safeRatio)}`,
  );
  if (redis)
    console.log(
      `  serve +redis ≥ ${TARGETS.redisRatio}× bare             ${fixed(ratio(redis))}×   ${mark(ratio(redis) >= TARGETS.redisRatio)}`,
    );
  else console.log('  serve +redis ≥ 0.35× bare             (not measured: no Redis)');
  console.log(
    `  peak RSS ≤ ${TARGETS.rssMB} MB                   plain ${fixed(plain.rss, 1)} / safe ${fixed(safe.rss, 1)}` +
      ` MB   ${mark(maxRss <= TARGETS.rssMB)}${redis ? `   (+redis ${fixed(redis.rss, 1)} MB)` : ''}`,
  );
  const p99Plain = plain.p99 / handPlain.p99;
  const p99Safe = safe.p99 / handSafe.p99;
  console.log(
    `  p99 ≤ ${TARGETS.p99OfHand}× the hand-written p99       plain ${fixed(plain.p99)} / ${fixed(handPlain.p99)} ms = ` +
      `${fixed(p99Plain)}×, safe ${fixed(safe.p99)} / ${fixed(handSafe.p99)} ms = ${fixed(p99Safe)}×   ` +
      mark(Math.max(p99Plain, p99Safe) <= TARGETS.p99OfHand),
  );
  console.log(
    `\nagainst the hand-written echo bot in the same run: serve plain ${pct(plain.reqPerSec / handPlain.reqPerSec)} of its ` +
      `req/s (it reaches ${fixed(ratio(handPlain))}× bare), serve safe ${pct(safe.reqPerSec / handSafe.reqPerSec)} ` +
      `(it reaches ${fixed(ratio(handSafe))}× bare)`,
  );
  // Server CPU per request does not depend on what else runs: its ratio is the capacity ratio on a quiet machine.
  console.log(
    `server CPU per request relative to bare (capacity if each server had its core to itself): ` +
      `plain ${fixed(bare.cpuUsPerReq / plain.cpuUsPerReq)}×, safe ${fixed(bare.cpuUsPerReq / safe.cpuUsPerReq)}×` +
      (redis ? `, +redis ${fixed(bare.cpuUsPerReq / redis.cpuUsPerReq)}× (Redis itself not counted)` : ''),
  );
  if (bare.wrkCpu >= 0.9)
    console.log(
      `note: wrk used ${pct(bare.wrkCpu)} of its core against the bare server, so bare req/s is partly wrk's limit: ` +
        'the ratios are upper bounds.',
    );
  const noisiest = Math.max(...summary.map((s) => Math.max(s.otherCpu, s.loadCore - s.wrkCpu)));
  if (noisiest > 0.1)
    console.log(
      `note: other processes took up to ${pct(noisiest)} of a benchmark core during the rounds (median per server): ` +
        'the numbers are noisy; run again on a quiet machine.',
    );
  if (problems.length > 0) {
    console.log(`\nPROBLEMS (${problems.length}):`);
    for (const p of problems) console.log(`  ${p}`);
  }
  if (tokenOutput !== undefined) {
    const lines = tokenOutput.trim().split('\n');
    console.log(`\nbench/token.ts:\n${lines.map((line) => `  ${line}`).join('\n')}`);
  }
  console.log(`\nwebhook bench took ${fixed(benchSec, 0)} s`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
