/**
 * How to fix each WeChat error code we know: one table, read wherever a `WeChatApiError` is built (the API client,
 * the token and ticket fetchers). Hints never repeat a secret; the 40164 hint names the caller's IP, which WeChat
 * puts in its errmsg. Some codes mean different things at the token endpoints (40001 is a wrong AppSecret there, a
 * rejected access_token elsewhere), so an entry may depend on the endpoint.
 * @module
 */
import { endpoints } from '../api/endpoints.js';

/** Where the error happened, for hints that depend on it. */
interface HintContext {
  errmsg: string;
  endpoint: string;
}

type Hint = string | ((context: HintContext) => string);

const TOKEN_PATHS = new Set([endpoints['token.get'].path, endpoints['token.stable'].path]);
const SINGLE_FETCHER =
  'make sure one service fetches tokens for this AppID (each /cgi-bin/token call invalidates the previous token) ' +
  'and that the token provider serves this AppID';
/** Where 40164 and the 895xx codes are fixed; the console's labels are Chinese. */
const WHITELIST =
  "the account's IP whitelist (mp.weixin.qq.com → 设置与开发 → 基本配置 → IP白名单; Settings → Basic " +
  'configuration → IP whitelist)';

const HINTS: Readonly<Record<number, Hint>> = {
  [-1]:
    'WeChat was busy; idempotent API calls were already retried, and token refreshes are retried with backoff. ' +
    'Try again in a few seconds',
  40001: ({ endpoint }) =>
    TOKEN_PATHS.has(endpoint)
      ? 'Check WECHAT_APPSECRET: it is wrong or was reset in the console (Settings → Basic configuration)'
      : `The access_token was rejected even after a fresh one was fetched: ${SINGLE_FETCHER}`,
  40002: 'grant_type is wrong: the token endpoints take client_credential',
  40003:
    'The openid does not belong to this account (openids differ per account) or the user never followed it',
  40004: 'Invalid media type: use image, voice, video or thumb',
  40005:
    'WeChat rejected the file type: images jpg/png/gif (≤ 2 MB temporary, 10 MB permanent), voice amr/mp3 ' +
    '(≤ 2 MB, 60 s), video mp4 (≤ 10 MB), thumb jpg (≤ 64 KB); the extension must match the content',
  40007:
    'The media_id is unknown or expired: temporary media live 3 days, permanent material until deleted, and a ' +
    'media_id only works for the account that uploaded it',
  40010: ({ endpoint }) =>
    endpoint === endpoints['ai.submitVoice'].path
      ? "Speech recognition takes an mp3 of 16 kHz, mono, at most 1 MB (about 60 s); convert a fan's AMR voice first"
      : 'WeChat refused the voice file: amr or mp3, at most 2 MB and 60 s',
  40013:
    'Check WECHAT_APPID: it must be the AppID of this account (wx followed by 16 characters), with no spaces',
  40014: `The access_token is malformed or not this account's, also after a refresh: ${SINGLE_FETCHER}`,
  40029: 'The OAuth code is invalid: pass the code of the redirect unchanged, for the same AppID',
  40030: 'The refresh_token is invalid: send the user through authorization again',
  40035: ({ endpoint }) =>
    endpoint === endpoints['ai.translate'].path
      ? 'Translation takes 1 to 600 bytes of UTF-8 (about 200 Chinese characters) between zh_CN and en_US: split ' +
        'longer text'
      : lookUp(40035),
  40097: ({ endpoint }) =>
    endpoint === endpoints['qrcodeJump.add'].path
      ? 'Check prefix, appid, path and is_edit; a published rule cannot be edited: delete it and add it again'
      : lookUp(40097),
  40125:
    'Check WECHAT_APPSECRET: it is wrong; reset it in the console (Settings → Basic configuration) if unsure',
  40163:
    'OAuth codes are single-use: exchange each code exactly once, never retry the exchange, and do not re-run it ' +
    'when the user reloads the callback URL; send the user through authorization again for a new code',
  40164: ({ errmsg }) => {
    const ip = /invalid ip\s+([0-9a-fA-F.:]+)/i.exec(errmsg)?.[1];
    return (
      `Add ${ip ?? 'the IP of this server'} to ${WHITELIST}, or call through a server whose IP is listed ` +
      '(`wxmp proxy`, `wxmp token-server`)'
    );
  },
  40243: 'The AppSecret is frozen: unfreeze or reset it in the console',
  41001: 'The access_token is missing: the endpoint needs the global token',
  41002: 'The AppID is missing: set WECHAT_APPID (or pass appId to createTokenManager or createApiClient)',
  41004:
    'The AppSecret is missing: set WECHAT_APPSECRET (or pass appSecret to createTokenManager or createApiClient)',
  42001: `The access_token expired and the fresh one was rejected too: ${SINGLE_FETCHER}`,
  42002: 'The refresh_token expired (it lives 30 days): send the user through authorization again',
  42003: 'The OAuth code expired (5 minutes): exchange it as soon as the redirect arrives',
  43002: 'This endpoint must be called with POST',
  43004: 'The user must follow the account to receive this',
  44002: 'The POST body was empty',
  44990: 'More than 5 calls a second to this API: space the calls out and try again',
  45008: 'Too many articles: a customer-service news message takes exactly 1 article',
  45009: ({ endpoint }) =>
    endpoint === endpoints['token.stable'].path
      ? 'A daily limit of /cgi-bin/stable_token is reached: most likely force_refresh (20 a day, 30 s apart; each ' +
        'one retires the token every holder uses), else plain calls (500 000 a day). It resets at midnight Beijing ' +
        'time; find what keeps reporting tokens as rejected (the token server rations forced refreshes: see ' +
        'force_refresh in its /healthz) — plain calls keep working meanwhile'
      : TOKEN_PATHS.has(endpoint)
        ? `The daily quota of ${endpoint} is used up (2000 calls of /cgi-bin/token a day); it resets at midnight ` +
          'Beijing time, or reset it now with POST /cgi-bin/clear_quota/v2 (client.misc.clearQuotaV2(), which needs ' +
          'no token; 10 resets a month), and find what keeps fetching new tokens'
        : 'The daily quota of this API is used up; it resets at midnight Beijing time. Reset it now with ' +
          'client.misc.clearQuota() (POST /cgi-bin/clear_quota, 10 resets a month), or clearQuotaV2() when the ' +
          'token quota itself is gone; watch usage with client.misc.quotaGet(path)',
  45011: 'Per-minute rate limit reached: slow down and try again in a minute',
  45015:
    'Outside the customer-service window: a user can be messaged within 48 hours of their last message (or ' +
    'within 1 minute of a menu click, follow or scan); reply to their next message instead',
  45047:
    'Customer-service quota used up: 5 messages per 48 hours after a user message (3 per minute after a click, ' +
    'follow or scan); wait until the user writes again',
  46003:
    'No menu exists yet: create one with `wxmp menu push FILE` or client.menu.create() (also before adding conditional menus)',
  47001: 'WeChat could not parse the body: send valid JSON with the documented field names',
  48001:
    'The account lacks the permission for this API: check its type and verification in the console (Settings → ' +
    'Interface permissions); many APIs need a verified service account',
  48004: 'This API is banned for the account: read the notice in the console',
  48006: 'The 10 quota resets of this month are used up',
  50001: 'The user has not authorized this (scope): use snsapi_userinfo for sns/userinfo',
  50002: 'The user is limited (frozen or cancelled)',
  50004: 'The token API is forbidden for this account; see the notice in the console',
  50007: 'The account is frozen; see the notice in the console',
  53503:
    'The draft failed the pre-publish check: fix the content (images from media/uploadimg, title ≤ 32 chars)',
  53600: 'The article_id is invalid: take it from freepublish/get or the PUBLISHJOBFINISH event',
  85066:
    "A jump rule names one of the account's parametric QR codes: pass the url qrcode.create answered " +
    '(http://weixin.qq.com/q/…)',
  85071:
    'This QR code already has a jump rule: change it with is_edit 1 (while unpublished), or delete it first',
  85073: 'The jump rules are full: delete rules you no longer use',
  85074: 'Release the mini program first: a jump rule can only open a released version',
  85095: 'No jump rule for this prefix (or its data is broken): add the rule (again) before publishing it',
  89501: `This IP awaits confirmation by an administrator in the console; or add it to ${WHITELIST}`,
  89503: `Calls from this IP need an administrator to confirm them in the console; or add it to ${WHITELIST}`,
  89506:
    'An administrator rejected this IP twice within 24 hours: calls are blocked for 24 hours; add it to ' +
    WHITELIST,
  89507: `An administrator rejected this IP within the last hour: calls are blocked for 1 hour; add it to ${WHITELIST}`,
  886000: 'The 100 publications of jump rules this month are used up: publish again next month',
};

const GLOBAL_CODES =
  'https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html';

/** The hint of a code without one of its own (a function declaration: the table above uses it before this line). */
function lookUp(errcode: number): string {
  return `Look up errcode ${errcode} in ${GLOBAL_CODES}`;
}

/**
 * One sentence on how to fix WeChat error `errcode`; codes without an entry point to the global code list.
 *
 * @example
 * ```ts
 * hintFor(40164, 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 1', '/cgi-bin/menu/get');
 * // "Add 203.0.113.7 to the account's IP whitelist …"
 * ```
 */
export function hintFor(errcode: number, errmsg: string, endpoint: string): string {
  const hint = HINTS[errcode];
  if (hint === undefined) return lookUp(errcode);
  return typeof hint === 'string' ? hint : hint({ errmsg, endpoint });
}

/**
 * The error codes that have their own hint (for docs and tests).
 *
 * @example
 * ```ts
 * hintedErrcodes().includes(45009); // true
 * ```
 */
export function hintedErrcodes(): number[] {
  return Object.keys(HINTS).map(Number);
}
