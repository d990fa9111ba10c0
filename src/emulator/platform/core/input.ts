/**
 * Request fields checked with zod, each failure answered with the WeChat code the endpoint documents for that field
 * (WeChat names the field by its code, not by a message).
 * @module
 */
import { z } from 'zod';
import { fail } from './respond.js';

/**
 * An integer sent either as a JSON number or as a string of digits (WeChat documents some codes and ids as strings,
 * and the body parser keeps 64-bit ids as strings).
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * const body: Record<string, unknown> = { msgid: '65416' };
 * const msgid = field(body, 'msgid', INTEGER.pipe(z.number().min(1)), 65416); // 65416, a number
 * ```
 */
export const INTEGER = z.union([z.string().regex(/^\d+$/).transform(Number), z.number().int()]);

/**
 * `source[name]` parsed by `schema`; otherwise it throws the WeChat error `errcode`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * const body: Record<string, unknown> = { nickname: '客服1' };
 * const nickname = field(body, 'nickname', z.string().min(1).max(16), 65403); // '客服1'; WxError(65403) if absent
 * ```
 */
export function field<T>(
  source: Readonly<Record<string, unknown>>,
  name: string,
  schema: z.ZodType<T>,
  errcode: number,
): T {
  const parsed = schema.safeParse(source[name]);
  return parsed.success ? parsed.data : fail(errcode);
}
