/**
 * Driving a cluster as WeChat's fans would: each fan sends one message at a time (WeChat's push with its 5 s cut and
 * 3 attempts, played by the emulator), at a given rate or as fast as the fans can; then the tally of what each fan
 * got and how often the bot ran for each message.
 */
import type { Cluster } from './cluster.js';

/** One message sent: when, how its push went, what the fan saw at once. */
export interface Sent {
  openid: string;
  text: string;
  slow: boolean;
  startedAt: number;
  endedAt: number;
  /** The message's MsgId (its dedup key is `msg:<MsgId>`), to find it in the instances' logs. */
  msgId: string;
  /** The push's attempts: when (ms since the epoch), how long, status, or the error when none came back. */
  attempts: { at: number; ms: number; status?: number; error?: string }[];
  /** WeChat's service notice ("该公众号暂时无法提供服务") shown for this message. */
  notice: boolean;
}

/** Settings of {@link drive}. */
export interface DriveOptions {
  messages: number;
  /** Every n-th message is slow (`slow…`); 0 for none. */
  slowEvery: number;
  /** One fan per concurrent message. */
  fans: string[];
  /** Messages per second; unset: as fast as the fans can. */
  rate?: number;
  /** Text prefix, unique per run. */
  label: string;
  /** Called after each message with the count sent so far and the message. */
  onSent?: (count: number, message: Sent) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `messages` texts through the cluster and resolves when every push is over (not every late reply). */
export async function drive(cluster: Cluster, options: DriveOptions): Promise<Sent[]> {
  const sent: Sent[] = [];
  let next = 0;
  const t0 = performance.now();
  const worker = async (openid: string) => {
    for (;;) {
      const i = next++;
      if (i >= options.messages) return;
      if (options.rate) {
        const due = t0 + (i * 1000) / options.rate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
      }
      const slow = options.slowEvery > 0 && i % options.slowEvery === options.slowEvery - 1;
      const text = `${slow ? 'slow' : 'fast'}:${options.label}:${i}`;
      const startedAt = Date.now();
      const result = await cluster.emulator.fans.text(openid, text);
      const push = result.pushes[0];
      const message: Sent = {
        openid,
        text,
        slow,
        startedAt,
        endedAt: Date.now(),
        msgId: /<MsgId>(\d+)<\/MsgId>/.exec(push?.record.messageXml ?? '')?.[1] ?? '',
        attempts: (push?.record.attempts ?? []).map((a) => ({
          at: a.at,
          ms: a.ms,
          ...(a.status === undefined ? {} : { status: a.status }),
          ...(a.error === undefined ? {} : { error: a.error }),
        })),
        notice: (push?.entries ?? []).some((e) => e.via === 'system'),
      };
      sent.push(message);
      options.onSent?.(sent.length, message);
    }
  };
  await Promise.all(options.fans.map(worker));
  return sent;
}

/** The answers each message got: `answer:<text>` entries in its fan's chat (passive and customer-service). */
export function answersOf(cluster: Cluster, sent: Sent[]): Map<string, number> {
  const counts = new Map<string, number>(sent.map((s) => [s.text, 0]));
  for (const openid of new Set(sent.map((s) => s.openid))) {
    for (const entry of cluster.sentTo(openid)) {
      if (entry.msgType !== 'text') continue;
      const content = entry.payload.content;
      if (!content.startsWith('answer:')) continue;
      const text = content.slice('answer:'.length);
      if (counts.has(text)) counts.set(text, counts.get(text)! + 1);
    }
  }
  return counts;
}

/** Waits until every message has an answer, or `timeoutMs` passes (late replies arrive after their push). */
export async function settle(cluster: Cluster, sent: Sent[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ([...answersOf(cluster, sent).values()].every((n) => n >= 1)) return;
    await sleep(250);
  }
}

/** The figures of a run. */
export interface Tally {
  messages: number;
  slow: number;
  answeredOnce: number;
  unanswered: string[];
  /** Messages answered more than once (a duplicate answer to the fan). */
  duplicateAnswers: string[];
  notices: number;
  /** The messages that got WeChat's service notice. */
  noticed: string[];
  /** Messages whose push or slow run spanned the kill. */
  inFlightAtKill: string[];
  /** Handler runs per message: how many messages ran 0, 1, 2, more times. */
  runs: { zero: number; once: number; twice: number; more: number };
  /** Messages outside the kill that ran other than once. */
  runAnomalies: string[];
  totalRuns: number;
  /** Pushes that needed WeChat's retry (an attempt without an answer). */
  retried: number;
}

/** Counts answers and runs; `killAt` (ms) marks the messages in flight when an instance was killed. */
export async function tally(
  cluster: Cluster,
  sent: Sent[],
  options: { killAt?: number; slowMs: number },
): Promise<Tally> {
  const answers = answersOf(cluster, sent);
  const runs = await cluster.runs();
  const { killAt } = options;
  const inFlight = new Set(
    killAt === undefined
      ? []
      : sent
          .filter(
            (s) =>
              (s.startedAt <= killAt && s.endedAt >= killAt) ||
              (s.slow && s.startedAt <= killAt && s.startedAt + options.slowMs + 1000 >= killAt),
          )
          .map((s) => s.text),
  );
  const counts = { zero: 0, once: 0, twice: 0, more: 0 };
  const runAnomalies: string[] = [];
  let totalRuns = 0;
  for (const s of sent) {
    const n = runs.get(s.text) ?? 0;
    totalRuns += n;
    if (n === 0) counts.zero += 1;
    else if (n === 1) counts.once += 1;
    else if (n === 2) counts.twice += 1;
    else counts.more += 1;
    if (n !== 1 && !inFlight.has(s.text)) runAnomalies.push(`${s.text} ran ${n} times`);
  }
  return {
    messages: sent.length,
    slow: sent.filter((s) => s.slow).length,
    answeredOnce: [...answers.values()].filter((n) => n === 1).length,
    unanswered: [...answers].filter(([, n]) => n === 0).map(([text]) => text),
    duplicateAnswers: [...answers].filter(([, n]) => n > 1).map(([text]) => text),
    notices: sent.filter((s) => s.notice).length,
    noticed: sent.filter((s) => s.notice).map((s) => s.text),
    inFlightAtKill: [...inFlight],
    runs: counts,
    runAnomalies,
    totalRuns,
    retried: sent.filter((s) => s.attempts.some((a) => a.error !== undefined)).length,
  };
}

/** The p-th percentile (0–100) of `values`. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Which of `secrets` occur in `logs` (by name, never the value). */
export function leakedSecrets(logs: string, secrets: string[]): string[] {
  return secrets.flatMap((secret, i) =>
    secret.length >= 8 && logs.includes(secret) ? [`secret #${i}`] : [],
  );
}
