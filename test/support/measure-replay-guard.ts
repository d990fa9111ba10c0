/**
 * The replay guard's cost, in process: ns per push (a new signature each time, as under traffic where every push is
 * new, so the table fills and wraps), and the memory the table takes (fixed, allocated up front) per entry.
 * Run: `npx tsx test/support/measure-replay-guard.ts`. Not a test: timings belong nowhere in `npm test`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ReplayGuard } from '../../src/webhook/replay-guard.js';
import { buildPush, inbound } from '../../src/push/index.js';

const N = 1_000_000;
const push = buildPush(
  inbound.text({ from: 'oFanOpenid0000000000000000', to: 'gh_account' }, '你好, hello'),
  {
    token: 'AAAAA',
    mode: 'plain',
  },
);
const body = Buffer.from(push.body);
const signatures = Array.from({ length: N }, () => randomBytes(20).toString('hex'));

const heapBefore = process.memoryUsage();
const guard = new ReplayGuard();
const heapAfter = process.memoryUsage();
const tableBytes = heapAfter.arrayBuffers - heapBefore.arrayBuffers;

/** The body's SHA-1 alone (the largest part of the cost), for comparison. */
function hashOnly(): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < N; i++) createHash('sha1').update(body).digest('binary');
  return Number(process.hrtime.bigint() - started) / N;
}

function round(): number {
  const nowSec = Math.floor(Date.now() / 1000);
  const started = process.hrtime.bigint();
  for (let i = 0; i < N; i++) guard.admit(signatures[i]!, body, nowSec + 300 + i, nowSec);
  return Number(process.hrtime.bigint() - started) / N;
}
round(); // warm-up
const ns = [round(), round(), round()].sort((a, b) => a - b);
console.log(
  JSON.stringify({
    bodyBytes: body.length,
    nsPerPush: { min: Math.round(ns[0]!), median: Math.round(ns[1]!) },
    nsCreateHashSha1OfBody: Math.round(hashOnly()),
    entries: guard.size,
    tableBytes,
    bytesPerEntry: tableBytes / guard.size,
    overwrittenLiveEntries: guard.overwritten,
    heapUsedDeltaBytes: process.memoryUsage().heapUsed - heapAfter.heapUsed,
  }),
);
