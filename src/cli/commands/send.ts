/**
 * `wxmp send`: play WeChat against any webhook. Builds the message, signs (and encrypts) it like WeChat, POSTs it
 * with WeChat's 5-second limit, and judges the answer as WeChat would.
 * @module
 */
import { Option, type Command } from 'commander';
import { configError } from '../../config.js';
import { inbound, type Parties } from '../../push/inbound.js';
import {
  buildPush,
  checkReply,
  pushCrypto,
  type PushKeys,
  type PushMode,
  type PushRequest,
  type ReplyVerdict,
} from '../../push/request.js';
import type { Reply } from '../../replies/types.js';
import type { XmlInputElement } from '../../xml/build.js';
import { accountSetting, requireAccountSetting } from './encrypt.js';

/** The message types `wxmp send` can push. */
export const SEND_TYPES = [
  'text',
  'image',
  'voice',
  'video',
  'shortvideo',
  'location',
  'link',
  'event',
] as const;
/** One of {@link SEND_TYPES}. */
export type SendType = (typeof SEND_TYPES)[number];

/** WeChat waits this long for an answer. */
export const WECHAT_TIMEOUT_MS = 5000;
/** The fan's openid when `--from` is not given (28 characters, like a real openid). */
export const DEFAULT_FAN_OPENID = 'oWxmpCliFan00000000000000000';
/** The account's original id when `--to` is not given. */
export const DEFAULT_ACCOUNT_ID = 'gh_0123456789ab';

/** Events whose names WeChat spells in a fixed case (`CLICK`, but `subscribe`). */
const EVENT_NAMES = [
  'subscribe',
  'unsubscribe',
  'SCAN',
  'LOCATION',
  'CLICK',
  'VIEW',
  'view_miniprogram',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
  'TEMPLATESENDJOBFINISH',
  'MASSSENDJOBFINISH',
  'PUBLISHJOBFINISH',
];

/** The per-type flags of `wxmp send <type>`. */
export interface MessageFlags {
  mediaId?: string | undefined;
  picUrl?: string | undefined;
  format?: string | undefined;
  thumbMediaId?: string | undefined;
  lat?: string | undefined;
  lng?: string | undefined;
  scale?: string | undefined;
  label?: string | undefined;
  title?: string | undefined;
  description?: string | undefined;
  key?: string | undefined;
  ticket?: string | undefined;
  precision?: string | undefined;
  menuId?: string | undefined;
}

function need(value: string | undefined, flag: string, what: string): string {
  if (value === undefined || value === '') configError(flag, `is required for ${what}`);
  return value;
}

