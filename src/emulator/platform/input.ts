/**
 * Request fields checked with zod, each failure answered with the WeChat code the endpoint documents for that field
 * (WeChat names the field by its code, not by a message).
 * @module
 */
import type { z } from 'zod';
import { fail } from './respond.js';

/**
 * `source[name]` parsed by `schema`; otherwise it throws the WeChat error `errcode`.
 *
 * @example
 * ```ts
 * const nickname = field(body, 'nickname', z.string().min(1).max(16), 65403);
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
