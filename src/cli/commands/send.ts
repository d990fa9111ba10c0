/**
 * `wxmp send`: play WeChat against any webhook. Builds the message, signs (and encrypts) it like WeChat, POSTs it
 * with WeChat's 5-second limit, and judges the answer as WeChat would. This file wires the subcommands, their flags
 * and help; the work is in `../send/`: the message, the target, the push and the report.
 * @module
 */
import { Option, type Command } from 'commander';
import { ENCRYPTION_MODES } from '../../crypto/mode.js';
import { buildMessage, SEND_TYPES, type MessageFlags, type SendType } from '../send/message.js';
import { sendPush } from '../send/push.js';
import { formatReport, reportJson } from '../send/report.js';
import {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_FAN_OPENID,
  resolveTarget,
  WECHAT_TIMEOUT_MS,
  type SendFlags,
} from '../send/target.js';

export { buildMessage, eventFields, SEND_TYPES, type MessageFlags, type SendType } from '../send/message.js';
export { sendPush, type SendAttempt, type SendReport } from '../send/push.js';
export { describeReply, formatReport, reportJson } from '../send/report.js';
export {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_FAN_OPENID,
  resolveTarget,
  WECHAT_TIMEOUT_MS,
  type SendFlags,
  type SendTarget,
} from '../send/target.js';

function withPushOptions(cmd: Command): Command {
  return cmd
    .option('--url <url>', 'the webhook URL, e.g. http://127.0.0.1:3000/wx (required)')
    .option('--aes', 'safe mode: encrypt the push, expect an encrypted reply (same as --mode safe)')
    .addOption(new Option('--mode <mode>', 'encryption mode (default: plain)').choices(ENCRYPTION_MODES))
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

/**
 * Registers `wxmp send` and its subcommands, one per message type, as in
 * `wxmp send text 你好 --url http://127.0.0.1:3000/wx --aes`.
 *
 * @example
 * ```ts
 * import { Command } from 'commander';
 * const program = new Command('wxmp');
 * register(program);
 * await program.parseAsync(['node', 'wxmp', 'send', 'text', '你好', '--url', 'http://127.0.0.1:3000/wx', '--aes']);
 * ```
 */
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