function numberFlag(value: string, flag: string, min: number, max: number, integer = false): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    configError(flag, `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

function latLng(flags: MessageFlags, what: string): { latitude: number; longitude: number } {
  return {
    latitude: numberFlag(need(flags.lat, '--lat', what), '--lat', -90, 90),
    longitude: numberFlag(need(flags.lng, '--lng', what), '--lng', -180, 180),
  };
}

/**
 * Builds the fields of an event from the flags, checking what each event needs; names are case-sensitive.
 *
 * @example
 * ```ts
 * eventFields('CLICK', { key: 'V1001_GOOD' }); // { EventKey: 'V1001_GOOD' }
 * ```
 */
export function eventFields(name: string, flags: MessageFlags): XmlInputElement {
  const canonical = EVENT_NAMES.find((known) => known.toLowerCase() === name.toLowerCase());
  if (canonical !== undefined && canonical !== name) {
    configError('event name', `is case-sensitive: WeChat sends "${canonical}", not "${name}"`);
  }
  if (!/^[\w.-]{1,64}$/.test(name)) configError('event name', `must be letters, digits or _ (got "${name}")`);
  const what = `send event ${name}`;
  switch (name) {
    case 'subscribe':
      return { EventKey: flags.key, Ticket: flags.ticket };
    case 'unsubscribe':
      return {};
    case 'SCAN':
      return {
        EventKey: need(flags.key, '--key', `${what} (the scene value)`),
        Ticket: flags.ticket ?? 'TICKET_FROM_WXMP_CLI',
      };
    case 'CLICK':
      return { EventKey: need(flags.key, '--key', `${what} (the button key)`) };
    case 'VIEW':
      return { EventKey: need(flags.key, '--key', `${what} (the URL)`), MenuId: flags.menuId };
    case 'LOCATION': {
      const { latitude, longitude } = latLng(flags, what);
      const precision =
        flags.precision === undefined ? 30 : numberFlag(flags.precision, '--precision', 0, 1e6);
      return { Latitude: latitude, Longitude: longitude, Precision: precision };
    }
    default:
      return { EventKey: flags.key, Ticket: flags.ticket, MenuId: flags.menuId };
  }
}

/**
 * Builds the XML WeChat would push for `wxmp send <type> [args...]`.
 *
 * @example
 * ```ts
 * buildMessage('text', ['你好'], {}, { from: 'oFan', to: 'gh_1' });
 * buildMessage('event', ['CLICK'], { key: 'V1001' }, { from: 'oFan', to: 'gh_1' });
 * ```
 */
export function buildMessage(
  type: SendType,
  args: readonly string[],
  flags: MessageFlags,
  parties: Parties,
): string {
  const what = `send ${type}`;
  switch (type) {
    case 'text':
      if (args.length === 0) configError('send text', 'needs the content, e.g. wxmp send text "你好"');
      return inbound.text(parties, args.join(' '));
    case 'image':
      return inbound.image(parties, {
        mediaId: need(flags.mediaId, '--media-id', what),
        picUrl: flags.picUrl ?? 'http://mmbiz.qpic.cn/mmbiz_jpg/wxmp-cli/0',
      });
    case 'voice':
      return inbound.voice(parties, {
        mediaId: need(flags.mediaId, '--media-id', what),
        format: flags.format ?? 'amr',
      });
    case 'video':
    case 'shortvideo':
      return inbound[type](parties, {
        mediaId: need(flags.mediaId, '--media-id', what),
        thumbMediaId: need(flags.thumbMediaId, '--thumb-media-id', what),
      });
    case 'location':
      return inbound.location(parties, {
        ...latLng(flags, what),
        scale: flags.scale === undefined ? 15 : numberFlag(flags.scale, '--scale', 1, 30, true),
        label: flags.label ?? '',
      });
    case 'link': {
      const url = args[0];
      if (url === undefined)
        configError('send link', 'needs the link, e.g. wxmp send link https://example.com --title T');
      return inbound.link(parties, {
        url,
        title: need(flags.title, '--title', what),
        ...(flags.description !== undefined ? { description: flags.description } : {}),
      });
    }
    case 'event': {
      const name = args[0];
      if (name === undefined)
        configError('send event', 'needs the event name, e.g. wxmp send event subscribe');
      return inbound.event(parties, name, eventFields(name, flags));
    }
  }
}

/** The push flags shared by every `wxmp send <type>`. */
export interface SendFlags {
  url?: string | undefined;
  aes?: boolean | undefined;
  mode?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  token?: string | undefined;
  appid?: string | undefined;
  aesKey?: string | undefined;
  repeat?: string | undefined;
  timeout?: string | undefined;
}

/** Where and how to push. */
export interface SendTarget {
  url: string;
  keys: PushKeys;
  from: string;
  to: string;
  repeat: number;
  timeoutMs: number;
}

/**
 * Resolves the target and keys from the flags, with `WECHAT_TOKEN`, `WECHAT_APPID` and `WECHAT_ENCODING_AES_KEY`
 * as defaults; throws `CONFIG_INVALID` naming the flag to fix.
 *
 * @example
 * ```ts
 * resolveTarget({ url: 'http://127.0.0.1:3000/wx', aes: true }); // safe mode, keys from the environment
 * ```
 */
export function resolveTarget(
  flags: SendFlags,
  env: Record<string, string | undefined> = process.env,
): SendTarget {
  const url = need(flags.url, '--url', 'send (the webhook URL, e.g. http://127.0.0.1:3000/wx)');
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return configError('--url', `must be an http(s) URL such as http://127.0.0.1:3000/wx, got "${url}"`);
  }
  if (protocol !== 'http:' && protocol !== 'https:')
    configError('--url', `must start with http:// or https://, got "${url}"`);
  if (flags.aes && flags.mode !== undefined && flags.mode !== 'safe') {
    configError('--aes', `means --mode safe and cannot be combined with --mode ${flags.mode}`);
  }
  const mode = (flags.aes ? 'safe' : (flags.mode ?? 'plain')) as PushMode;
  const keys: PushKeys = { token: requireAccountSetting('token', flags.token, env), mode };
  if (mode === 'plain') {
    // Keys are not needed, but a bad value given as a flag is still a mistake worth reporting.
    accountSetting('appId', flags.appid, {});
    accountSetting('encodingAESKey', flags.aesKey, {});
  } else {
    keys.appId = requireAccountSetting('appId', flags.appid, env);
    keys.encodingAESKey = requireAccountSetting('encodingAESKey', flags.aesKey, env);
  }
  return {
    url,
    keys,
    from: flags.from ?? DEFAULT_FAN_OPENID,
    to: flags.to ?? DEFAULT_ACCOUNT_ID,
    repeat: flags.repeat === undefined ? 1 : numberFlag(flags.repeat, '--repeat', 1, 100, true),
    timeoutMs:
      flags.timeout === undefined
        ? WECHAT_TIMEOUT_MS
        : numberFlag(flags.timeout, '--timeout', 1, 600_000, true),
  };
}

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
  mode: PushMode;
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
 * const report = await sendPush(inbound.text(parties, 'hi'), resolveTarget({ url, token: 'AAAAA' }), 'text');
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

