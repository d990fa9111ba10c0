/**
 * What `wxmp send` prints: the push and each answer with its latency, the reply as the fan would see it, and
 * WeChat's verdict, for people or (`--json`) as one object.
 * @module
 */
import type { Reply } from '../../replies/types.js';
import type { SendReport } from './push.js';

/**
 * Describes a reply in one line, as the fan would see it.
 *
 * @example
 * ```ts
 * describeReply({ type: 'text', content: 'hi' }); // 'text "hi"'
 * ```
 */
export function describeReply(reply: Reply): string {
  const quoted = (label: string, value: string | undefined) =>
    value === undefined ? '' : `, ${label} ${JSON.stringify(value)}`;
  switch (reply.type) {
    case 'text':
      return `text ${JSON.stringify(reply.content)}`;
    case 'image':
    case 'voice':
      return `${reply.type} (MediaId ${reply.mediaId})`;
    case 'video':
      return `video (MediaId ${reply.mediaId}${quoted('title', reply.title)}${quoted('description', reply.description)})`;
    case 'music':
      return `music (ThumbMediaId ${reply.thumbMediaId}${quoted('title', reply.title)}${quoted('url', reply.musicUrl)})`;
    case 'news':
      return `news, ${reply.articles.length} article(s): ${reply.articles.map((a) => `${JSON.stringify(a.title)}${a.url ? ` → ${a.url}` : ''}`).join('; ')}`;
    case 'transfer_customer_service':
      return `transfer to customer service${reply.kfAccount ? ` (${reply.kfAccount})` : ''}`;
    case 'success':
      return 'success (acknowledged; the fan sees nothing)';
    case 'empty':
      return 'empty body (acknowledged; the fan sees nothing)';
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

/**
 * Formats the report for people: the push, each answer with its latency and decoded reply, and the verdict.
 *
 * @example
 * ```ts
 * import { inbound } from 'wxmp/push';
 * import { sendPush } from './push.js';
 * import { resolveTarget } from './target.js';
 * const target = resolveTarget({ url: 'http://127.0.0.1:3000/wx', token: 'AAAAA' });
 * const report = await sendPush(inbound.text({ from: target.from, to: target.to }, 'hi'), target, 'text');
 * console.log(formatReport(report, { verbose: false }));
 * ```
 */
export function formatReport(report: SendReport, options: { verbose?: boolean } = {}): string {
  const lines = [`→ POST ${report.url} (${report.label}, ${report.mode} mode)`];
  if (options.verbose) lines.push(`  query: ${report.push.search}`, `  body:`, indent(report.push.body));
  const many = report.attempts.length > 1;
  for (const a of report.attempts) {
    const n = many ? `#${a.attempt} ` : '';
    const status = a.status === undefined ? 'no answer' : `HTTP ${a.status}`;
    const reply = a.verdict.ok ? `: ${describeReply(a.verdict.reply)}` : '';
    lines.push(`← ${n}${status} in ${Math.round(a.latencyMs)} ms${reply}`);
    if (options.verbose && a.body !== '') {
      lines.push('  answer:', indent(a.body));
      if (a.verdict.xml !== undefined && a.verdict.xml !== a.body)
        lines.push('  decrypted:', indent(a.verdict.xml));
    }
    if (!a.verdict.ok) lines.push(`✗ ${n}WeChat would not accept this answer: ${a.verdict.reason}`);
  }
  if (report.ok) lines.push(`✓ WeChat would accept ${many ? 'every answer' : 'this answer'}`);
  else lines.push('  (the fan would see "该公众号暂时无法提供服务，请稍后再试")');
  return lines.join('\n');
}

/**
 * The report for `--json`: one object, latencies in ms, each answer's verdict with the decoded reply or the reason.
 *
 * @example
 * ```ts
 * import { inbound } from 'wxmp/push';
 * import { sendPush } from './push.js';
 * import { resolveTarget } from './target.js';
 * const target = resolveTarget({ url: 'http://127.0.0.1:3000/wx', token: 'AAAAA' });
 * const report = await sendPush(inbound.text({ from: target.from, to: target.to }, 'hi'), target, 'text');
 * console.log(JSON.stringify(reportJson(report), null, 2));
 * ```
 */
export function reportJson(report: SendReport): object {
  return {
    ok: report.ok,
    url: report.url,
    type: report.label,
    mode: report.mode,
    query: report.push.query,
    attempts: report.attempts.map((a) => ({
      attempt: a.attempt,
      status: a.status ?? null,
      latencyMs: Math.round(a.latencyMs * 10) / 10,
      ok: a.verdict.ok,
      ...(a.verdict.ok ? { reply: a.verdict.reply } : { reason: a.verdict.reason }),
      ...(a.verdict.xml !== undefined && a.verdict.xml !== a.body ? { decrypted: a.verdict.xml } : {}),
      body: a.body,
    })),
  };
}
