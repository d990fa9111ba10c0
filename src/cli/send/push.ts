/**
 * The push itself: signed (and encrypted) like WeChat's, POSTed with WeChat's time limit, each answer judged as
 * WeChat judges it.
 * @module
 */
import type { EncryptionMode } from '../../crypto/mode.js';
import {
  buildPush,
  checkReply,
  pushCrypto,
  type PushRequest,
  type ReplyVerdict,
} from '../../push/request.js';
import type { SendTarget } from './target.js';

/** One POST and WeChat's verdict on its answer. */
export interface SendAttempt {
  attempt: number;
  /** HTTP status, or undefined when no answer came (timeout, connection refused). */
  status: number | undefined;
  latencyMs: number;
  /** The raw answer body. */
  body: string;
  verdict: ReplyVerdict;
}

/** Everything `wxmp send` learned. */
export interface SendReport {
  /** True when WeChat would accept every answer. */
  ok: boolean;
  url: string;
  /** `text`, `event CLICK`, … */
  label: string;
  mode: EncryptionMode;
  push: PushRequest;
  attempts: SendAttempt[];
}

/** Appends the push query to a URL that may already have one. */
function withQuery(url: string, search: string): string {
  return url.includes('?') ? `${url}&${search.slice(1)}` : `${url}${search}`;
}

function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function unreachable(err: unknown, target: SendTarget): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    return `no answer within ${target.timeoutMs} ms (WeChat gives up after 5 s and retries, 3 tries in all)`;
  }
  return `could not reach ${target.url}: ${e.cause?.code ?? e.cause?.message ?? e.message ?? String(err)}`;
}

/**
 * Pushes one message `target.repeat` times (the same push each time, like WeChat's retries) and judges each answer.
 * `fetch` and `now` are injectable for tests.
 *
 * @example
 * ```ts
 * import { inbound } from 'wxmp/push';
 * import { resolveTarget } from './target.js';
 * const target = resolveTarget({ url: 'http://127.0.0.1:3000/wx', token: 'AAAAA' });
 * const report = await sendPush(inbound.text({ from: target.from, to: target.to }, 'hi'), target, 'text');
 * if (!report.ok) console.log(report.attempts[0]?.verdict);
 * ```
 */
export async function sendPush(
  xml: string,
  target: SendTarget,
  label: string,
  deps: { fetch?: typeof fetch; now?: () => number } = {},
): Promise<SendReport> {
  const fetchImpl = deps.fetch ?? fetch;
  const now = deps.now ?? (() => performance.now());
  const crypto = pushCrypto(target.keys);
  const push = buildPush(xml, target.keys, { crypto });
  const url = withQuery(target.url, push.search);
  const attempts: SendAttempt[] = [];
  for (let attempt = 1; attempt <= target.repeat; attempt++) {
    const started = now();
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        body: push.body,
        signal: AbortSignal.timeout(target.timeoutMs),
        // WeChat does not follow redirects: a 3xx is the webhook's answer, and not a 200.
        redirect: 'manual',
      });
      const body = await response.text();
      const latencyMs = now() - started;
      let verdict = checkReply(response.status, body, {
        keys: target.keys,
        crypto,
        fan: target.from,
        account: target.to,
        answersUserMessage: !label.startsWith('event'),
      });
      if (!verdict.ok && response.status !== 200 && body !== '') {
        verdict = { ...verdict, reason: `${verdict.reason}; the server said "${oneLine(body)}"` };
      }
      attempts.push({ attempt, status: response.status, latencyMs, body, verdict });
    } catch (err) {
      const verdict: ReplyVerdict = { ok: false, reason: unreachable(err, target) };
      attempts.push({ attempt, status: undefined, latencyMs: now() - started, body: '', verdict });
    }
  }
  return {
    ok: attempts.every((a) => a.verdict.ok),
    url: target.url,
    label,
    mode: target.keys.mode,
    push,
    attempts,
  };
}
