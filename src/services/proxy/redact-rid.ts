/**
 * Taking the secrets out of WeChat's answer to `openapi/rid/get` before a proxy caller sees it.
 * @module
 */
import { redactSecrets } from '../../errors.js';

/**
 * WeChat's answer to openapi/rid/get echoes the failed call's URL (with `access_token=`) and bodies (stable_token's
 * holds the AppSecret); proxy callers must see neither. Literal occurrences of `secrets` (the proxy's own token and
 * AppSecret) are replaced too, whatever field holds them.
 *
 * @example
 * ```ts
 * redactRidAnswer('{"errcode":0,"request":{"request_url":"access_token=TOKEN_1&cgi_path=/cgi-bin/menu/get"}}', ['TOKEN_1']);
 * // '{"errcode":0,"request":{"request_url":"access_token=[redacted]&cgi_path=/cgi-bin/menu/get"}}'
 * ```
 */
export function redactRidAnswer(text: string, secrets: readonly (string | undefined)[]): string {
  let redacted = redactSecrets(text);
  try {
    // The bodies are JSON inside JSON strings: redact them decoded, so escaped quotes do not hide a `"secret"`.
    const answer = JSON.parse(redacted) as { request?: Record<string, unknown> | null } | null;
    const request = answer?.request;
    if (request && typeof request === 'object') {
      for (const field of ['request_url', 'request_body', 'response_body']) {
        const value = request[field];
        if (typeof value === 'string') request[field] = redactSecrets(value);
      }
      redacted = JSON.stringify(answer);
    }
  } catch {
    // Not JSON: the text-level redaction above is all we can do.
  }
  for (const secret of secrets) if (secret) redacted = redacted.split(secret).join('[redacted]');
  return redacted;
}
