/**
 * Why a developer's server refused the emulator's push, in the settings' words: a 401 "invalid signature" is almost
 * always a Token that differs between the two, and saying so (with where to look) saves the newcomer the hunt. The
 * answer's text is matched as wxmp's webhook words it, and as most other servers word the same refusals.
 * @module
 */

/** Causes by HTTP status and what the body says, first match wins. */
const CAUSES: { status: number; body: RegExp; cause: string }[] = [
  {
    status: 401,
    body: /signature/i,
    cause: "your server's WECHAT_TOKEN differs from the emulator's: Settings → Token",
  },
  {
    status: 401,
    body: /timestamp/i,
    cause: "your server's clock differs from the emulator's by more than its timestamp window",
  },
  {
    status: 401,
    body: /mode/i,
    cause: "your server's WECHAT_MESSAGE_MODE differs from the emulator's mode: Settings → mode",
  },
  {
    status: 400,
    body: /appid/i,
    cause: "your server's WECHAT_APPID differs from the emulator's: Settings → AppID",
  },
  {
    status: 400,
    body: /encrypt|padding|base64/i,
    cause: "your server's WECHAT_ENCODING_AES_KEY differs from the emulator's: Settings → EncodingAESKey",
  },
  {
    status: 500,
    body: /encodingaeskey|encoding_aes_key/i,
    cause:
      'your server has no WECHAT_ENCODING_AES_KEY and the emulator pushes encrypted: set it (Settings → EncodingAESKey), or choose plain mode',
  },
];

/**
 * The cause of a refusal (`status`, `body`) when one is known, else undefined.
 *
 * @example
 * ```ts
 * refusalCause(401, 'invalid signature'); // "your server's WECHAT_TOKEN differs from the emulator's: Settings → Token"
 * ```
 */
export function refusalCause(status: number, body: string): string | undefined {
  const text = body.slice(0, 500);
  const found = CAUSES.find((c) => c.status === status && c.body.test(text))?.cause;
  if (found) return found;
  if (status === 404)
    return 'nothing answers at that path on your server: check the webhook URL (Settings → webhook URL)';
  if (status === 405)
    return 'your server does not take POST at that URL: check the webhook URL (Settings → webhook URL)';
  return undefined;
}
