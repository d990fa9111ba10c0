/**
 * How the token server answers: JSON, never cached, and every failure mapped to one status in one place.
 * @module
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { errorMessage, WeChatApiError, WeChatError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { readRequestBody } from '../../webhook/adapters/fetch.js';

/**
 * The largest body the token server reads: its bodies are one token or ticket (at most 2048 characters) in JSON.
 *
 * @example
 * ```ts
 * import { readRequestBody } from 'wxmp/adapters/fetch';
 * const request = new Request('http://127.0.0.1/token/invalidate', { method: 'POST', body: '{}' });
 * const bytes = await readRequestBody(request, MAX_JSON_BODY_BYTES); // undefined past 8 KiB
 * ```
 */
export const MAX_JSON_BODY_BYTES = 8 * 1024;

/**
 * A refusal of the request itself (bad body or query, unserved ticket type), answered as `{ error, message }`.
 *
 * @example
 * ```ts
 * throw new RequestError(400, 'BAD_REQUEST', 'type must be jsapi or wx_card');
 * ```
 */
export class RequestError extends Error {
  constructor(
    readonly status: 400 | 404 | 413 | 429,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Answers with what `produce` returns, uncached (`cache-control: no-store`); a {@link RequestError} becomes its
 * status, a `WeChatError` 429 (the call cap), 502 (WeChat refused, with its `errcode`) or 503, anything else 500.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createTokenManager } from 'wxmp/token';
 * const tokens = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! });
 * new Hono().get('/token', (c) => answer(c, logger, async () => ({ access_token: await tokens.getToken() })));
 * ```
 */
export async function answer(c: Context, logger: Logger, produce: () => Promise<object>): Promise<Response> {
  c.header('cache-control', 'no-store');
  try {
    return c.json(await produce());
  } catch (err) {
    if (err instanceof RequestError) {
      if (err.status === 413) c.header('connection', 'close');
      return c.json({ error: err.code, message: err.message }, err.status);
    }
    if (err instanceof WeChatError) {
      const status = err.code === 'RATE_LIMITED' ? 429 : err instanceof WeChatApiError ? 502 : 503;
      logger.warn({ code: err.code, err: err.message }, 'token server: could not serve a credential');
      return c.json(
        {
          error: err.code,
          message: err.message,
          ...(err instanceof WeChatApiError ? { errcode: err.errcode } : {}),
        },
        status,
      );
    }
    logger.error({ err: errorMessage(err) }, 'token server: unexpected error');
    return c.json({ error: 'INTERNAL', message: 'Unexpected error; see the token server log' }, 500);
  }
}

/**
 * Reads (as a stream, stopping at {@link MAX_JSON_BODY_BYTES}: 413 past it, chunked or not) and validates a JSON
 * body; a 400 names the body `expected` (never echoing what was sent).
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { z } from 'zod';
 * import { createTokenManager } from 'wxmp/token';
 * const tokens = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! });
 * new Hono().post('/token/invalidate', (c) =>
 *   answer(c, logger, async () => {
 *     const { access_token } = await jsonBody(c, z.object({ access_token: z.string() }), '{"access_token": "…"}');
 *     await tokens.invalidate(access_token); // a body without it was answered 400
 *     return { ok: true };
 *   }),
 * );
 * ```
 */
export async function jsonBody<T>(c: Context, schema: z.ZodType<T>, expected: string): Promise<T> {
  const bytes = await readRequestBody(c.req.raw, MAX_JSON_BODY_BYTES);
  if (bytes === undefined)
    throw new RequestError(413, 'BODY_TOO_LARGE', `Bodies are limited to ${MAX_JSON_BODY_BYTES} bytes`);
  const parsed = schema.safeParse(parseJson(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)));
  if (!parsed.success) throw new RequestError(400, 'BAD_REQUEST', `Send a JSON body ${expected}`);
  return parsed.data;
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * `expires_at` (Unix seconds) and `expires_in` (seconds left) of a credential, or both `null` when unknown.
 *
 * @example
 * ```ts
 * expiryFields(Date.now() + 7_200_000, Date.now()); // { expires_at: …, expires_in: 7200 }
 * ```
 */
export function expiryFields(
  expiresAt: number | undefined,
  now: number,
): { expires_at: number | null; expires_in: number | null } {
  // Only when the credential changed between our two reads (a refresh landed in between) is the expiry unknown.
  if (expiresAt === undefined) return { expires_at: null, expires_in: null };
  return {
    expires_at: Math.floor(expiresAt / 1000),
    expires_in: Math.max(0, Math.floor((expiresAt - now) / 1000)),
  };
}
