/**
 * The consent page of the one-time subscription message (一次性订阅消息): the URL to send a fan to, on
 * mp.weixin.qq.com. After the fan's choice WeChat sends them to `redirect_url` with `openid`, `template_id`,
 * `action` (`confirm` or `cancel`), `scene` and `reserved`; with `confirm` the account may send that fan one
 * message of that template and scene (`subscribe.sendOneTime`).
 * @see https://developers.weixin.qq.com/doc/service/api/notify/subscribe/api_templatesubscribe.html
 * @module
 */
import { WeChatError } from '../../errors.js';

/**
 * Inputs of {@link buildSubscribeConsentUrl}.
 *
 * @example
 * ```ts
 * const options: SubscribeConsentOptions = { appId: 'wx520c15f417810387', templateId: 'TPL', scene: 1000, redirectUrl: 'https://example.com/sub' };
 * const url = buildSubscribeConsentUrl(options); // send the fan there
 * ```
 */
export interface SubscribeConsentOptions {
  appId: string;
  /** The one-time subscription template of the account (set in the web console). */
  templateId: string;
  /** 0–10000; names the reason for the subscription, sent back and given again to `sendOneTime`. */
  scene: number;
  /** Where WeChat sends the fan back; on the account's authorization domain. */
  redirectUrl: string;
  /** Echoed back; letters and digits, at most 128. Use it against CSRF. */
  reserved?: string;
  /** Default `https://mp.weixin.qq.com`. */
  origin?: string;
}

/**
 * The consent URL, checked: `REQUEST_INVALID` for a scene outside 0–10000, a `reserved` that is not 0–128 letters
 * or digits, or a redirect that is not an http(s) URL.
 *
 * @example
 * ```ts
 * buildSubscribeConsentUrl({ appId: 'wx520c15f417810387', templateId: 'TPL', scene: 1000, redirectUrl: 'https://example.com/sub', reserved: 'r1' });
 * // 'https://mp.weixin.qq.com/mp/subscribemsg?action=get_confirm&appid=wx520c15f417810387&scene=1000
 * //  &template_id=TPL&redirect_url=https%3A%2F%2Fexample.com%2Fsub&reserved=r1#wechat_redirect'
 * ```
 */
export function buildSubscribeConsentUrl(options: SubscribeConsentOptions): string {
  const { appId, templateId, scene, redirectUrl } = options;
  const reserved = options.reserved ?? '';
  if (!Number.isInteger(scene) || scene < 0 || scene > 10_000)
    throw new WeChatError('REQUEST_INVALID', `The subscription scene is 0 to 10000 (got ${scene})`, {
      hint: 'Pick a whole number per reason you ask for consent',
    });
  if (!/^[a-zA-Z0-9]{0,128}$/.test(reserved))
    throw new WeChatError('REQUEST_INVALID', 'reserved must be at most 128 letters or digits', {
      hint: 'Use e.g. a random hex string and keep the rest of your data server-side',
    });
  if (!/^https?:\/\/[^\s]+$/.test(redirectUrl))
    throw new WeChatError('REQUEST_INVALID', 'redirect_url must be an http(s) URL', {
      hint: 'Give the page on your authorization domain that receives the fan’s choice',
    });
  const origin = (options.origin ?? 'https://mp.weixin.qq.com').replace(/\/+$/, '');
  return (
    `${origin}/mp/subscribemsg?action=get_confirm&appid=${encodeURIComponent(appId)}&scene=${scene}` +
    `&template_id=${encodeURIComponent(templateId)}&redirect_url=${encodeURIComponent(redirectUrl)}` +
    `&reserved=${reserved}#wechat_redirect`
  );
}
