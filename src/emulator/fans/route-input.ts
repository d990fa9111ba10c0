/**
 * What the fan-action API (and the page's settings) accept: bodies read as JSON and checked with zod at this trust
 * boundary, each failure a 400 that names the field; a {@link FanActionError} becomes its status and message.
 * @module
 */
import type { Context, ErrorHandler } from 'hono';
import { z } from 'zod';
import { FanActionError } from './action-error.js';

/** Files travel as base64 in JSON; WeChat's largest (video) is 10 MB, so 16 MB of base64 is enough. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

const file = z.object({
  data: z.string().min(1).max(MAX_BODY_BYTES),
  contentType: z.string().max(200).default('application/octet-stream'),
  filename: z.string().max(200).default('file'),
});
const latitude = z.number().min(-90).max(90);
const article = z.object({
  msg_data_id: z.string().regex(/^\d{1,20}$/, 'msg_data_id: the digits of the send'),
  index: z.number().int().min(0).max(19).default(0),
});
const longitude = z.number().min(-180).max(180);

/**
 * The body of each fan action.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * new Hono().post('/say', async (c) => {
 *   const { content } = await readInput(c, FAN_INPUT.text); // a 400 FanActionError without content
 *   return c.json({ said: content });
 * });
 * ```
 */
export const FAN_INPUT = {
  fan: z.object({
    openid: z
      .string()
      .regex(/^[\w-]{6,64}$/, 'openid: 6-64 letters, digits, _ or -')
      .optional(),
    nickname: z.string().min(1).max(32).optional(),
    following: z.boolean().optional(),
    language: z.string().max(16).optional(),
  }),
  text: z.object({ content: z.string().min(1).max(2048), bizMsgMenuId: z.string().max(64).optional() }),
  file: z.object({ file }),
  video: z.object({ file, thumb: file.optional() }),
  location: z.object({
    latitude,
    longitude,
    scale: z.number().int().min(1).max(20).optional(),
    label: z.string().max(200).optional(),
  }),
  link: z.object({
    title: z.string().min(1).max(200),
    description: z.string().max(500).optional(),
    url: z.url(),
  }),
  menu: z
    .object({
      path: z.array(z.number().int().min(0).max(4)).min(1).max(2).optional(),
      key: z.string().min(1).max(128).optional(),
      scanResult: z.string().max(2048).optional(),
      scanType: z.string().max(32).optional(),
      photo: file.optional(),
      location: z
        .object({
          latitude,
          longitude,
          scale: z.number().int().optional(),
          label: z.string().max(200).optional(),
          poiname: z.string().max(200).optional(),
        })
        .optional(),
    })
    .refine((b) => (b.path === undefined) !== (b.key === undefined), 'give either path (indexes) or key'),
  scan: z.object({ ticket: z.string().min(1).max(512) }),
  subscribePopup: z.object({
    scene: z.union([z.literal(1), z.literal(2)]).default(2),
    templates: z
      .array(z.object({ template_id: z.string().min(1).max(64), accept: z.boolean() }))
      .min(1)
      .max(10),
  }),
  subscribeReject: z.object({ template_id: z.string().min(1).max(64) }),
  subscribeOnce: z.object({
    template_id: z.string().min(1).max(64),
    scene: z.string().regex(/^\d{1,5}$/, 'scene: 0 to 10000'),
    redirect_url: z.url(),
    reserved: z.string().max(128).optional(),
    action: z.enum(['confirm', 'cancel']),
  }),
  article,
  comment: article.extend({ content: z.string().min(1).max(600) }),
  commentDelete: article.extend({ user_comment_id: z.number().int().min(1) }),
  report: z.object({ latitude, longitude, precision: z.number().min(0).optional() }),
};

/**
 * The request's JSON body checked by `schema` (an empty body is `{}`); a 400 {@link FanActionError} otherwise.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * new Hono().post('/scan', async (c) => c.json(await readInput(c, FAN_INPUT.scan))).onError(answerFanActionError);
 * ```
 */
export async function readInput<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown = {};
  const text = await c.req.text();
  if (text.trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new FanActionError(400, 'the body must be JSON');
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new FanActionError(
      400,
      parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  }
  return parsed.data;
}

/**
 * Answers a {@link FanActionError} with its status and `{ error }`; anything else goes on to Hono's handler.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * new Hono().onError(answerFanActionError);
 * ```
 */
export const answerFanActionError: ErrorHandler = (err, c) => {
  if (err instanceof FanActionError) return c.json({ error: err.message }, err.status);
  throw err;
};
