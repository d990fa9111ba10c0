/**
 * The cluster proof: 3 `wxmp serve` instances behind Debian's nginx with the real Redis; the emulator pushes
 * messages with WeChat's retry timing (5 s cut, 3 attempts), a fifth of them slow (past the 5 s); one instance is
 * killed with SIGKILL mid-run and started again. Every message must be answered exactly once to its fan, the handler
 * must run once for every message not in flight at the kill (at most twice for those that were), and no log may hold
 * a secret. `npm test` runs 500 messages; `npm run test:stress` (WXMP_STRESS=1) runs 10,000.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../../support/cluster/cluster.js';
import { drive, leakedSecrets, settle, tally, type Sent } from '../../support/cluster/drive.js';
import { nginxAvailable } from '../../support/cluster/nginx.js';
import { redisAvailable } from '../../support/redis.js';

const ready = nginxAvailable() && (await redisAvailable());
const STRESS = process.env['WXMP_STRESS'] === '1';
const MESSAGES = STRESS ? 10_000 : 500;
const FANS = STRESS ? 96 : 32;
const SLOW_MS = 6000;
/**
 * Another instance claims a dead one's journal entries after this long (WXMP_JOURNAL_CLAIM_MS): shorter than the
 * handlers, so entries whose handler still runs on a live instance are claimed too, and must be left alone (their
 * running mark) and dropped once done, never answered a second time.
 */
const CLAIM_MS = 4_000;

describe.skipIf(!ready)(`cluster: ${MESSAGES} messages, 3 instances, one SIGKILLed and restarted`, () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({
      instances: 3,
      slowMs: SLOW_MS,
      env: { WXMP_JOURNAL_CLAIM_MS: String(CLAIM_MS) },
    });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('answers every message once, runs the handler once (≤ 2 in flight at the kill), survives the kill', async () => {
    const victim = cluster.instances[1]!;
    let killAt: number | undefined;
    let restarted: Promise<void> | undefined;
    const started = Date.now();
    const sent: Sent[] = await drive(cluster, {
      messages: MESSAGES,
      slowEvery: 5,
      fans: cluster.addFans(FANS),
      label: `c${started}`,
      onSent: (count) => {
        if (killAt !== undefined || count < MESSAGES * 0.4) return;
        killAt = Date.now();
        victim.child().kill('SIGKILL');
        restarted = new Promise((resolve) => setTimeout(resolve, 1000)).then(() => victim.start());
      },
    });
    await restarted;
    // Late replies, and the journal's entries of the killed instance finished elsewhere or after its restart.
    await settle(cluster, sent, SLOW_MS + CLAIM_MS + 30_000);
    const result = await tally(cluster, sent, { killAt: killAt!, slowMs: SLOW_MS });
    const inFlight = new Set(result.inFlightAtKill);
    const lostInFlight = result.unanswered.filter((text) => inFlight.has(text));
    console.log(
      JSON.stringify({
        proof: 'cluster',
        messages: result.messages,
        slow: result.slow,
        seconds: Math.round((Date.now() - started) / 1000),
        kills: 1,
        inFlightAtKill: inFlight.size,
        answeredOnce: result.answeredOnce,
        unanswered: result.unanswered.length,
        unansweredInFlight: lostInFlight.length,
        duplicateAnswers: result.duplicateAnswers.length,
        notices: result.notices,
        handlerRuns: result.totalRuns,
        runs: result.runs,
        retriedPushes: result.retried,
        // How the first duplicated messages reached the fan (passive reply, customer service), to tell why.
        duplicateRoutes: result.duplicateAnswers.slice(0, 5).map((text) => {
          const { openid } = sent.find((s) => s.text === text)!;
          const vias = cluster
            .sentTo(openid)
            .filter((e) => e.msgType === 'text' && e.payload.content === `answer:${text}`)
            .map((e) => e.via);
          const attempts = sent.find((s) => s.text === text)!.attempts;
          return { text, vias, attempts };
        }),
      }),
    );
    // Each lost or twice-answered message in detail: its attempts (ms from the kill), and what the instances logged.
    const odd = [...result.unanswered, ...result.duplicateAnswers].slice(0, 10);
    const logLines = odd.length > 0 ? cluster.logs().split('\n') : [];
    for (const text of odd) {
      const s = sent.find((m) => m.text === text)!;
      const logged = logLines.filter((line) => s.msgId !== '' && line.includes(`msg:${s.msgId}`));
      console.log(
        JSON.stringify({
          message: text,
          answers: result.unanswered.includes(text) ? 0 : 'more than one',
          inFlightAtKill: inFlight.has(text),
          key: `msg:${s.msgId}`,
          attempts: s.attempts.map((a) => ({ ...a, at: a.at - killAt! })),
          logged,
        }),
      );
    }
    expect(result.duplicateAnswers).toEqual([]);
    expect(result.runAnomalies).toEqual([]);
    expect(result.runs.more).toBe(0);
    expect(result.unanswered.filter((text) => !inFlight.has(text))).toEqual([]);
    expect(result.noticed.filter((text) => !inFlight.has(text))).toEqual([]);
    // The journal (Redis stream) finishes what the killed instance had acknowledged.
    expect(lostInFlight).toEqual([]);
    // The restarted instance serves again.
    expect((await fetch(`http://127.0.0.1:${victim.port}/readyz`)).status).toBe(200);
  }, 900_000);

  it('writes no secret into any log of the run (instances, nginx)', () => {
    expect(leakedSecrets(cluster.logs(), cluster.secrets())).toEqual([]);
  });
});