function withPushOptions(cmd: Command): Command {
  return cmd
    .option('--url <url>', 'the webhook URL, e.g. http://127.0.0.1:3000/wx (required)')
    .option('--aes', 'safe mode: encrypt the push, expect an encrypted reply (same as --mode safe)')
    .addOption(
      new Option('--mode <mode>', 'encryption mode (default: plain)').choices([
        'plain',
        'compatible',
        'safe',
      ]),
    )
    .option('--from <openid>', "the fan's openid (FromUserName)", DEFAULT_FAN_OPENID)
    .option('--to <gh_id>', "the account's original id (ToUserName)", DEFAULT_ACCOUNT_ID)
    .option('--token <token>', 'the Token (default: WECHAT_TOKEN)')
    .option('--appid <appid>', 'the AppID, for compatible/safe mode (default: WECHAT_APPID)')
    .option(
      '--aes-key <key>',
      'the EncodingAESKey, for compatible/safe mode (default: WECHAT_ENCODING_AES_KEY)',
    )
    .option('--repeat <n>', "send the same push n times, like WeChat's retries (to see deduplication)", '1')
    .option(
      '--timeout <ms>',
      "how long to wait for each answer (WeChat's limit: 5000)",
      String(WECHAT_TIMEOUT_MS),
    )
    .option('--json', 'print the report as JSON')
    .option('-v, --verbose', 'also print the push and the raw answer');
}

async function runSend(type: SendType, cmd: Command): Promise<void> {
  const flags = cmd.opts<SendFlags & MessageFlags & { json?: boolean; verbose?: boolean }>();
  const target = resolveTarget(flags);
  const xml = buildMessage(type, cmd.args, flags, { from: target.from, to: target.to });
  const label = type === 'event' ? `event ${cmd.args[0]}` : type;
  const report = await sendPush(xml, target, label);
  console.log(
    flags.json
      ? JSON.stringify(reportJson(report), null, 2)
      : formatReport(report, { verbose: flags.verbose === true }),
  );
  if (!report.ok) process.exitCode = 1;
}

interface TypeSpec {
  args?: string;
  description: string;
  options?: (cmd: Command) => Command;
  examples: string[];
}

const MEDIA = (cmd: Command) => cmd.option('--media-id <id>', 'MediaId of the media (required)');
const LAT_LNG = (cmd: Command) =>
  cmd
    .option('--lat <degrees>', 'latitude, e.g. 23.134521')
    .option('--lng <degrees>', 'longitude, e.g. 113.358803');

