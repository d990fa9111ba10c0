/**
 * The table-driven part of the platform: one route per path of the endpoint table (`src/api/endpoints.ts`), and
 * the steps WeChat takes before an API runs — injected faults, the HTTP method, the credential the table names,
 * the body format, the daily quota — each answering with WeChat's error code.
 * @module
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { endpoints, type EndpointSpec } from '../../../api/endpoints.js';
import { parseJson } from '../../../wechat-http/index.js';
import { redactSecrets } from '../../../errors.js';
import type { EmulatorState } from '../../state.js';
import type { Call, Handlers, PlatformOptions } from './handler.js';
import { countCall } from './call-stats.js';
import { playFault, takeFault } from './faults.js';
import { useQuota } from './quota.js';
import { errorBody, fail, jsonResponse, newRid, recordRid, WxError } from './respond.js';
import { checkAccessToken } from '../token.js';

/**
 * The platform options with every default filled in.
 */
export type RunnerOptions = Required<PlatformOptions>;

/**
 * Routes every path of the endpoint table to its handler (both GET and POST reach it, so that a wrong method gets
 * WeChat's answer rather than a 404). Endpoints without a handler answer 48001.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { silentLogger } from 'wxmp';
 * import { menuHandlers } from '../menu.js';
 * import { tagHandlers } from '../tag.js';
 * const options = { push: async () => undefined, jobFinishDelayMs: 500, maxHoldMs: 30_000, logger: silentLogger };
 * new Hono().route('/', endpointRoutes(state, options, { ...menuHandlers, ...tagHandlers }));
 * ```
 */
export function endpointRoutes(state: EmulatorState, options: RunnerOptions, handlers: Handlers): Hono {
  const app = new Hono();
  const byPath = new Map<string, EndpointSpec[]>();
  for (const spec of Object.values(endpoints) as EndpointSpec[]) {
    byPath.set(spec.path, [...(byPath.get(spec.path) ?? []), spec]);
  }
  for (const [path, specs] of byPath) {
    app.on(['GET', 'POST'], path, (c) => run(c, state, options, handlers, specs));
  }
  return app;
}

/**
 * Answers a path outside the table the way WeChat answers an API the account may not call (48001), counted in the
 * statistics like any other call.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * new Hono().all('/cgi-bin/*', (c) => unknownApi(c, state));
 * ```
 */
export function unknownApi(c: Context, state: EmulatorState): Response {
  countCall(state, c.req.path);
  state.markModified();
  return errorResponse(c, state, new WxError(48001), '', Date.now());
}

/**
 * WeChat's steps before an API runs, in its order: the injected fault, the method, the credential, the body, the
 * quota. Returns the handler's call; `read.bodyText` keeps the body for the rid log even when a step fails.
 */
async function prepareCall(
  c: Context,
  state: EmulatorState,
  options: RunnerOptions,
  specs: EndpointSpec[],
  read: { bodyText: string },
): Promise<Call> {
  const path = c.req.path;
  const fault = takeFault(state, path);
  if (fault) {
    const error = await playFault(fault, c.req.raw.signal, options.maxHoldMs);
    if (error) throw error;
  }
  // WeChat's GET endpoints also take POST; its POST endpoints refuse GET with 43002.
  const spec =
    specs.find((s) => s.method === c.req.method) ?? (c.req.method === 'POST' ? specs[0] : undefined);
  if (spec === undefined) fail(43002);
  const query = c.req.query();
  const call: Call = {
    state,
    options,
    spec,
    query,
    body: {},
    form: undefined,
    raw: { bytes: new Uint8Array(0), contentType: c.req.header('content-type') ?? '' },
    origin: new URL(c.req.url).origin,
  };
  if (spec.auth === 'access_token') checkAccessToken(state, query['access_token']);
  if (spec.request === 'json') {
    read.bodyText = await c.req.text();
    // Endpoints read both ways (`echoQuery`) also take the query alone, without a body.
    call.body = spec.echoQuery && read.bodyText.trim() === '' ? {} : parseBody(read.bodyText);
  }
  if (spec.auth === 'appid' || spec.auth === 'appid+secret') {
    checkCredentials(state, spec, credentialSource(spec, call));
  }
  if (spec.request === 'multipart') call.form = await parseForm(c);
  if (spec.request === 'raw') call.raw.bytes = new Uint8Array(await c.req.arrayBuffer());
  useQuota(state, path);
  return call;
}

