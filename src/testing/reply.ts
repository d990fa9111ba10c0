/**
 * Reading a webhook's answer back the way WeChat reads it, for users' own tests.
 * @module
 */
import { WeChatError } from '../errors.js';
import { checkReply } from '../push/request.js';
import type { Reply } from '../replies/types.js';
import { TEST_ACCOUNT_ID, TEST_FAN_OPENID, type TestKeys } from './requests.js';

/** The core's `{ status, body }` (from `webhook.handle()`), or a fetch `Response` (from `fetch`, `app.request()`). */
export type AnyResponse = { status: number; body: string } | Response;

/**
 * Decodes an answer into its `Reply` as WeChat would: HTTP 200; `success` or empty; or reply XML addressed back to
 * the fan, inside a valid signed envelope in safe mode. Anything WeChat would refuse throws `REPLY_INVALID` with the
 * reason (a refused push's status and body included), so a test fails with a useful message.
 *
 * Pass the same keys as to `signedRequest` (mode, and `from`/`to` if you changed them). `answersUserMessage`
 * enforces the one-article rule for news replies to a fan's message.
 *
 * @example
 * ```ts
 * import { expect } from 'vitest';
 * import { signedRequest } from './requests.js';
 * const keys = { token: 'AAAAA' };
 * const res = await webhook.handle(signedRequest.text('hi', keys));
 * expect(await readReply(res, keys)).toEqual({ type: 'text', content: 'hi' });
 * const forged = signedRequest.text('hi', { token: 'WRONG' });
 * await expect(readReply(await webhook.handle(forged), keys)).rejects.toThrow(/HTTP status 401/);
 * ```
 */
export async function readReply(
  response: AnyResponse,
  keys: TestKeys & { answersUserMessage?: boolean },
): Promise<Reply> {
  const body = typeof response.body === 'string' ? response.body : await (response as Response).text();
  const verdict = checkReply(response.status, body, {
    keys: {
      token: keys.token,
      mode: keys.mode ?? 'plain',
      appId: keys.appId,
      encodingAESKey: keys.encodingAESKey,
    },
    fan: keys.from ?? TEST_FAN_OPENID,
    account: keys.to ?? TEST_ACCOUNT_ID,
    answersUserMessage: keys.answersUserMessage ?? false,
  });
  if (verdict.ok) return verdict.reply;
  const said = response.status !== 200 && body !== '' ? ` (the webhook said: ${body.slice(0, 200)})` : '';
  throw new WeChatError('REPLY_INVALID', `WeChat would not accept this answer: ${verdict.reason}${said}`);
}