const TYPES: Record<SendType, TypeSpec> = {
  text: {
    args: '<content...>',
    description: 'a text message',
    examples: ['send text "你好" --url $URL', 'send text hi --url $URL --aes'],
  },
  image: {
    description: 'an image message',
    options: (c) => MEDIA(c).option('--pic-url <url>', 'PicUrl of the image'),
    examples: ['send image --media-id MEDIA_ID --url $URL'],
  },
  voice: {
    description: 'a voice message',
    options: (c) => MEDIA(c).option('--format <format>', 'Format: amr, speex …', 'amr'),
    examples: ['send voice --media-id MEDIA_ID --format amr --url $URL'],
  },
  video: {
    description: 'a video message',
    options: (c) => MEDIA(c).option('--thumb-media-id <id>', 'ThumbMediaId (required)'),
    examples: ['send video --media-id MEDIA_ID --thumb-media-id THUMB_ID --url $URL'],
  },
  shortvideo: {
    description: 'a short-video message',
    options: (c) => MEDIA(c).option('--thumb-media-id <id>', 'ThumbMediaId (required)'),
    examples: ['send shortvideo --media-id MEDIA_ID --thumb-media-id THUMB_ID --url $URL'],
  },
  location: {
    description: 'a location message',
    options: (c) =>
      LAT_LNG(c).option('--scale <n>', 'map zoom', '15').option('--label <text>', 'the place name'),
    examples: ['send location --lat 23.134521 --lng 113.358803 --label 广州塔 --url $URL'],
  },
  link: {
    args: '<link>',
    description: 'a link message (the link is the argument: --url is the webhook)',
    options: (c) =>
      c.option('--title <text>', 'Title (required)').option('--description <text>', 'Description'),
    examples: ['send link https://mp.weixin.qq.com/s/abc --title "An article" --url $URL'],
  },
  event: {
    args: '<name>',
    description: 'an event: subscribe, unsubscribe, SCAN, CLICK, VIEW, LOCATION, or any other name',
    options: (c) =>
      LAT_LNG(
        c.option(
          '--key <value>',
          'EventKey: qrscene_… (subscribe), scene (SCAN), button key (CLICK), URL (VIEW)',
        ),
      )
        .option('--ticket <ticket>', 'Ticket of a QR code (subscribe, SCAN)')
        .option('--precision <n>', 'Precision of a LOCATION event', '30')
        .option('--menu-id <id>', 'MenuId of a VIEW event from a conditional menu'),
    examples: [
      'send event subscribe --url $URL',
      'send event subscribe --key qrscene_123 --ticket TICKET --url $URL',
      'send event SCAN --key 123 --ticket TICKET --url $URL',
      'send event CLICK --key V1001_GOOD --url $URL',
      'send event VIEW --key https://example.com/ --url $URL',
      'send event LOCATION --lat 23.137466 --lng 113.352425 --precision 119.385040 --url $URL',
    ],
  },
};

const SEND_HELP = `
Keys come from WECHAT_TOKEN, WECHAT_APPID and WECHAT_ENCODING_AES_KEY unless --token, --appid, --aes-key are given.
Exit code: 0 when WeChat would accept every answer, 1 when not (the reason is printed), 2 for bad flags or config.

Examples:
  $ wxmp serve --example echo --port 3000 &
  $ wxmp send text "你好" --url http://127.0.0.1:3000/wx
  $ wxmp send text "你好" --url http://127.0.0.1:3000/wx --aes --json
  $ wxmp send event subscribe --url http://127.0.0.1:3000/wx
  $ wxmp send event CLICK --key V1001_GOOD --url http://127.0.0.1:3000/wx --repeat 3`;

/** Registers `wxmp send` and its subcommands, one per message type. */
export function register(program: Command): void {
  const send = program
    .command('send')
    .description('play WeChat: push a message or event to a webhook and check the answer as WeChat would')
    .addHelpText('after', SEND_HELP);
  for (const type of SEND_TYPES) {
    const spec = TYPES[type];
    let cmd = send.command(type).description(`push ${spec.description}`);
    if (spec.args) cmd = cmd.argument(spec.args);
    if (spec.options) cmd = spec.options(cmd);
    withPushOptions(cmd)
      .addHelpText(
        'after',
        `\nExamples (URL=http://127.0.0.1:3000/wx):\n${spec.examples.map((e) => `  $ wxmp ${e}`).join('\n')}`,
      )
      .action(async (...params: unknown[]) => runSend(type, params.at(-1) as Command));
  }
}