async function run(
  c: Context,
  state: EmulatorState,
  options: RunnerOptions,
  handlers: Handlers,
  specs: EndpointSpec[],
): Promise<Response> {
  const started = Date.now();
  countCall(state, c.req.path);
  const read = { bodyText: '' };
  try {
    const call = await prepareCall(c, state, options, specs, read);
    const handler = handlers[call.spec.name] ?? fail(48001, 'api unauthorized (not emulated)');
    const result = await handler(call);
    return result instanceof Response ? result : jsonResponse(result);
  } catch (err) {
    if (err instanceof WxError) return errorResponse(c, state, err, read.bodyText, started);
    options.logger.error({ err, endpoint: c.req.path }, 'emulator platform handler failed');
    return errorResponse(c, state, new WxError(-1), read.bodyText, started);
  } finally {
    // Every call changes the stored data: the call count and the quota, and mostly what the handler did.
    state.markModified();
  }
}

/** Where the credentials are read: the JSON body, the query, or both for the endpoints read both ways. */
function credentialSource(spec: EndpointSpec, call: Call): Record<string, unknown> {
  if (spec.request !== 'json') return call.query;
  return spec.echoQuery ? { ...call.query, ...call.body } : call.body;
}

function parseBody(text: string): Record<string, unknown> {
  if (text.trim() === '') fail(44002);
  let parsed: unknown;
  try {
    // 64-bit ids (msg_id, publish_id…) arrive as bare integers; keep them exact.
    parsed = parseJson(text);
  } catch {
    fail(47001);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail(47001);
  return parsed as Record<string, unknown>;
}

async function parseForm(c: Context): Promise<FormData> {
  try {
    return await c.req.raw.formData();
  } catch {
    return fail(41005);
  }
}

/**
 * Checks the AppID (and AppSecret) of the endpoints that take them instead of a token, in WeChat's order:
 * grant_type (40002), appid (41002 missing, 40013 wrong), secret (41004 missing, 40125 wrong).
 *
 * @example
 * ```ts
 * import { endpoints } from 'wxmp/api';
 * const { appId: appid, appSecret: secret } = state.account;
 * checkCredentials(state, endpoints['token.get'], { grant_type: 'client_credential', appid, secret }); // passes
 * ```
 */
export function checkCredentials(
  state: EmulatorState,
  spec: EndpointSpec,
  source: Record<string, unknown>,
): void {
  const grantType = spec.fixedQuery?.['grant_type'];
  if (grantType !== undefined && source['grant_type'] !== grantType) fail(40002);
  const appid = source['appid'];
  if (typeof appid !== 'string' || appid === '') fail(41002);
  if (appid !== state.account.appId) fail(40013);
  if (spec.auth !== 'appid+secret') return;
  const secret = source[spec.secretParam ?? 'secret'];
  if (typeof secret !== 'string' || secret === '') fail(41004);
  if (secret !== state.account.appSecret) fail(40125);
}

function errorResponse(
  c: Context,
  state: EmulatorState,
  error: WxError,
  bodyText: string,
  started: number,
): Response {
  const rid = newRid(state.now());
  const body = errorBody(error, rid);
  const url = new URL(c.req.url);
  recordRid(state, {
    rid,
    invoke_time: Math.floor(state.now() / 1000),
    cost_in_ms: Date.now() - started,
    // The rid log is readable through the API: never keep a token or secret in it.
    request_url: redactSecrets(url.pathname + url.search),
    request_body: redactSecrets(bodyText.slice(0, 4096)).replace(
      /("(?:secret|appsecret)"\s*:\s*)"[^"]*"/g,
      '$1"[redacted]"',
    ),
    response_body: JSON.stringify(body),
    client_ip: '127.0.0.1',
  });
  return jsonResponse(body);
}
